import path from 'node:path';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { serverSecret } from '../../db/serverSecret.ts';
import type { Logger } from '../../logger.ts';
import { DigestScheduler } from './digest.ts';
import { MailOutbox } from './mailOutbox.ts';
import { Notifier } from './notifier.ts';
import { ReminderScheduler } from './reminders.ts';
import { NotificationsRepo } from './repo.ts';
import { notificationRoutes } from './routes.ts';
import { type AccountMailOf, type EventOf, MailSender } from './sender.ts';
import { fileTransport, smtpTransport } from './transport.ts';
import { UnsubscribeLinks } from './unsubscribe.ts';

export type Notifications = ReturnType<typeof createNotifications>;

/**
 * Notifications and their mail, put together: `notifier` for the services that raise events,
 * `routes` for /api, `start` at startup (it sends what a crash left unsent and makes due digests),
 * `stop` at shutdown. `changed` tells the bells (the change feed) that something arrived.
 */
export function createNotifications(
  db: Db,
  config: Pick<Config, 'databaseFile' | 'smtpUrl' | 'mailFrom' | 'meetingReminderHours'>,
  appUrl: () => string,
  changed: () => void,
  logger: Logger,
  eventOf?: EventOf,
  accountMail?: AccountMailOf,
) {
  const repo = new NotificationsRepo(db);
  const outbox = new MailOutbox(db);
  const mailDir = path.join(path.dirname(config.databaseFile), 'mail');
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : fileTransport(mailDir);
  const unsubscribe = new UnsubscribeLinks(serverSecret(db, 'unsubscribe'), appUrl);
  const sender = new MailSender(
    db,
    outbox,
    repo,
    transport,
    unsubscribe,
    { from: config.mailFrom, appUrl, eventOf, accountMail },
    logger,
  );
  const digest = new DigestScheduler(db, outbox, () => sender.wake());
  const notifier = new Notifier(db, repo, outbox, () => {
    sender.wake();
    changed();
  });
  const reminders = new ReminderScheduler(db, notifier, config.meetingReminderHours);
  return {
    repo,
    outbox,
    notifier,
    sender,
    digest,
    reminders,
    routes: () => notificationRoutes({ db, repo, outbox, transport, mailDir, unsubscribe }),
    start(): void {
      outbox.retryNow(new Date().toISOString());
      reminders.start();
      digest.start();
      sender.wake();
    },
    async stop(): Promise<void> {
      reminders.stop();
      digest.stop();
      await sender.stop();
    },
  };
}
