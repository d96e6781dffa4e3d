import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AssertionFields, OTHER_KEY, samlResponse, TEST_IDP } from '../../../testing/saml.ts';
import { startTestServer, type TestServer } from '../../../testing/server.ts';

/**
 * SAML sign-in (issue 20) against the real server, with assertions signed by a test key as an AD
 * FS-style provider would: the good path, and every bad response answered by the sign-in page
 * with a code, never a 500 and never a session.
 */
const IDP = 'https://idp.vejle.example/adfs/services/trust';
const ADFS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
const ROLE = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
let server: TestServer;
beforeAll(async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'council-saml-')), 'auth.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      saml: [
        {
          id: 'adfs',
          name: 'Vejle Kommune (AD FS)',
          entryPoint: 'https://idp.vejle.example/adfs/ls/',
          idpIssuer: IDP,
          idpCert: TEST_IDP.cert,
          emailVerified: true,
          roles: { Rådsformand: 'chair', Rådsmedlem: 'council_member' },
        },
      ],
    }),
  );
  server = await startTestServer(undefined, null, { COUNCIL_AUTH_CONFIG: file });
});
afterAll(() => server.stop());

const acs = () => `${server.url}/api/auth/saml/adfs/acs`;
const audience = () => `${server.url}/api/auth/saml/adfs/metadata`;
const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    ?.slice(name.length + 1);

/** Starts a sign-in as the browser would: the AuthnRequest's ID, the RelayState and the cookie. */
async function start(next = '/meetings') {
  const res = await fetch(`${server.url}/api/auth/saml/adfs/start?next=${encodeURIComponent(next)}`, {
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get('location') as string);
  expect(location.origin + location.pathname).toBe('https://idp.vejle.example/adfs/ls/');
  const request = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest') as string, 'base64')).toString();
  return {
    requestId: /\sID="([^"]+)"/.exec(request)?.[1] as string,
    request,
    relayState: location.searchParams.get('RelayState') as string,
    cookie: cookieOf(res, 'council_saml') as string,
  };
}

/** Posts a response as the provider's page makes the browser do, from the provider's origin. */
async function post(form: Record<string, string>, cookie?: string) {
  const res = await fetch(acs(), {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'https://idp.vejle.example',
      ...(cookie ? { cookie: `council_saml=${cookie}` } : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, location: res.headers.get('location'), session: cookieOf(res, 'council_session') };
}

let n = 0;
const person = () => {
  n += 1;
  return { nameId: `vejle\\bruger${n}`, email: `bruger${n}@vejle.example`, name: `Bruger ${n}` };
};
const fields = (login: { requestId: string }, who: ReturnType<typeof person>, more: Partial<AssertionFields> = {}) => ({
  issuer: IDP,
  audience: audience(),
  recipient: acs(),
  inResponseTo: login.requestId,
  nameId: who.nameId,
  attributes: {
    [`${ADFS}/emailaddress`]: who.email,
    [`${ADFS}/name`]: who.name,
    [ROLE]: ['Medarbejdere', 'Rådsformand'],
  },
  ...more,
});

describe('SAML sign-in', () => {
  it('publishes the service provider’s metadata at a stable URL', async () => {
    const res = await fetch(`${server.url}/api/auth/saml/adfs/metadata`);
    expect(res.headers.get('content-type')).toMatch(/application\/samlmetadata\+xml/);
    const xml = await res.text();
    expect(xml).toContain(`entityID="${audience()}"`);
    expect(xml).toContain(`Location="${acs()}"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
    expect((await fetch(`${server.url}/api/auth/saml/ukendt/metadata`)).status).toBe(404);
  });

  it('signs in a person the provider vouches for, with the mapped role, where they were going', async () => {
    const login = await start('/meetings');
    expect(login.request).toContain(`AssertionConsumerServiceURL="${acs()}"`);
    const who = person();
    const res = await post(
      { SAMLResponse: samlResponse(fields(login, who)), RelayState: login.relayState },
      login.cookie,
    );
    expect(res).toMatchObject({ status: 303, location: '/meetings', session: expect.any(String) });
    const me = await server.api('GET', '/api/me', { headers: { cookie: `council_session=${res.session}` } });
    expect(me.body).toMatchObject({ email: who.email, name: who.name, role: 'chair' });
    const audit = server.council.db
      .prepare("SELECT details FROM audit WHERE action = 'auth.login' AND actor_id = ?")
      .get(me.body.id) as { details: string };
    expect(JSON.parse(audit.details).method).toBe('saml:adfs');
    // The provider's sign-in button is offered.
    expect((await server.api('GET', '/api/auth/providers')).body.providers).toContainEqual({
      id: 'adfs',
      name: 'Vejle Kommune (AD FS)',
      start: '/api/auth/saml/adfs/start',
    });
  });

  it('links an existing local account by the email the provider vouches for, and finds it by NameID after', async () => {
    const local = await server.factory.person({ role: 'council_member' });
    const login = await start();
    const res = await post(
      {
        SAMLResponse: samlResponse({
          ...fields(login, { nameId: 'vejle\\lokal', email: local.email, name: local.name }),
          attributes: { [`${ADFS}/emailaddress`]: local.email.toUpperCase() },
        }),
        RelayState: login.relayState,
      },
      login.cookie,
    );
    expect(res.status).toBe(303);
    const me = await server.api('GET', '/api/me', { headers: { cookie: `council_session=${res.session}` } });
    expect(me.body.id).toBe(local.id);
    expect(me.body.role).toBe('council_member');
  });

  it('refuses every bad response with a clear code, no session and no 500', async () => {
    const bad: [string, (login: Awaited<ReturnType<typeof start>>) => Record<string, string>, string][] = [
      [
        'signed with another key',
        (l) => ({ SAMLResponse: samlResponse({ ...fields(l, person()), signWith: OTHER_KEY }) }),
        'invalid_token',
      ],
      [
        'unsigned',
        (l) => ({ SAMLResponse: samlResponse({ ...fields(l, person()), unsigned: true }) }),
        'invalid_token',
      ],
      [
        'for another audience',
        (l) => ({ SAMLResponse: samlResponse({ ...fields(l, person()), audience: 'https://evil.example' }) }),
        'invalid_token',
      ],
      [
        'for another recipient',
        (l) => ({ SAMLResponse: samlResponse({ ...fields(l, person()), recipient: 'https://evil.example/acs' }) }),
        'invalid_token',
      ],
      [
        'from another issuer',
        (l) => ({ SAMLResponse: samlResponse({ ...fields(l, person()), issuer: 'https://evil.example' }) }),
        'invalid_token',
      ],
      [
        'expired',
        (l) => ({ SAMLResponse: samlResponse({ ...fields(l, person()), issuedAt: new Date(Date.now() - 3600_000) }) }),
        'invalid_token',
      ],
      [
        'issued in the future',
        (l) => ({ SAMLResponse: samlResponse({ ...fields(l, person()), issuedAt: new Date(Date.now() + 3600_000) }) }),
        'invalid_token',
      ],
      [
        'answering another request',
        (l) => ({ SAMLResponse: samlResponse({ ...fields(l, person()), inResponseTo: '_anden' }) }),
        'invalid_token',
      ],
      [
        'unsolicited',
        (l) => ({ SAMLResponse: samlResponse({ ...fields(l, person()), inResponseTo: undefined }) }),
        'invalid_token',
      ],
      ['without a response', () => ({}), 'invalid_token'],
      ['not base64 XML', () => ({ SAMLResponse: '%%%ikke-xml' }), 'invalid_token'],
      [
        'XML that is no response',
        () => ({ SAMLResponse: Buffer.from('<a>b</a>').toString('base64') }),
        'invalid_token',
      ],
    ];
    for (const [label, form, code] of bad) {
      const login = await start();
      const res = await post({ RelayState: login.relayState, ...form(login) }, login.cookie);
      expect(res, label).toMatchObject({ status: 303, location: `/login?sso_error=${code}`, session: undefined });
      // The pending sign-in is spent: the right answer after a wrong one is refused too.
      const again = await post(
        { SAMLResponse: samlResponse(fields(login, person())), RelayState: login.relayState },
        login.cookie,
      );
      expect(again.location, label).toBe('/login?sso_error=state');
    }
    // A RelayState nobody made, and none.
    const login = await start();
    const forged = await post({ SAMLResponse: samlResponse(fields(login, person())), RelayState: 'forfalsket' });
    expect(forged.location).toBe('/login?sso_error=state');
    expect((await post({ SAMLResponse: samlResponse(fields(login, person())) })).location).toBe(
      '/login?sso_error=state',
    );
    // An unknown provider.
    const unknown = await fetch(`${server.url}/api/auth/saml/ukendt/start`, { redirect: 'manual' });
    expect(unknown.headers.get('location')).toBe('/login?sso_error=unknown_provider');
  });

  it('signs nobody in with an assertion used before, even answering a new request', async () => {
    const who = person();
    const first = await start();
    const assertionId = '_genbrugt-assertion';
    const ok = await post(
      { SAMLResponse: samlResponse({ ...fields(first, who), assertionId }), RelayState: first.relayState },
      first.cookie,
    );
    expect(ok.status).toBe(303);
    expect(ok.session).toBeTruthy();
    const second = await start();
    const replay = await post(
      { SAMLResponse: samlResponse({ ...fields(second, who), assertionId }), RelayState: second.relayState },
      second.cookie,
    );
    expect(replay).toMatchObject({ location: '/login?sso_error=state', session: undefined });
  });
});

describe('password sign-in once single sign-on is set up', () => {
  it('an admin turns it off for one person and for everyone; a right password is then refused and no reset link goes', async () => {
    const admin = await server.signIn('admin');
    const person = await server.factory.person({ role: 'council_member' });
    const login = () =>
      server.api('POST', '/api/auth/login', { body: { email: person.email, password: person.password } });
    expect((await server.api('GET', '/api/admin/sign-in', { token: admin.token })).body).toEqual({
      passwordSignIn: true,
      singleSignOn: true,
    });
    expect(
      (
        await server.api('PUT', `/api/people/${admin.personId}/password-sign-in`, {
          token: admin.token,
          body: { allowed: false },
        })
      ).status,
    ).toBe(409);
    const off = await server.api('PUT', `/api/people/${person.id}/password-sign-in`, {
      token: admin.token,
      body: { allowed: false },
    });
    expect(off.body.passwordSignIn).toBe(false);
    const refused = await login();
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('password_sign_in_off');
    // A wrong password is still just wrong: the refusal is told only to whoever knows the password.
    expect(
      (await server.api('POST', '/api/auth/login', { body: { email: person.email, password: 'forkert-kodeord' } }))
        .status,
    ).toBe(401);
    await server.api('POST', '/api/auth/password-reset', { body: { email: person.email } });
    expect(
      server.council.db
        .prepare("SELECT count(*) AS n FROM account_tokens WHERE person_id = ? AND purpose = 'reset'")
        .get(person.id),
    ).toEqual({ n: 0 });
    await server.api('PUT', `/api/people/${person.id}/password-sign-in`, {
      token: admin.token,
      body: { allowed: true },
    });
    expect((await login()).status).toBe(200);

    const everyone = await server.api('PUT', '/api/admin/sign-in', { token: admin.token, body: { allowed: false } });
    expect(everyone.body.passwordSignIn).toBe(false);
    expect((await login()).body.error.code).toBe('password_sign_in_off');
    await server.api('PUT', '/api/admin/sign-in', { token: admin.token, body: { allowed: true } });
    expect((await login()).status).toBe(200);
  });
});
