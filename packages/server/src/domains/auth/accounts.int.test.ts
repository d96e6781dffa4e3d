import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { docNames } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../testing/factories.ts';
import { write } from '../../testing/notes.ts';
import { connectClient, startTestServer, type TestClient, type TestServer } from '../../testing/server.ts';

/**
 * An account's lifecycle: a password change or reset, ending a session and deactivation each end
 * the sessions they must, and those sessions' open collaboration connections close at once (no
 * sweep is run here), whether the change came over REST or from the command line.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const NEW_PASSWORD = 'et-helt-nyt-kodeord';

async function login(email: string, password: string, userAgent = 'node') {
  return server.api('POST', '/api/auth/login', { body: { email, password }, headers: { 'user-agent': userAgent } });
}

/** A person signed in twice (two browsers), each session with a live meeting connection. */
async function twoSessions(role: 'council_member' | 'admin' = 'council_member') {
  const person = await server.factory.person({ role });
  const meeting = await server.factory.meeting({ status: 'in-session' });
  const here = (await login(person.email, person.password, 'Firefox på kontoret')).body.token as string;
  const there = (await login(person.email, person.password, 'Chromium derhjemme')).body.token as string;
  const hereClient = await connectClient(server.wsUrl, docNames.meeting(meeting.id), here);
  const thereClient = await connectClient(server.wsUrl, docNames.meeting(meeting.id), there);
  return { person, here, there, hereClient, thereClient };
}

const closed = (client: TestClient) => new Promise<void>((resolve) => client.provider.on('close', () => resolve()));
const me = (token: string) => server.api('GET', '/api/me', { token });
const audited = (action: string, personId: string) =>
  server.council.db
    .prepare('SELECT actor_id AS actorId, details FROM audit WHERE action = ? AND resource = ?')
    .all(action, `person:${personId}`) as { actorId: string | null; details: string }[];

describe('changing one’s own password', () => {
  it('refuses a wrong current password and changes nothing', async () => {
    const { person, here, hereClient, thereClient } = await twoSessions();
    const wrong = await server.api('POST', '/api/me/password', {
      token: here,
      body: { currentPassword: 'ikke-mit-kodeord', newPassword: NEW_PASSWORD },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('wrong_password');
    expect((await login(person.email, TEST_PASSWORD)).status).toBe(200);
    const short = await server.api('POST', '/api/me/password', {
      token: here,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'kort' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.issues[0].path).toEqual(['newPassword']);
    hereClient.destroy();
    thereClient.destroy();
  });

  it('ends every other session and closes its live connection at once, keeping this one', async () => {
    const { person, here, there, hereClient, thereClient } = await twoSessions();
    const thereClosed = closed(thereClient);
    const changed = await server.api('POST', '/api/me/password', {
      token: here,
      body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.sessionsEnded).toBe(1);
    await thereClosed;
    expect((await me(there)).status).toBe(401);
    expect((await me(here)).status).toBe(200);
    write(hereClient.doc, 'Skrevet efter kodeordsskiftet');
    await hereClient.synced();
    expect((await login(person.email, TEST_PASSWORD)).status).toBe(401);
    expect((await login(person.email, NEW_PASSWORD)).status).toBe(200);
    expect(audited('person.password', person.id)).toEqual([
      { actorId: person.id, details: JSON.stringify({ sessionsEnded: 1 }) },
    ]);
    hereClient.destroy();
  });
});

describe('one’s own sessions', () => {
  it('lists them with where they were opened, and ends one, closing its connection', async () => {
    const { here, there, hereClient, thereClient } = await twoSessions();
    const listed = await server.api('GET', '/api/me/sessions', { token: here });
    expect(listed.status).toBe(200);
    expect(listed.body.map((s: { userAgent: string; current: boolean }) => [s.userAgent, s.current]).sort()).toEqual([
      ['Chromium derhjemme', false],
      ['Firefox på kontoret', true],
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(here);
    const other = listed.body.find((s: { current: boolean }) => !s.current);
    const thereClosed = closed(thereClient);
    expect((await server.api('DELETE', `/api/me/sessions/${other.id}`, { token: here })).status).toBe(204);
    await thereClosed;
    expect((await me(there)).status).toBe(401);
    expect((await server.api('DELETE', `/api/me/sessions/${other.id}`, { token: here })).status).toBe(404);
    hereClient.destroy();
  });

  it('cannot end someone else’s session, and signs out everywhere else on request', async () => {
    const mine = await twoSessions();
    const theirs = await twoSessions();
    const theirSessions = await server.api('GET', '/api/me/sessions', { token: theirs.here });
    for (const s of theirSessions.body) {
      expect((await server.api('DELETE', `/api/me/sessions/${s.id}`, { token: mine.here })).status).toBe(404);
    }
    expect((await me(theirs.there)).status).toBe(200);

    const thereClosed = closed(mine.thereClient);
    const ended = await server.api('DELETE', '/api/me/sessions', { token: mine.here });
    expect(ended.body).toEqual({ sessionsEnded: 1 });
    await thereClosed;
    expect((await me(mine.there)).status).toBe(401);
    expect((await me(mine.here)).status).toBe(200);
    expect((await me(theirs.there)).status).toBe(200);
    for (const c of [mine.hereClient, theirs.hereClient, theirs.thereClient]) c.destroy();
  });

  it('needs a session', async () => {
    expect((await server.api('GET', '/api/me/sessions')).status).toBe(401);
    expect((await server.api('DELETE', '/api/me/sessions')).status).toBe(401);
    expect((await server.api('POST', '/api/me/password', { body: {} })).status).toBe(401);
  });
});

describe('an admin', () => {
  it('deactivates a person, which ends everything at once, and reactivates them', async () => {
    const admin = await server.signIn('admin');
    const chair = await server.signIn('chair');
    const { person, here, hereClient, thereClient } = await twoSessions();

    const refused = await server.api('POST', `/api/people/${person.id}/deactivate`, { token: chair.token });
    expect(refused.status).toBe(403);
    expect((await me(here)).status).toBe(200);

    const bothClosed = Promise.all([closed(hereClient), closed(thereClient)]);
    const deactivated = await server.api('POST', `/api/people/${person.id}/deactivate`, { token: admin.token });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.deactivatedAt).toEqual(expect.any(String));
    await bothClosed;
    expect((await me(here)).status).toBe(401);
    const signIn = await login(person.email, person.password);
    expect(signIn.status).toBe(403);
    expect(signIn.body.error.code).toBe('account_deactivated');
    // A wrong guess learns nothing about the account.
    expect((await login(person.email, 'et-forkert-gæt')).status).toBe(401);
    const listedFor = async (token: string) =>
      ((await server.api('GET', '/api/people', { token })).body as { id: string }[]).some((p) => p.id === person.id);
    expect(await listedFor(chair.token)).toBe(false);
    expect(await listedFor(admin.token)).toBe(true);

    const reactivated = await server.api('POST', `/api/people/${person.id}/reactivate`, { token: admin.token });
    expect(reactivated.body.deactivatedAt).toBeNull();
    expect((await login(person.email, person.password)).status).toBe(200);
    expect(await listedFor(chair.token)).toBe(true);
    expect(audited('person.deactivate', person.id)).toEqual([
      { actorId: admin.personId, details: JSON.stringify({ sessionsEnded: 2 }) },
    ]);
    expect(audited('person.reactivate', person.id)).toHaveLength(1);
  });

  it('cannot deactivate themself', async () => {
    const admin = await server.signIn('admin');
    const refused = await server.api('POST', `/api/people/${admin.personId}/deactivate`, { token: admin.token });
    expect(refused.status).toBe(409);
    expect((await me(admin.token)).status).toBe(200);
  });

  it('sets someone’s password, which ends all their sessions at once', async () => {
    const admin = await server.signIn('admin');
    const { person, here, hereClient, thereClient } = await twoSessions();
    const bothClosed = Promise.all([closed(hereClient), closed(thereClient)]);
    const reset = await server.api('POST', `/api/people/${person.id}/password`, {
      token: admin.token,
      body: { password: NEW_PASSWORD },
    });
    expect(reset.status).toBe(204);
    await bothClosed;
    expect((await me(here)).status).toBe(401);
    expect((await login(person.email, NEW_PASSWORD)).status).toBe(200);
    expect(
      (
        await server.api('POST', '/api/people/nobody/password', {
          token: admin.token,
          body: { password: NEW_PASSWORD },
        })
      ).status,
    ).toBe(404);
  });
});

describe('council reset-password', () => {
  it('run beside the server, ends the person’s sessions and the server closes their connections within seconds', async () => {
    const { person, here, hereClient, thereClient } = await twoSessions();
    const bothClosed = Promise.all([closed(hereClient), closed(thereClient)]);
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'reset-password', '--email', person.email],
      {
        cwd: path.resolve(import.meta.dirname, '../../..'),
        env: { ...process.env, COUNCIL_DB: server.databaseFile, COUNCIL_PASSWORD: NEW_PASSWORD },
      },
    );
    await bothClosed;
    expect((await me(here)).status).toBe(401);
    expect((await login(person.email, NEW_PASSWORD)).status).toBe(200);
    expect(audited('person.password_reset', person.id)).toHaveLength(1);
  });
});
