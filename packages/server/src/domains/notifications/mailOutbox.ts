import type { Db } from '../../db/connection.ts';

/** A mail waiting to be sent, as the sender reads it. */
export interface PendingMail {
  id: number;
  recipientId: string;
  notificationId: number | null;
  digestDay: string | null;
  /** An account link's mail (an invitation, a password reset), written when it is sent. */
  accountTokenId: string | null;
  attempts: number;
}

/** Waits between attempts: 30 s, doubling, at most 10 min; a mail waits for the server however long it is down. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

/**
 * The `mail_outbox` table: mail written in the transaction of what it tells, sent afterwards. The
 * unique dedupe key makes a notification's mail, and a person's digest of a day, exist once.
 */
export class MailOutbox {
  /** Prepared once: an event to hundreds of people may write hundreds of mails. */
  private readonly insertRow;

  constructor(private readonly db: Db) {
    this.insertRow = db.prepare(
      `INSERT OR IGNORE INTO mail_outbox (recipient_id, dedupe_key, notification_id, digest_day, account_token_id, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Returns the new row's id, or null if a mail with this key exists already. */
  enqueue(
    mail: {
      recipientId: string;
      dedupeKey: string;
      notificationId?: number;
      digestDay?: string;
      accountTokenId?: string;
    },
    now: string,
  ): number | null {
    const result = this.insertRow.run(
      mail.recipientId,
      mail.dedupeKey,
      mail.notificationId ?? null,
      mail.digestDay ?? null,
      mail.accountTokenId ?? null,
      now,
      now,
    );
    return result.changes === 1 ? Number(result.lastInsertRowid) : null;
  }

  /** Every pending mail due now: at start, when the mail server may have been mended meanwhile. */
  retryNow(now: string): void {
    this.db
      .prepare("UPDATE mail_outbox SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ?")
      .run(now, now);
  }

  due(now: string, limit: number): PendingMail[] {
    return this.db
      .prepare<[string, number], PendingMail>(
        `SELECT id, recipient_id AS recipientId, notification_id AS notificationId, digest_day AS digestDay,
                account_token_id AS accountTokenId, attempts
         FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
      )
      .all(now, limit);
  }

  /** When the next pending mail is due, or null if none waits. */
  nextDue(): string | null {
    return (
      this.db
        .prepare<[], { at: string | null }>(
          "SELECT min(next_attempt_at) AS at FROM mail_outbox WHERE status = 'pending'",
        )
        .get()?.at ?? null
    );
  }

  sent(id: number, subject: string, now: string): void {
    this.db
      .prepare(
        "UPDATE mail_outbox SET status = 'sent', subject = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
      )
      .run(subject, now, id);
  }

  failed(id: number, attempts: number, error: string, now: Date): void {
    this.db
      .prepare('UPDATE mail_outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?')
      .run(attempts, error, new Date(now.getTime() + backoffMs(attempts)).toISOString(), id);
  }

  /** A mail that can never be sent (its person or notification is gone): done, with why. */
  dropped(id: number, why: string, now: string): void {
    this.db
      .prepare("UPDATE mail_outbox SET status = 'sent', last_error = ?, sent_at = ? WHERE id = ?")
      .run(`not sent: ${why}`, now, id);
  }

  /** The newest mail, for admins' "Outgoing mail" page. */
  recent(limit: number) {
    return this.db
      .prepare<
        [number],
        {
          id: number;
          recipient: string;
          email: string;
          subject: string | null;
          status: 'pending' | 'sent';
          attempts: number;
          lastError: string | null;
          createdAt: string;
          sentAt: string | null;
        }
      >(
        `SELECT o.id, p.name AS recipient, p.email, o.subject, o.status, o.attempts, o.last_error AS lastError,
                o.created_at AS createdAt, o.sent_at AS sentAt
         FROM mail_outbox o JOIN people p ON p.id = o.recipient_id ORDER BY o.id DESC LIMIT ?`,
      )
      .all(limit);
  }
}
