import {
  DEFAULT_DELIVERY,
  type Delivery,
  NOTIFICATION_KINDS,
  type Notification,
  type NotificationKind,
  type NotificationPreferences,
  type UpdateNotificationPreferences,
} from '@council/shared';
import type { Db } from '../../db/connection.ts';

interface Row {
  id: number;
  kind: NotificationKind;
  params: string;
  url: string;
  createdAt: string;
  readAt: string | null;
}

/** Stored params: the message's values, and `lines` under it (kept in the same JSON column). */
interface StoredParams {
  values: Record<string, string>;
  lines: string[];
}

const toNotification = (row: Row): Notification => {
  const { values, lines } = JSON.parse(row.params) as StoredParams;
  return {
    id: row.id,
    kind: row.kind,
    params: values,
    lines,
    url: row.url,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
};

/** What a notification's params column holds, serialized once for every recipient of an event. */
export const storedParams = (values: Record<string, string>, lines: string[]) =>
  JSON.stringify({ values, lines } satisfies StoredParams);

/** One row to write: who, what, and how mail carries it. */
export interface NewNotification {
  recipientId: string;
  kind: NotificationKind;
  dedupeKey: string;
  /** From `storedParams`. */
  params: string;
  url: string;
  actorId: string | null;
  mail: 'now' | 'digest' | 'none';
}

export class NotificationsRepo {
  /** Prepared once: an event to hundreds of people inserts hundreds of rows. */
  private readonly insertRow;

  constructor(private readonly db: Db) {
    this.insertRow = db.prepare(
      `INSERT OR IGNORE INTO notifications (recipient_id, kind, dedupe_key, params, url, actor_id, created_at, mail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Inserts it unless the person has one with the same dedupe key; returns the new id, or null. */
  insert(n: NewNotification, now: string): number | null {
    const result = this.insertRow.run(n.recipientId, n.kind, n.dedupeKey, n.params, n.url, n.actorId, now, n.mail);
    return result.changes === 1 ? Number(result.lastInsertRowid) : null;
  }

  list(personId: string, limit: number): Notification[] {
    return this.db
      .prepare<[string, number], Row>(
        `SELECT id, kind, params, url, created_at AS createdAt, read_at AS readAt FROM notifications
         WHERE recipient_id = ? ORDER BY id DESC LIMIT ?`,
      )
      .all(personId, limit)
      .map(toNotification);
  }

  byIds(ids: number[]): Notification[] {
    if (ids.length === 0) return [];
    return this.db
      .prepare<number[], Row>(
        `SELECT id, kind, params, url, created_at AS createdAt, read_at AS readAt FROM notifications
         WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`,
      )
      .all(...ids)
      .map(toNotification);
  }

  /** The notifications a digest mail carries, oldest first. */
  inDigest(mailId: number): Notification[] {
    return this.db
      .prepare<[number], Row>(
        `SELECT id, kind, params, url, created_at AS createdAt, read_at AS readAt FROM notifications
         WHERE digest_mail_id = ? ORDER BY id`,
      )
      .all(mailId)
      .map(toNotification);
  }

  unread(personId: string): number {
    return (
      this.db
        .prepare<[string], { n: number }>(
          'SELECT count(*) AS n FROM notifications WHERE recipient_id = ? AND read_at IS NULL',
        )
        .get(personId) as { n: number }
    ).n;
  }

  /** Marks one read; false if it is not the person's. */
  markRead(personId: string, id: number, now: string): boolean {
    const found = this.db
      .prepare('UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ? AND recipient_id = ?')
      .run(now, id, personId);
    return found.changes === 1;
  }

  markAllRead(personId: string, now: string): number {
    return this.db
      .prepare('UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL')
      .run(now, personId).changes;
  }

  preferences(personId: string): NotificationPreferences {
    const hour = this.db
      .prepare<[string], { digestHour: number }>('SELECT digest_hour AS digestHour FROM people WHERE id = ?')
      .get(personId);
    const chosen = new Map(
      this.db
        .prepare<[string], { kind: string; delivery: Delivery }>(
          'SELECT kind, delivery FROM notification_preferences WHERE person_id = ?',
        )
        .all(personId)
        .map((r) => [r.kind, r.delivery]),
    );
    return {
      digestHour: hour?.digestHour ?? 7,
      deliveries: Object.fromEntries(
        NOTIFICATION_KINDS.map((kind) => [kind, chosen.get(kind) ?? DEFAULT_DELIVERY[kind]]),
      ) as Record<NotificationKind, Delivery>,
    };
  }

  /** How each of `personIds` wants `kind` by mail. */
  deliveries(personIds: string[], kind: NotificationKind): Map<string, Delivery> {
    const chosen = new Map(
      personIds.length === 0
        ? []
        : this.db
            .prepare<string[], { personId: string; delivery: Delivery }>(
              `SELECT person_id AS personId, delivery FROM notification_preferences
               WHERE kind = ? AND person_id IN (${personIds.map(() => '?').join(', ')})`,
            )
            .all(kind, ...personIds)
            .map((r) => [r.personId, r.delivery]),
    );
    return new Map(personIds.map((id) => [id, chosen.get(id) ?? DEFAULT_DELIVERY[kind]]));
  }

  updatePreferences(personId: string, patch: UpdateNotificationPreferences): void {
    if (patch.digestHour !== undefined) {
      this.db.prepare('UPDATE people SET digest_hour = ? WHERE id = ?').run(patch.digestHour, personId);
    }
    const upsert = this.db.prepare(
      `INSERT INTO notification_preferences (person_id, kind, delivery) VALUES (?, ?, ?)
       ON CONFLICT (person_id, kind) DO UPDATE SET delivery = excluded.delivery`,
    );
    for (const [kind, delivery] of Object.entries(patch.deliveries ?? {})) upsert.run(personId, kind, delivery);
  }
}
