import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestBrowser } from '../../../testing/oidcBrowser.ts';
import { authConfigEnv, idTokenClaims, startTestProvider, type TestProvider } from '../../../testing/oidcProvider.ts';
import { startTestServer, type TestServer } from '../../../testing/server.ts';

/**
 * Single sign-on through a real OpenID provider (oidc-provider on 127.0.0.1) and the real server,
 * over HTTP: who gets in and as whom, and that every bad answer from the provider ends on the
 * sign-in page with a code it explains, and a log line, never a server error.
 */

const ROLES = { 'raad-formand': 'chair', 'raad-medlem': 'council_member', 'it-admins': 'admin' } as const;

let op: TestProvider;
/** Just in time with the default role. */
let council: TestServer;
/** Invite-only. */
let closed: TestServer;
const logs: string[] = [];

const providerConfig = (issuer: string, clientId: string) => ({
  id: 'kommune',
  name: 'Testkommune (test-IdP)',
  issuer,
  clientId,
  clientSecret: `${clientId}-secret`,
  roles: ROLES,
});

beforeAll(async () => {
  op = await startTestProvider();
  const logDestination = { write: (line: string) => void logs.push(line) };
  council = await startTestServer(
    undefined,
    null,
    {
      LOG_LEVEL: 'info',
      ...authConfigEnv({
        oidc: [
          providerConfig(op.issuer, 'council'),
          // Nothing listens on port 9 of this machine: a provider that is down.
          { ...providerConfig('http://127.0.0.1:9', 'council'), id: 'nede', name: 'Nede' },
          // A "provider" whose discovery document names another issuer than the one asked.
          { ...providerConfig(`${op.issuer}/andet`, 'council'), id: 'forkert', name: 'Forkert udsteder' },
        ],
      }),
    },
    { logDestination },
  );
  closed = await startTestServer(undefined, null, {
    ...authConfigEnv({ oidc: [providerConfig(op.issuer, 'closed')], jit: 'invite_only' }),
  });
  op.serve([
    { clientId: 'council', clientSecret: 'council-secret', councilUrl: council.url, providerId: 'kommune' },
    { clientId: 'closed', clientSecret: 'closed-secret', councilUrl: closed.url, providerId: 'kommune' },
  ]);
});
afterAll(async () => {
  await council?.stop();
  await closed?.stop();
  await op?.stop();
});
beforeEach(() => {
  op.tamper(null);
  logs.length = 0;
});

let accountSeq = 0;
/** A new account at the provider; its login is its subject. */
function account(claims: Parameters<TestProvider['accounts']['set']>[1]): string {
  const login = `konto-${++accountSeq}`;
  op.accounts.set(login, claims);
  return login;
}

const start = (server: TestServer, next = '/', provider = 'kommune') =>
  `${server.url}/api/auth/oidc/${provider}/start?next=${encodeURIComponent(next)}`;

/** Through the provider and back: the callback's answer, and the browser (with its cookies). */
async function signIn(login: string, options: { server?: TestServer; next?: string; cancel?: boolean } = {}) {
  const server = options.server ?? council;
  const browser = new TestBrowser();
  const callback = await browser.throughProvider(start(server, options.next), login, options);
  const answer = await browser.request(callback);
  return { browser, callback, answer, session: browser.cookie(server.url, 'council_session') };
}

// biome-ignore lint/suspicious/noExplicitAny: tests assert on the answer field by field
async function me(server: TestServer, session: string | undefined): Promise<any> {
  const res = await fetch(`${server.url}/api/auth/session`, { headers: { cookie: `council_session=${session}` } });
  return ((await res.json()) as { user: unknown }).user;
}

/** The log lines of refused sign-ins, as `code` each. */
const refusals = () =>
  logs
    .map((line) => JSON.parse(line))
    .filter((l) => l.msg === 'single sign-on refused')
    .map((l) => l.code);

const refusedWith = (answer: { status: number; location: string | null }, server: TestServer, code: string) => {
  expect(answer.status).toBe(303);
  expect(answer.location).toBe(`${server.url}/login?sso_error=${code}`);
};

describe('the sign-in page’s providers', () => {
  it('lists each configured provider by id and name, and nothing secret', async () => {
    const res = await council.api('GET', '/api/auth/providers');
    expect(res.status).toBe(200);
    expect(res.body.providers).toEqual([
      { id: 'kommune', name: 'Testkommune (test-IdP)', start: '/api/auth/oidc/kommune/start' },
      { id: 'nede', name: 'Nede', start: '/api/auth/oidc/nede/start' },
      { id: 'forkert', name: 'Forkert udsteder', start: '/api/auth/oidc/forkert/start' },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });

  it('sends the browser to the provider with PKCE, state and nonce, and a short-lived httpOnly cookie', async () => {
    const res = await fetch(start(council, '/meetings'), { redirect: 'manual' });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location') as string);
    expect(to.origin).toBe(op.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce', 'client_id', 'redirect_uri', 'scope']) {
      expect(to.searchParams.get(p), p).toBeTruthy();
    }
    expect(to.searchParams.get('redirect_uri')).toBe(`${council.url}/api/auth/oidc/kommune/callback`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('council_oidc='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/);
  });
});

describe('who gets in, and as whom', () => {
  it('makes a new person just in time with the default role, from the claims, and returns where they were going', async () => {
    const login = account({
      email: 'Ny.Arkitekt@Testkommune.dk',
      email_verified: true,
      name: 'Nanna Ny',
      organisation: 'Testkommune',
    });
    const { answer, session } = await signIn(login, { next: '/meetings?tab=2#top' });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`${council.url}/meetings?tab=2#top`);
    const user = await me(council, session);
    expect(user).toMatchObject({
      email: 'ny.arkitekt@testkommune.dk',
      name: 'Nanna Ny',
      organisation: 'Testkommune',
      role: 'network_architect',
    });
    const audit = council.council.db
      .prepare("SELECT action, details FROM audit WHERE resource = ? AND action IN ('person.create', 'auth.login')")
      .all(`person:${user.id}`) as { action: string; details: string }[];
    expect(audit.map((a) => [a.action, JSON.parse(a.details).method])).toEqual([
      ['person.create', 'oidc:kommune'],
      ['auth.login', 'oidc:kommune'],
    ]);
    // Nobody can sign in with a password to an account made this way.
    const password = await council.api('POST', '/api/auth/login', {
      body: { email: 'ny.arkitekt@testkommune.dk', password: '!sso' },
    });
    expect(password.status).toBe(401);
  });

  it('gives the role the groups map to, the highest of several whatever their order', async () => {
    const chair = account({
      email: 'formand@testkommune.dk',
      email_verified: true,
      name: 'Frida Formand',
      groups: ['raad-medlem', 'andet', 'raad-formand'],
    });
    const member = account({ email: 'medlem@testkommune.dk', email_verified: true, groups: ['raad-medlem'] });
    expect((await me(council, (await signIn(chair)).session)).role).toBe('chair');
    expect((await me(council, (await signIn(member)).session)).role).toBe('council_member');
  });

  it('finds the person by subject at the next sign-in even when the email changed, and follows the provider’s groups', async () => {
    const login = account({ email: 'skifter@testkommune.dk', email_verified: true, name: 'Sif Skifter' });
    const first = await me(council, (await signIn(login)).session);
    op.accounts.set(login, {
      email: 'nyt-navn@testkommune.dk',
      email_verified: true,
      name: 'Sif Skifter-Nielsen',
      groups: ['raad-medlem'],
    });
    const second = await me(council, (await signIn(login)).session);
    expect(second.id).toBe(first.id);
    expect(second.name).toBe('Sif Skifter-Nielsen');
    expect(second.role).toBe('council_member');
    // A provider that says nothing of groups leaves the role as it is.
    op.accounts.set(login, { email: 'nyt-navn@testkommune.dk', email_verified: true });
    expect((await me(council, (await signIn(login)).session)).role).toBe('council_member');
  });

  it('links an existing account by an email the provider says is verified, and audits the link', async () => {
    const local = await council.factory.person({ role: 'secretary', email: 'sekretaer@testkommune.dk' });
    const login = account({ email: 'SEKRETAER@testkommune.dk', email_verified: true, name: local.name });
    const user = await me(council, (await signIn(login)).session);
    expect(user.id).toBe(local.id);
    expect(user.role).toBe('secretary');
    const link = council.council.db
      .prepare("SELECT details FROM audit WHERE action = 'auth.link' AND resource = ?")
      .get(`person:${local.id}`) as { details: string };
    expect(JSON.parse(link.details)).toEqual({ method: 'oidc:kommune', subject: login });
  });

  it('refuses to link when the provider does not say the email is verified', async () => {
    const local = await council.factory.person({ role: 'council_member', email: 'uverificeret@testkommune.dk' });
    for (const claims of [{ email_verified: false }, {}]) {
      const login = account({ email: 'uverificeret@testkommune.dk', ...claims });
      const { answer, session } = await signIn(login);
      refusedWith(answer, council, 'email_unverified');
      expect(session).toBeUndefined();
    }
    const links = council.council.db
      .prepare('SELECT count(*) AS n FROM oidc_identities WHERE person_id = ?')
      .get(local.id);
    expect(links).toEqual({ n: 0 });
    expect(refusals()).toEqual(['email_unverified', 'email_unverified']);
  });

  it('refuses a deactivated person, linked or not', async () => {
    const login = account({ email: 'deaktiveret@testkommune.dk', email_verified: true });
    const user = await me(council, (await signIn(login)).session);
    await council.council.repos.people.setDeactivated(user.id, new Date().toISOString());
    refusedWith((await signIn(login)).answer, council, 'deactivated');
    const local = await council.factory.person({ role: 'observer', email: 'lukket@testkommune.dk' });
    await council.council.repos.people.setDeactivated(local.id, new Date().toISOString());
    const other = account({ email: 'lukket@testkommune.dk', email_verified: true });
    refusedWith((await signIn(other)).answer, council, 'deactivated');
    expect(refusals()).toEqual(['deactivated', 'deactivated']);
  });

  it('invite-only: refuses someone Council does not know, and lets in a known person', async () => {
    const stranger = account({ email: 'fremmed@testkommune.dk', email_verified: true, name: 'Frej Fremmed' });
    const { answer, session } = await signIn(stranger, { server: closed });
    refusedWith(answer, closed, 'invite_only');
    expect(session).toBeUndefined();
    expect(
      closed.council.db.prepare('SELECT count(*) AS n FROM people WHERE email = ?').get('fremmed@testkommune.dk'),
    ).toEqual({
      n: 0,
    });
    const invited = await closed.factory.person({ role: 'council_member', email: 'inviteret@testkommune.dk' });
    const known = account({ email: 'inviteret@testkommune.dk', email_verified: true });
    expect((await me(closed, (await signIn(known, { server: closed })).session)).id).toBe(invited.id);
  });

  it('makes nobody without an email address, or with something that is not one', async () => {
    for (const claims of [{ name: 'Uden Adresse' }, { email: 'ikke en adresse', email_verified: true }]) {
      refusedWith((await signIn(account(claims))).answer, council, 'email_missing');
    }
    expect(
      council.council.db.prepare("SELECT count(*) AS n FROM people WHERE email = 'ikke en adresse'").get(),
    ).toEqual({
      n: 0,
    });
  });

  it('returns only to a path on this site', async () => {
    const login = account({ email: 'omdirigering@testkommune.dk', email_verified: true });
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const { answer } = await signIn(login, { next });
      expect(answer.location, next).toBe(`${council.url}/`);
    }
  });
});

describe('bad answers from the provider end on the sign-in page, logged, never a 500', () => {
  it('cancelled at the provider (access_denied)', async () => {
    const login = account({ email: 'fortryder@testkommune.dk', email_verified: true });
    const { callback, answer } = await signIn(login, { cancel: true });
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    refusedWith(answer, council, 'cancelled');
    expect(refusals()).toEqual(['cancelled']);
  });

  it('a wrong state, a callback without this browser’s cookie, and an expired pending sign-in', async () => {
    const login = account({ email: 'tilstand@testkommune.dk', email_verified: true });
    const browser = new TestBrowser();
    const callback = new URL(await browser.throughProvider(start(council), login));
    callback.searchParams.set('state', 'forfalsket');
    refusedWith(await browser.request(callback.href), council, 'state');
    // The same code and state in another browser (an attacker's link): no pending sign-in there.
    const again = await new TestBrowser().throughProvider(start(council), login);
    refusedWith(await new TestBrowser().request(again), council, 'state');
    // Past its ten minutes.
    const late = new TestBrowser();
    const lateCallback = await late.throughProvider(start(council), login);
    council.council.db.prepare('UPDATE oidc_logins SET expires_at = 0').run();
    refusedWith(await late.request(lateCallback), council, 'state');
    expect(refusals()).toEqual(['state', 'state', 'state']);
  });

  it('a replayed callback, and a replayed code with a fresh state', async () => {
    const login = account({ email: 'gentager@testkommune.dk', email_verified: true });
    const { browser, callback, answer } = await signIn(login);
    expect(answer.location).toBe(`${council.url}/`);
    refusedWith(await browser.request(callback), council, 'state');
    // A new sign-in's state and cookie with the old code: the provider refuses the code.
    const fresh = await browser.request(start(council));
    const state = new URL(fresh.location as string).searchParams.get('state') as string;
    const replay = new URL(callback);
    replay.searchParams.set('state', state);
    refusedWith(await browser.request(replay.href), council, 'provider_error');
    expect(refusals()).toEqual(['state', 'provider_error']);
  });

  it('an ID token altered on the way, or signed with another key', async () => {
    const login = account({ email: 'signatur@testkommune.dk', email_verified: true });
    // A claim no other check looks at (the subject would also be caught by userinfo's): only the signature tells.
    op.tamper((token) => {
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const altered = Buffer.from(JSON.stringify({ ...claims, email_verified: true, acr: 'høj' })).toString(
        'base64url',
      );
      return `${header}.${altered}.${signature}`;
    });
    refusedWith((await signIn(login)).answer, council, 'invalid_token');
    op.tamper((token) => op.signWithOtherKey(idTokenClaims(token)));
    refusedWith((await signIn(login)).answer, council, 'invalid_token');
    // The same claims signed with the provider's key pass: the refusals were the signatures'.
    op.tamper((token) => op.sign(idTokenClaims(token)));
    expect((await signIn(login)).answer.location).toBe(`${council.url}/`);
    expect(refusals()).toEqual(['invalid_token', 'invalid_token']);
  });

  it('an expired ID token, one from another issuer, for another client, or with another nonce', async () => {
    const login = account({ email: 'udloebet@testkommune.dk', email_verified: true });
    const now = Math.floor(Date.now() / 1000);
    const changes = [
      { iat: now - 7200, exp: now - 3600 },
      { iss: 'http://127.0.0.1:1/ukendt' },
      { aud: 'en-anden-klient' },
      { nonce: 'en-anden' },
    ];
    for (const change of changes) {
      op.tamper((token) => op.sign({ ...idTokenClaims(token), ...change }));
      refusedWith((await signIn(login)).answer, council, 'invalid_token');
    }
    expect(refusals()).toEqual(changes.map(() => 'invalid_token'));
  });

  it('an authorization response naming another issuer (RFC 9207 iss)', async () => {
    const login = account({ email: 'iss@testkommune.dk', email_verified: true });
    const browser = new TestBrowser();
    const callback = new URL(await browser.throughProvider(start(council), login));
    expect(callback.searchParams.get('iss')).toBe(op.issuer);
    callback.searchParams.set('iss', 'http://127.0.0.1:1/ukendt');
    refusedWith(await browser.request(callback.href), council, 'invalid_token');
  });

  it('a provider that is down, one whose discovery names another issuer, and one not configured', async () => {
    refusedWith(await new TestBrowser().request(start(council, '/', 'nede')), council, 'unavailable');
    refusedWith(await new TestBrowser().request(start(council, '/', 'forkert')), council, 'unavailable');
    refusedWith(await new TestBrowser().request(start(council, '/', 'ingen')), council, 'unknown_provider');
    const callback = `${council.url}/api/auth/oidc/ingen/callback?code=x&state=y`;
    refusedWith(await new TestBrowser().request(callback), council, 'unknown_provider');
    expect(refusals()).toEqual(['unavailable', 'unavailable', 'unknown_provider', 'unknown_provider']);
  });
});

describe('pending sign-ins', () => {
  it('are bounded: past 10,000 waiting, a new one is refused until some expire', async () => {
    const db = council.council.db;
    const insert = db.prepare(
      `INSERT INTO oidc_logins (id_hash, provider_id, state, nonce, code_verifier, return_to, expires_at)
       VALUES (?, 'kommune', 's', 'n', 'v', '/', ?)`,
    );
    const later = Date.now() + 60_000;
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) insert.run(`fyld-${i}`, later);
    })();
    try {
      refusedWith(await new TestBrowser().request(start(council)), council, 'unavailable');
      db.prepare("UPDATE oidc_logins SET expires_at = 0 WHERE id_hash LIKE 'fyld-%'").run();
      const res = await new TestBrowser().request(start(council));
      expect(new URL(res.location as string).origin).toBe(op.issuer);
      // The expired ones were swept as the new one was kept.
      expect(db.prepare("SELECT count(*) AS n FROM oidc_logins WHERE id_hash LIKE 'fyld-%'").get()).toEqual({ n: 0 });
    } finally {
      db.prepare("DELETE FROM oidc_logins WHERE id_hash LIKE 'fyld-%'").run();
    }
  });
});

describe('signing out', () => {
  it('of a session a provider started goes on to its end-session endpoint with the ID token as hint', async () => {
    const login = account({ email: 'farvel@testkommune.dk', email_verified: true });
    const { session } = await signIn(login);
    const res = await fetch(`${council.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: `council_session=${session}`, origin: council.url },
    });
    expect(res.status).toBe(200);
    const url = new URL(((await res.json()) as { endSessionUrl: string }).endSessionUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${op.issuer}/session/end`);
    expect(idTokenClaims(url.searchParams.get('id_token_hint') as string)).toMatchObject({
      sub: login,
      iss: op.issuer,
    });
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${council.url}/login`);
    expect(url.searchParams.get('client_id')).toBe('council');
    expect(await me(council, session)).toBeNull();
    // The provider accepts it: its page asks to confirm signing out there.
    const atProvider = await fetch(url, { redirect: 'manual' });
    expect(atProvider.status).toBe(200);
    // The session is gone, and what logout needed with it.
    const hash = createHash('sha256')
      .update(session as string)
      .digest('hex');
    expect(
      council.council.db.prepare('SELECT count(*) AS n FROM oidc_sessions WHERE token_hash = ?').get(hash),
    ).toEqual({
      n: 0,
    });
  });

  it('of a password session is as before: 204', async () => {
    const person = await council.person('observer');
    const res = await council.api('POST', '/api/auth/logout', { token: person.token });
    expect(res.status).toBe(204);
  });
});
