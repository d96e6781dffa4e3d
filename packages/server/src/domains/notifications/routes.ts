import fs from 'node:fs/promises';
import path from 'node:path';
import {
  type Catalogue,
  fill,
  messages,
  NotificationKind,
  NotificationQuery,
  UpdateNotificationPreferences,
} from '@council/shared';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import { authorize, requireAuth } from '../../http/auth.ts';
import { notFound } from '../../http/errors.ts';
import { parse } from '../../http/validate.ts';
import type { MailOutbox } from './mailOutbox.ts';
import type { NotificationsRepo } from './repo.ts';
import { escapeHtml } from './templates.ts';
import type { MailTransport } from './transport.ts';
import type { UnsubscribeLinks } from './unsubscribe.ts';

/** The signed-in person's own notifications: the policy lets nobody else read or mark them. */
function own(req: Request, action: 'read' | 'edit') {
  return authorize(req, action, { type: 'notifications', ownerId: requireAuth(req).person.id });
}

const page = (lang: string, title: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36em; margin: 3em auto; padding: 0 1em; line-height: 1.5">${body}</body></html>`;

export function notificationRoutes(deps: {
  db: Db;
  repo: NotificationsRepo;
  outbox: MailOutbox;
  transport: MailTransport;
  mailDir: string;
  unsubscribe: UnsubscribeLinks;
}): Router {
  const { db, repo, outbox, transport, mailDir, unsubscribe } = deps;
  const router = Router();

  router.get('/notifications', (req, res) => {
    const { person } = own(req, 'read');
    const { limit } = parse(NotificationQuery, req.query);
    res.json({ items: repo.list(person.id, limit), unread: repo.unread(person.id) });
  });

  router.post('/notifications/read-all', (req, res) => {
    const { person } = own(req, 'edit');
    res.json({ marked: repo.markAllRead(person.id, new Date().toISOString()) });
  });

  router.post('/notifications/:id/read', (req, res) => {
    const { person } = own(req, 'edit');
    const id = parse(z.coerce.number().int().positive(), req.params.id);
    if (!repo.markRead(person.id, id, new Date().toISOString())) throw notFound('Notification');
    res.status(204).end();
  });

  router.get('/me/notification-preferences', (req, res) => {
    const { person } = own(req, 'read');
    res.json(repo.preferences(person.id));
  });

  router.patch('/me/notification-preferences', (req, res) => {
    const { person } = own(req, 'edit');
    repo.updatePreferences(person.id, parse(UpdateNotificationPreferences, req.body));
    res.json(repo.preferences(person.id));
  });

  /**
   * The signed link in every mail, without a session. GET shows what it will turn off and a button
   * (a link checker or preview fetching it changes nothing); POST turns it off: the button, and
   * mail programs' one-click unsubscribe (RFC 8058), which POSTs `List-Unsubscribe=One-Click`.
   */
  const target = (req: Request) => {
    const found = unsubscribe.verify(req.query);
    if (!found) throw notFound('Unsubscribe link');
    const person = db
      .prepare<[string], { locale: 'da' | 'en' }>('SELECT locale FROM people WHERE id = ?')
      .get(found.personId);
    if (!person) throw notFound('Unsubscribe link');
    const cat: Catalogue = messages[person.locale];
    const names = cat.notifications.kindNames;
    const what = found.target === 'digest' ? cat.notifications.preferences.digest : names[found.target];
    return { ...found, lang: person.locale, cat, what };
  };

  /** A short page in the person's language, never cached, ending with the way to all their choices. */
  const sendPage = (res: Response, found: ReturnType<typeof target>, heading: string, body: string) => {
    const { cat, lang } = found;
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(
        page(
          lang,
          escapeHtml(cat.notifications.mail.unsubscribeLink),
          `<h1>${escapeHtml(heading)}</h1>\n${body}\n<p><a href="/account">${escapeHtml(cat.notifications.unsubscribePage.settings)}</a></p>`,
        ),
      );
  };

  router.get('/notifications/unsubscribe', (req, res) => {
    const found = target(req);
    const { cat, what } = found;
    const action = `?${new URLSearchParams(req.query as Record<string, string>)}`;
    sendPage(
      res,
      found,
      cat.notifications.mail.unsubscribeLink,
      `<p>${escapeHtml(fill(cat.notifications.unsubscribePage.intro, { kind: what }))}</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit" style="font-size: 1em; padding: 0.5em 1em">${escapeHtml(cat.notifications.mail.unsubscribeLink)}</button></form>`,
    );
  });

  router.post('/notifications/unsubscribe', (req, res) => {
    const found = target(req);
    const { personId, target: kind, cat, what } = found;
    const prefs = repo.preferences(personId);
    const kinds = kind === 'digest' ? NotificationKind.options.filter((k) => prefs.deliveries[k] === 'digest') : [kind];
    repo.updatePreferences(personId, { deliveries: Object.fromEntries(kinds.map((k) => [k, 'never'])) });
    sendPage(
      res,
      found,
      cat.notifications.unsubscribePage.done,
      `<p>${escapeHtml(fill(cat.notifications.unsubscribed, { kind: what }))}</p>`,
    );
  });

  router.get('/admin/mail', (req, res) => {
    authorize(req, 'read', { type: 'outgoingMail' });
    res.json({ transport: transport.kind, mails: outbox.recent(200) });
  });

  /** A kept mail as the .eml file it was written to (without a mail server). */
  router.get('/admin/mail/:id.eml', async (req, res) => {
    authorize(req, 'read', { type: 'outgoingMail' });
    const id = parse(z.coerce.number().int().positive(), req.params.id);
    let message: Buffer;
    try {
      message = await fs.readFile(path.join(mailDir, `${id}.eml`));
    } catch {
      throw notFound('Mail');
    }
    res.type('message/rfc822').attachment(`${id}.eml`).send(message);
  });

  return router;
}
