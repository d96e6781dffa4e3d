import type { NotificationKind } from '@council/shared';
import type { Db } from '../../db/connection.ts';
import { MailOutbox } from './mailOutbox.ts';
import { NotificationsRepo, storedParams } from './repo.ts';

/** One event, told to the people it concerns. */
export interface NotificationEvent {
  kind: NotificationKind;
  recipients: Iterable<string>;
  /** Who caused it; never told of their own doing. Null for what nobody did (a reminder). */
  actorId: string | null;
  /** Names the event: the same key for the same person is one notification, however often it is raised. */
  dedupeKey: string;
  values: Record<string, string>;
  lines?: string[];
  url: string;
}

/**
 * Writes notifications, and the mail that carries those wanted at once, in the transaction of the
 * command that raises them (`notify` must be called inside it): they commit with the command or not
 * at all, and the sender delivers what committed afterwards, also after a crash. `afterCommit` is
 * for the caller to run once its transaction has committed (it wakes the sender and the bells).
 */
export class Notifier {
  constructor(
    private readonly db: Db,
    private readonly repo: NotificationsRepo,
    private readonly mail: MailOutbox,
    private readonly woken: () => void,
  ) {}

  /** Returns how many people were told. */
  notify(event: NotificationEvent): number {
    const ids = [...new Set(event.recipients)].filter((id) => id !== event.actorId);
    if (ids.length === 0) return 0;
    // Deactivated people are told nothing; they cannot sign in to read it.
    const active = new Set(
      this.db
        .prepare<string[], { id: string }>(
          `SELECT id FROM people WHERE deactivated_at IS NULL AND id IN (${ids.map(() => '?').join(', ')})`,
        )
        .all(...ids)
        .map((r) => r.id),
    );
    const deliveries = this.repo.deliveries([...active], event.kind);
    const now = new Date().toISOString();
    const params = storedParams(event.values, event.lines ?? []);
    let told = 0;
    for (const recipientId of ids) {
      if (!active.has(recipientId)) continue;
      const delivery = deliveries.get(recipientId);
      const mail = delivery === 'now' ? 'now' : delivery === 'digest' ? 'digest' : 'none';
      const id = this.repo.insert(
        {
          recipientId,
          kind: event.kind,
          dedupeKey: event.dedupeKey,
          params,
          url: event.url,
          actorId: event.actorId,
          mail,
        },
        now,
      );
      if (id === null) continue;
      told += 1;
      if (mail === 'now') this.mail.enqueue({ recipientId, dedupeKey: `n:${id}`, notificationId: id }, now);
    }
    return told;
  }

  /** After the transaction that notified has committed: the sender and the bells hear of it. */
  afterCommit(): void {
    this.woken();
  }
}

/**
 * A notifier for projections, which run inside their own transaction and tell what a document's
 * change means (a task given, an agenda changed); whoever runs the projection wakes the sender.
 */
export function projectionNotifier(db: Db): Notifier {
  return new Notifier(db, new NotificationsRepo(db), new MailOutbox(db), () => {});
}
