import type { Locale, Notification, NotificationKind } from '@council/shared';
import type { Db } from '../../db/connection.ts';
import type { Logger } from '../../logger.ts';
import type { MailOutbox, PendingMail } from './mailOutbox.ts';
import type { NotificationsRepo } from './repo.ts';
import { type MailLinks, type Recipient, type RenderedMail, renderMail } from './templates.ts';
import type { MailTransport, OutgoingMail } from './transport.ts';
import type { UnsubscribeLinks } from './unsubscribe.ts';

/** The mail of an account link (an invitation, a reset), from the auth domain; null once the link is spent. */
export type AccountMailOf = (tokenId: string, to: Recipient) => RenderedMail | null;

/** The event a notification's mail carries to a person, from the domain that knows it. */
export type EventOf = (n: Notification, to: { name: string; email: string }) => OutgoingMail['icalEvent'];

/** How many mails one pass takes before it looks again (and lets other work run). */
const BATCH = 50;
/** How long shutdown waits for mail on its way. */
const STOP_WAIT_MS = 5000;
/** Mails on their way at once: as many as nodemailer's pool keeps connections open (5). */
const IN_FLIGHT = 5;

/**
 * Delivers what `mail_outbox` holds: woken after a command commits mail, and at start, and by a
 * timer for retries. A failed send stays pending and is tried again after a back-off (30 s doubling
 * to 10 min), however long the mail server is away. A mail is marked sent only after the server
 * accepted it; a crash in between sends it once more, with the same Message-ID.
 */
export class MailSender {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly outbox: MailOutbox,
    private readonly notifications: NotificationsRepo,
    private readonly transport: MailTransport,
    private readonly unsubscribe: UnsubscribeLinks,
    private readonly options: {
      from: string;
      appUrl: () => string;
      /** The calendar event a notification's mail carries, if any (meeting invitations). */
      eventOf?: EventOf;
      accountMail?: AccountMailOf;
    },
    private readonly logger: Logger,
  ) {}

  /** Something may be due: send it soon (after the current transaction, which is why not at once). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    setImmediate(() => {
      if (!this.stopped) void this.run();
    });
  }

  /** Sends everything due now; resolves when done (tests and shutdown wait on it). */
  run(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else this.schedule();
    });
    return this.running;
  }

  /**
   * No more sending: mail on its way is given a few seconds to finish (what does not is still
   * pending, and goes after the next start), then the transport closes.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    let waited: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise((resolve) => (waited = setTimeout(resolve, STOP_WAIT_MS)))]);
    clearTimeout(waited);
    this.transport.close();
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.outbox.nextDue();
    if (!next) return;
    this.timer = setTimeout(() => void this.run(), Math.max(0, new Date(next).getTime() - Date.now()) + 10);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    // Stopped: the database may be closed already (a projection at shutdown still wakes us).
    while (!this.stopped) {
      const due = this.outbox.due(new Date().toISOString(), BATCH);
      let next = 0;
      const worker = async () => {
        while (!this.stopped && next < due.length) await this.deliver(due[next++] as PendingMail);
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      if (due.length < BATCH) return;
    }
  }

  private recipient(id: string): (Recipient & { email: string; deactivatedAt: string | null }) | undefined {
    return this.db
      .prepare<[string], { name: string; email: string; locale: Locale; deactivatedAt: string | null }>(
        'SELECT name, email, locale, deactivated_at AS deactivatedAt FROM people WHERE id = ?',
      )
      .get(id);
  }

  private async deliver(mail: PendingMail): Promise<void> {
    const person = this.recipient(mail.recipientId);
    const now = new Date().toISOString();
    if (!person || person.deactivatedAt) return this.outbox.dropped(mail.id, 'no active recipient', now);
    if (mail.accountTokenId) {
      // An invitation or a reset: to the person even before they have signed in, nothing to unsubscribe from.
      const rendered = this.options.accountMail?.(mail.accountTokenId, person);
      if (!rendered) return this.outbox.dropped(mail.id, 'the link is spent', now);
      return this.send(mail, person, rendered, {});
    }
    const items = mail.notificationId
      ? this.notifications.byIds([mail.notificationId])
      : this.notifications.inDigest(mail.id);
    if (items.length === 0) return this.outbox.dropped(mail.id, 'nothing to tell', now);
    const target = mail.notificationId ? (items[0] as { kind: NotificationKind }).kind : 'digest';
    const unsubscribe = this.unsubscribe.url(mail.recipientId, target);
    const links: MailLinks = { app: (path) => `${this.options.appUrl()}${path}`, unsubscribe };
    const rendered = renderMail(items, person, links, mail.notificationId === null);
    const icalEvent = mail.notificationId ? this.options.eventOf?.(items[0] as Notification, person) : undefined;
    await this.send(
      mail,
      person,
      rendered,
      { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      icalEvent,
    );
  }

  private async send(
    mail: PendingMail,
    person: { name: string; email: string },
    rendered: RenderedMail,
    headers: Record<string, string>,
    icalEvent?: OutgoingMail['icalEvent'],
  ): Promise<void> {
    try {
      await this.transport.send(
        {
          messageId: `<mail-${mail.id}.${mail.recipientId}@council>`,
          from: this.options.from,
          to: `${person.name} <${person.email}>`,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          headers: { ...headers, 'Auto-Submitted': 'auto-generated' },
          ...(icalEvent ? { icalEvent } : {}),
        },
        mail.id,
      );
      this.outbox.sent(mail.id, rendered.subject, new Date().toISOString());
    } catch (err) {
      const attempts = mail.attempts + 1;
      this.logger.warn({ err, mail: mail.id, attempts }, 'could not send a mail; it stays pending and is tried again');
      this.outbox.failed(mail.id, attempts, err instanceof Error ? err.message : String(err), new Date());
    }
  }
}
