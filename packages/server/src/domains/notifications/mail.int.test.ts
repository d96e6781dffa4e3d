import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { loginAt, startChildServer } from '../../testing/childServer.ts';
import { Factory } from '../../testing/factories.ts';
import { startTestServer, type TestServer, tempDatabaseFile, waitFor } from '../../testing/server.ts';
import { freePort, startSmtp, type TestSmtp } from '../../testing/smtp.ts';

const children: ChildProcess[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const close of closers.splice(0).reverse()) await close();
});

async function smtpAt(port = 0): Promise<TestSmtp> {
  const smtp = await startSmtp(port);
  closers.push(() => smtp.close());
  return smtp;
}
async function serverWith(env: Record<string, string>, databaseFile?: string): Promise<TestServer> {
  const server = await startTestServer(databaseFile, null, env);
  closers.push(() => server.stop());
  return server;
}

/** A lead, a member and their group; the member's volunteer-style notifications wait for the digest. */
async function people(server: TestServer) {
  const lead = await server.factory.person({ role: 'group_lead', name: 'Mads Nielsen' });
  const member = await server.factory.person({ role: 'group_member', name: 'Ida Sørensen', locale: 'en' });
  const group = await server.factory.group({
    members: [
      { personId: lead.id, role: 'lead' },
      { personId: member.id, role: 'member' },
    ],
  });
  const token = async (p: { email: string; password: string }) =>
    (await server.api('POST', '/api/auth/login', { body: { email: p.email, password: p.password } })).body.token;
  return { lead, member, group, leadToken: await token(lead), memberToken: await token(member) };
}

const mailRows = (server: TestServer) =>
  server.council.db
    .prepare('SELECT id, dedupe_key AS dedupeKey, status, attempts FROM mail_outbox ORDER BY id')
    .all() as { id: number; dedupeKey: string; status: string; attempts: number }[];

describe('mail', () => {
  it('follows each person’s preferences: at once, never, or one digest a day whatever runs it', async () => {
    const smtp = await smtpAt();
    const server = await serverWith({ COUNCIL_SMTP_URL: smtp.url });
    const { member, group, leadToken, memberToken } = await people(server);
    const prefs = await server.api('GET', '/api/me/notification-preferences', { token: memberToken });
    expect(prefs.body).toMatchObject({
      digestHour: 7,
      deliveries: { taskAssigned: 'now', volunteerWaiting: 'digest' },
    });
    // Tasks by digest, from midnight: the next tick makes the digest.
    const patched = await server.api('PATCH', '/api/me/notification-preferences', {
      token: memberToken,
      body: { digestHour: 0, deliveries: { taskAssigned: 'digest' } },
    });
    expect(patched.body).toMatchObject({
      digestHour: 0,
      deliveries: { taskAssigned: 'digest', actionAssigned: 'now' },
    });
    expect(
      (
        await server.api('PATCH', '/api/me/notification-preferences', {
          token: memberToken,
          body: { deliveries: { taskAssigned: 'sometimes' } },
        })
      ).status,
    ).toBe(400);

    for (const title of ['Første opgave', 'Anden opgave']) {
      await server.api('POST', `/api/groups/${group.id}/tasks`, {
        token: leadToken,
        body: { title, assigneeId: member.id },
      });
    }
    await waitFor(
      async () => (await server.api('GET', '/api/notifications', { token: memberToken })).body.unread === 2,
      'two tasks',
    );
    const digest = server.council.notifications.digest;
    const now = new Date();
    expect(digest.tick(now)).toBe(1);
    expect(digest.tick(now)).toBe(0);
    await waitFor(() => smtp.mails.length === 1, 'the digest');
    const [mail] = smtp.mails;
    expect(mail?.subject).toBe('Your daily summary from Council (2)');
    expect(mail?.text).toContain('You have been given the task “Første opgave” in Testgruppe.');
    expect(mail?.text).toContain('You have been given the task “Anden opgave” in Testgruppe.');

    // After the day's digest, what comes waits for tomorrow's, however often the clock is read.
    await server.api('POST', `/api/groups/${group.id}/tasks`, {
      token: leadToken,
      body: { title: 'Tredje', assigneeId: member.id },
    });
    await waitFor(
      async () => (await server.api('GET', '/api/notifications', { token: memberToken })).body.unread === 3,
      'a third',
    );
    expect(digest.tick(now)).toBe(0);
    expect(digest.tick(new Date(now.getTime() + 24 * 3600_000))).toBe(1);
    await waitFor(() => smtp.mails.length === 2, 'the next day’s digest');
    expect(smtp.mails[1]?.subject).toBe('Your daily summary from Council (1)');

    // Never: told in the app, not by mail.
    await server.api('PATCH', '/api/me/notification-preferences', {
      token: memberToken,
      body: { deliveries: { taskAssigned: 'never' } },
    });
    await server.api('POST', `/api/groups/${group.id}/tasks`, {
      token: leadToken,
      body: { title: 'Fjerde', assigneeId: member.id },
    });
    await waitFor(
      async () => (await server.api('GET', '/api/notifications', { token: memberToken })).body.unread === 4,
      'a fourth',
    );
    expect(digest.tick(new Date(now.getTime() + 48 * 3600_000))).toBe(0);
    expect(mailRows(server)).toHaveLength(2);
  });

  it('unsubscribes with the signed link in the mail: GET asks, POST (one click) turns that kind off; a forged link does nothing', async () => {
    const smtp = await smtpAt();
    const server = await serverWith({ COUNCIL_SMTP_URL: smtp.url });
    const { member, group, leadToken, memberToken } = await people(server);
    await server.api('POST', `/api/groups/${group.id}/tasks`, {
      token: leadToken,
      body: { title: 'Kortlæg', assigneeId: member.id },
    });
    await waitFor(() => smtp.mails.length === 1, 'the mail');
    const line = smtp.mails[0]?.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    const link = /<([^>]+)>/.exec(line.replace(/\r\n\s+/g, ' '))?.[1] as string;
    const deliveries = async () =>
      (await server.api('GET', '/api/me/notification-preferences', { token: memberToken })).body.deliveries;

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('I am given a task');
    expect((await deliveries()).taskAssigned).toBe('now');
    const forged = link.replace(/k=taskAssigned/, 'k=agendaPublished');
    expect((await fetch(forged, { method: 'POST' })).status).toBe(404);
    const done = await fetch(link, {
      method: 'POST',
      // As the page's button posts it: the app sends no referrer, so the browser says Origin: null.
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You no longer get mail about: I am given a task');
    expect(await deliveries()).toMatchObject({ taskAssigned: 'never', agendaPublished: 'digest' });
  });

  it('keeps mail while the SMTP server is down, and delivers each once when it is back', async () => {
    const port = await freePort();
    const server = await serverWith({ COUNCIL_SMTP_URL: `smtp://127.0.0.1:${port}` });
    const { member, group, leadToken } = await people(server);
    for (const title of ['Én', 'To', 'Tre']) {
      await server.api('POST', `/api/groups/${group.id}/tasks`, {
        token: leadToken,
        body: { title, assigneeId: member.id },
      });
    }
    await waitFor(
      () => mailRows(server).length === 3 && mailRows(server).every((m) => m.attempts >= 1),
      'three failed tries',
    );
    expect(mailRows(server).every((m) => m.status === 'pending')).toBe(true);
    // The server is back; the back-off's wait is over (as after an hour): everything is due again.
    const smtp = await smtpAt(port);
    server.council.notifications.outbox.retryNow(new Date().toISOString());
    await server.council.notifications.sender.run();
    await waitFor(() => smtp.mails.length === 3, 'three mails');
    await server.council.notifications.sender.run();
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.mails.map((m) => m.subject).sort()).toEqual(
      [
        'You have been given the task “Én” in Testgruppe.',
        'You have been given the task “To” in Testgruppe.',
        'You have been given the task “Tre” in Testgruppe.',
      ].sort(),
    );
    expect(new Set(smtp.mails.map((m) => m.messageId)).size).toBe(3);
    expect(mailRows(server).every((m) => m.status === 'sent')).toBe(true);
  });

  it('sends a digest made before a restart once, after it, with everything it held, and makes no second one that day', async () => {
    const port = await freePort();
    const databaseFile = tempDatabaseFile();
    const first = await startTestServer(databaseFile, null, { COUNCIL_SMTP_URL: `smtp://127.0.0.1:${port}` });
    let stopped = false;
    closers.push(async () => {
      if (!stopped) await first.stop();
    });
    const { member, group, leadToken, memberToken } = await people(first);
    await first.api('PATCH', '/api/me/notification-preferences', {
      token: memberToken,
      body: { digestHour: 0, deliveries: { taskAssigned: 'digest' } },
    });
    for (const title of ['Én', 'To']) {
      await first.api('POST', `/api/groups/${group.id}/tasks`, {
        token: leadToken,
        body: { title, assigneeId: member.id },
      });
    }
    await waitFor(
      async () => (await first.api('GET', '/api/notifications', { token: memberToken })).body.unread === 2,
      'two',
    );
    expect(first.council.notifications.digest.tick()).toBe(1);
    // The mail server is down: the digest is made, and the server stops before it could go.
    await waitFor(() => mailRows(first).some((m) => m.attempts >= 1), 'a failed try');
    await first.stop();
    stopped = true;

    const smtp = await smtpAt(port);
    const second = await serverWith({ COUNCIL_SMTP_URL: `smtp://127.0.0.1:${port}` }, databaseFile);
    await waitFor(() => smtp.mails.length === 1, 'the digest after the restart');
    expect(smtp.mails[0]?.subject).toBe('Your daily summary from Council (2)');
    expect(second.council.notifications.digest.tick()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails).toHaveLength(1);
  });

  it('delivers each mail exactly once after SIGKILL between the commit and the send', async () => {
    const databaseFile = tempDatabaseFile();
    const db = openDatabase(databaseFile);
    const factory = new Factory(db);
    const lead = await factory.person({ role: 'group_lead' });
    const members = await Promise.all(
      [1, 2, 3].map((i) => factory.person({ role: 'group_member', name: `Medlem ${i}` })),
    );
    const group = await factory.group({
      members: [
        { personId: lead.id, role: 'lead' },
        ...members.map((m) => ({ personId: m.id, role: 'member' as const })),
      ],
    });
    db.close();
    // The mail server is down while the commands commit, so nothing can have been sent before the kill.
    const port = await freePort();
    const first = await startChildServer(databaseFile, children, { COUNCIL_SMTP_URL: `smtp://127.0.0.1:${port}` });
    const token = await loginAt(first.port, lead.email, lead.password);
    for (const member of members) {
      const res = await fetch(`http://127.0.0.1:${first.port}/api/groups/${group.id}/tasks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Opgave til ${member.name}`, assigneeId: member.id }),
      });
      expect(res.status).toBe(201);
    }
    const look = openDatabase(databaseFile);
    const rows = () =>
      look.prepare("SELECT count(*) AS n FROM mail_outbox WHERE status = 'pending'").get() as { n: number };
    await waitFor(() => rows().n === 3, 'three mails committed');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const smtp = await smtpAt(port);
    await startChildServer(databaseFile, children, { COUNCIL_SMTP_URL: `smtp://127.0.0.1:${port}` });
    await waitFor(() => smtp.mails.length === 3, 'the three mails after the restart', 10_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails.map((m) => m.subject).sort()).toEqual(
      members.map((m) => `Du har fået opgaven «Opgave til ${m.name}» i Testgruppe.`).sort(),
    );
    expect(rows().n).toBe(0);
    look.close();
  });
});
