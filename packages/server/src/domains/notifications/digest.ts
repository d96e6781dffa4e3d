import { copenhagenDate } from '@council/shared';
import type { Db } from '../../db/connection.ts';
import type { MailOutbox } from './mailOutbox.ts';

const hourInCopenhagen = (at: Date) =>
  Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', hourCycle: 'h23' }).format(at),
  );

/** How often the clock is looked at; a digest goes out within this of its hour. */
const TICK_MS = 60_000;

/**
 * The daily digest: once a person's hour has come (Europe/Copenhagen), what waits for the digest
 * becomes one mail. The mail's key is the person and the day, so however often this runs, and
 * whatever restarts, a person gets one digest a day; a start after downtime sends the day's digest
 * late rather than not at all. What arrives after the day's digest waits for the next day's.
 */
export class DigestScheduler {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly outbox: MailOutbox,
    private readonly queued: () => void,
  ) {}

  /** Makes the digests due at `now`; returns how many. */
  tick(now = new Date()): number {
    const day = copenhagenDate(now);
    const due = this.db
      .prepare<[number], { id: string }>(
        `SELECT DISTINCT n.recipient_id AS id FROM notifications n JOIN people p ON p.id = n.recipient_id
         WHERE n.mail = 'digest' AND n.digest_mail_id IS NULL AND p.digest_hour <= ?`,
      )
      .all(hourInCopenhagen(now));
    let made = 0;
    for (const { id } of due) {
      this.db.transaction(() => {
        // Due at once, whatever clock `now` came from (tests read a later day's).
        const mailId = this.outbox.enqueue(
          { recipientId: id, dedupeKey: `digest:${id}:${day}`, digestDay: day },
          new Date().toISOString(),
        );
        if (mailId === null) return; // today's went already: these wait for tomorrow's
        this.db
          .prepare(
            "UPDATE notifications SET digest_mail_id = ? WHERE recipient_id = ? AND mail = 'digest' AND digest_mail_id IS NULL",
          )
          .run(mailId, id);
        made += 1;
      })();
    }
    if (made > 0) this.queued();
    return made;
  }

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
