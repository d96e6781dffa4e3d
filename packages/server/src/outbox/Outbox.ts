import type { AgendaItemInput } from '@council/shared';
import type { Db } from '../db/connection.ts';
import type { Logger } from '../logger.ts';

/** What each kind of entry carries; a handler must be idempotent, as an entry may be applied twice. */
export interface OutboxPayloads {
  /** An approved meeting's action point becomes a task on its group's board. */
  'group.task': {
    groupId: string;
    taskId: string;
    title: string;
    assigneeId?: string;
    due?: string;
    description: string;
  };
  /** A document is projected again: after a migration adds a read model that existing documents must fill. */
  'document.project': { name: string };
  /** A reply to an invitation reaches the meeting's attendance: a decline as apologies, an acceptance takes them back. */
  'meeting.rsvp': { meetingId: string; personId: string; response: 'accepted' | 'declined' };
  /** A proposal from the agenda backlog becomes an item on the meeting's live agenda (once, by its id). */
  'meeting.agendaItem': { meetingId: string; item: AgendaItemInput };
  /** A meeting's papers changed (or their text was read): their rows in the search index are written again. */
  'papers.index': { meetingId: string };
}
export type OutboxKind = keyof OutboxPayloads;
export type OutboxHandlers = { [K in OutboxKind]: (payload: OutboxPayloads[K]) => Promise<void> };

/**
 * A durable outbox: a command adds entries inside its own transaction, so they commit or roll back
 * with it; `drain` applies them afterwards, and at every start, so that a crash between the commit
 * and the side effect delays it but never loses it. A failing entry stays pending with its error
 * and is tried again at the next drain; it does not hold up the others.
 */
export class Outbox {
  private draining: Promise<void> | null = null;
  private handlers: OutboxHandlers | null = null;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  /** Set once the collaborators the handlers need exist (they need the live documents). */
  handle(handlers: OutboxHandlers): void {
    this.handlers = handlers;
  }

  /** Adds an entry; call it inside the transaction of the command it belongs to. */
  add<K extends OutboxKind>(kind: K, payload: OutboxPayloads[K]): void {
    this.db
      .prepare('INSERT INTO outbox (kind, payload, created_at) VALUES (?, ?, ?)')
      .run(kind, JSON.stringify(payload), new Date().toISOString());
  }

  pending(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM outbox WHERE done_at IS NULL').get() as { n: number }).n;
  }

  /** Applies every pending entry in order; concurrent calls share one run. */
  drain(): Promise<void> {
    this.draining ??= this.run().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async run(): Promise<void> {
    const handlers = this.handlers;
    if (!handlers) return;
    const entries = this.db
      .prepare<[], { id: number; kind: string; payload: string }>(
        'SELECT id, kind, payload FROM outbox WHERE done_at IS NULL ORDER BY id',
      )
      .all();
    for (const entry of entries) {
      const handler = handlers[entry.kind as OutboxKind] as ((payload: unknown) => Promise<void>) | undefined;
      try {
        if (!handler) throw new Error(`no handler for outbox entries of kind ${entry.kind}`);
        await handler(JSON.parse(entry.payload));
        this.db
          .prepare('UPDATE outbox SET done_at = ?, attempts = attempts + 1 WHERE id = ?')
          .run(new Date().toISOString(), entry.id);
      } catch (err) {
        this.logger.error({ err, outbox: entry.id, kind: entry.kind }, 'outbox entry failed; it stays pending');
        this.db
          .prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?')
          .run(err instanceof Error ? err.message : String(err), entry.id);
      }
    }
  }
}
