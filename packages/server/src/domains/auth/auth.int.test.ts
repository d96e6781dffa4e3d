import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { Factory } from '../../testing/factories.ts';
import { startTestServer, type TestServer, tempDatabaseFile } from '../../testing/server.ts';
import { createRepos } from '../repos.ts';
import { AuthService } from './service.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('sign-in', () => {
  it('returns the user and a token, and sets an httpOnly SameSite cookie', async () => {
    const person = await server.factory.person({ role: 'council_member', name: 'Mette Kjærgaard' });
    const res = await server.api('POST', '/api/auth/login', {
      body: { email: person.email, password: person.password },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: person.id, name: 'Mette Kjærgaard', role: 'council_member', groups: {} });
    expect(res.body.token).toMatch(/^[\w-]{40,}$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`council_session=${res.body.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(res.body.user).not.toHaveProperty('passwordHash');
  });

  it('accepts the cookie and the bearer token on /api/me', async () => {
    const { token, personId } = await server.signIn('observer');
    const bearer = await server.api('GET', '/api/me', { token });
    expect(bearer.status).toBe(200);
    expect(bearer.body.id).toBe(personId);
    const cookie = await server.api('GET', '/api/me', { headers: { cookie: `council_session=${token}` } });
    expect(cookie.body.id).toBe(personId);
  });

  it('says who is signed in on /api/auth/session, and null (200, not 401) when nobody is', async () => {
    const { token, personId } = await server.signIn('observer');
    const signedIn = await server.api('GET', '/api/auth/session', { headers: { cookie: `council_session=${token}` } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ id: personId, role: 'observer' });
    const nobody = await server.api('GET', '/api/auth/session');
    expect(nobody.status).toBe(200);
    expect(nobody.body).toEqual({ user: null });
    const stale = await server.api('GET', '/api/auth/session', { token: 'not-a-session' });
    expect(stale.body).toEqual({ user: null });
  });

  it('answers 400 with zod issues for a malformed body', async () => {
    const res = await server.api('POST', '/api/auth/login', { body: { email: 'not-an-email', password: 42 } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['email', 'password']);
  });

  it('answers 400 for JSON that does not parse', async () => {
    const res = await server.api('POST', '/api/auth/login', { body: '{"email": ' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'bad_request', message: 'The request body is not valid JSON.' } });
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await server.api('POST', '/api/auth/login', {
      body: { email: 'a@b.dk', password: 'x'.repeat(300_000) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('answers 401 for a wrong password, without saying which part was wrong', async () => {
    const person = await server.factory.person();
    const res = await server.api('POST', '/api/auth/login', {
      body: { email: person.email, password: 'wrong password' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthenticated', message: 'Wrong email or password.' } });
    const unknown = await server.api('POST', '/api/auth/login', {
      body: { email: 'nobody@test.example', password: 'whatever' },
    });
    expect(unknown.body).toEqual(res.body);
  });

  it('answers 401 on /api/me without a session, and after logout', async () => {
    expect((await server.api('GET', '/api/me')).body.error.code).toBe('unauthenticated');
    const { token } = await server.signIn('council_member');
    expect((await server.api('POST', '/api/auth/logout', { token })).status).toBe(204);
    const after = await server.api('GET', '/api/me', { token });
    expect(after.status).toBe(401);
  });

  it('expires sessions', async () => {
    const { token } = await server.signIn('council_member');
    server.council.db.prepare('UPDATE sessions SET expires_at = ?').run(Date.now() - 1);
    expect((await server.api('GET', '/api/me', { token })).status).toBe(401);
  });

  it('rate limits failed sign-ins per account with 429 and Retry-After', async () => {
    const person = await server.factory.person();
    for (let i = 0; i < 5; i++) {
      expect(
        (await server.api('POST', '/api/auth/login', { body: { email: person.email, password: 'nope' } })).status,
      ).toBe(401);
    }
    const limited = await server.api('POST', '/api/auth/login', {
      body: { email: person.email, password: person.password },
    });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the policy on REST routes', () => {
  it('lets an admin create a person (201) and refuses others with 403', async () => {
    const admin = await server.signIn('admin');
    const member = await server.signIn('council_member');
    const body = {
      email: 'ny@aarhus.example',
      name: 'Ny Arkitekt',
      role: 'network_architect',
      password: 'a long password',
    };
    const refused = await server.api('POST', '/api/people', { token: member.token, body });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: { code: 'forbidden', message: 'You may not do this.' } });
    const created = await server.api('POST', '/api/people', { token: admin.token, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ny@aarhus.example', role: 'network_architect' });
    expect((await server.api('POST', '/api/people', { token: admin.token, body })).status).toBe(409);
    const invalid = await server.api('POST', '/api/people', { token: admin.token, body: { ...body, role: 'king' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues[0].path).toEqual(['role']);
  });

  it('hides draft meetings from the network but shows them to the council', async () => {
    const draft = await server.factory.meeting({ status: 'draft' });
    const architect = await server.signIn('network_architect');
    const member = await server.signIn('council_member');
    const seenByArchitect = await server.api('GET', '/api/meetings', { token: architect.token });
    expect(seenByArchitect.body.map((m: { id: string }) => m.id)).not.toContain(draft.id);
    expect((await server.api('GET', `/api/meetings/${draft.id}`, { token: architect.token })).status).toBe(404);
    const seenByMember = await server.api('GET', `/api/meetings/${draft.id}`, { token: member.token });
    expect(seenByMember.body).toMatchObject({ id: draft.id, status: 'draft', decisionCount: 0 });
    expect((await server.api('GET', '/api/meetings')).status).toBe(401);
    expect((await server.api('GET', '/api/meetings/bad%20id', { token: member.token })).status).toBe(400);
  });

  it('refuses state-changing requests from a foreign origin', async () => {
    const res = await server.api('POST', '/api/auth/login', {
      body: { email: 'a@b.dk', password: 'x' },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Cross-origin requests are not allowed.');
  });

  it('answers 404 with the error body for an unknown route', async () => {
    const res = await server.api('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('serves health without a session', async () => {
    const res = await server.api('GET', '/api/health');
    expect(res.body).toMatchObject({ ok: true });
  });
});

describe('failed sign-ins', () => {
  it('lock out the address that fails, not the owner signing in from elsewhere, who is told at sign-in', async () => {
    const db = openDatabase(tempDatabaseFile());
    const repos = createRepos(db);
    const person = await new Factory(db).person();
    const auth = new AuthService(repos.people, repos.sessions, repos.audit);
    // Addresses are only keys here: nothing is sent anywhere.
    const attacker = '192.0.2.10';
    for (let i = 0; i < 5; i++) {
      await expect(auth.login({ email: person.email, password: 'gæt' }, attacker)).rejects.toMatchObject({
        status: 401,
      });
    }
    await expect(auth.login({ email: person.email, password: person.password }, attacker)).rejects.toMatchObject({
      status: 429,
    });
    const owner = await auth.login({ email: person.email, password: person.password }, '198.51.100.7');
    expect(owner).toMatchObject({ failedSignIns: 5 });
    expect(await auth.login({ email: person.email, password: person.password }, '198.51.100.7')).toMatchObject({
      failedSignIns: 0,
    });
    const trail = await repos.audit.list({ resource: `person:${person.id}`, limit: 20 });
    expect(trail.entries.filter((e) => e.action === 'auth.failure')).toHaveLength(5);
    db.close();
  });
});

describe('the security log', () => {
  it('notes sign-ins, refused sign-ins and refused requests, with who and from where', async () => {
    const lines: Record<string, unknown>[] = [];
    const logged = await startTestServer(
      undefined,
      null,
      { LOG_LEVEL: 'info' },
      { logDestination: { write: (line) => void lines.push(JSON.parse(line)) } },
    );
    try {
      const person = await logged.factory.person({ role: 'observer' });
      await logged.api('POST', '/api/auth/login', { body: { email: person.email, password: 'forkert-gæt' } });
      const { body } = await logged.api('POST', '/api/auth/login', {
        body: { email: person.email, password: person.password },
      });
      await logged.api('POST', '/api/meetings', { token: body.token, body: {} });
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: 'sign-in refused', status: 401, email: person.email, ip: expect.any(String) }),
      );
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'signed in', personId: person.id }));
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: 'request refused', status: 403, path: '/meetings', personId: person.id }),
      );
      expect(JSON.stringify(lines)).not.toContain('forkert-gæt');
    } finally {
      await logged.stop();
    }
  });
});

describe('health', () => {
  it('tells everyone whether the server is up, and only admins how many documents and connections it holds', async () => {
    const anyone = await server.api('GET', '/api/health');
    expect(anyone.body).toEqual({ ok: true });
    const member = await server.signIn('council_member');
    expect((await server.api('GET', '/api/health', { token: member.token })).body).toEqual({ ok: true });
    const admin = await server.signIn('admin');
    expect((await server.api('GET', '/api/health', { token: admin.token })).body).toEqual({
      ok: true,
      documents: expect.any(Number),
      connections: expect.any(Number),
    });
  });
});
