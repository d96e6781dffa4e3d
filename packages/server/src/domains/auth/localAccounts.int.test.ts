import { ROLES, type Role } from '@council/shared';
import { simpleParser } from 'mailparser';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, waitFor } from '../../testing/server.ts';
import { startSmtp, type TestSmtp } from '../../testing/smtp.ts';

/**
 * Local accounts done properly (issue 20): invitations and password resets by one-time links, the
 * password policy, and two-factor sign-in with TOTP and recovery codes, against the real server.
 * `server` has no mail server (links come back to the admin, mail is kept as files); `mailed`
 * sends through a real SMTP server on 127.0.0.1 and requires two-factor sign-in of admins.
 */
let server: TestServer;
let mailed: TestServer;
let smtp: TestSmtp;
beforeAll(async () => {
  server = await startTestServer();
  smtp = await startSmtp();
  mailed = await startTestServer(undefined, null, { COUNCIL_SMTP_URL: smtp.url, COUNCIL_TOTP_REQUIRED_ROLES: 'admin' });
});
afterAll(async () => {
  await Promise.all([server.stop(), mailed.stop()]);
  await smtp.close();
});

const GOOD = 'tre blå heste ved åen';
const tokenOf = (link: string) => link.slice(link.indexOf('#') + 1);
const login = (s: TestServer, email: string, password: string) =>
  s.api('POST', '/api/auth/login', { body: { email, password } });
const audited = (s: TestServer, action: string) =>
  (s.council.db.prepare('SELECT resource FROM audit WHERE action = ?').all(action) as { resource: string }[]).map(
    (r) => r.resource,
  );
let invitedCount = 0;
const invitee = (role: Role = 'network_architect') => ({
  email: `inviteret${++invitedCount}@vejle.example`,
  name: `Sofie Inviteret ${invitedCount}`,
  role,
  organisation: 'Vejle Kommune',
});

describe('inviting someone', () => {
  it('is for admins only, role by role', async () => {
    for (const role of ROLES) {
      const { token } = await server.signIn(role);
      const res = await server.api('POST', '/api/people/invitations', { token, body: invitee() });
      expect(res.status, role).toBe(role === 'admin' ? 201 : 403);
    }
    expect((await server.api('POST', '/api/people/invitations', { body: invitee() })).status).toBe(401);
  });

  it('makes the person at once, without a password, and the link lets them choose one, once', async () => {
    const { token } = await server.signIn('admin');
    const who = invitee('council_member');
    const res = await server.api('POST', '/api/people/invitations', { token, body: who });
    expect(res.status).toBe(201);
    expect(res.body.person).toMatchObject({ email: who.email, role: 'council_member', invitedAt: expect.any(String) });
    // No mail server: the admin is given the link to pass on.
    expect(res.body.link).toMatch(/\/set-password#[\w-]+\.[\w-]+$/);
    const token2 = tokenOf(res.body.link);
    // Invited, they cannot sign in with any password yet (their hash is empty).
    expect((await login(server, who.email, '')).status).toBe(400);
    expect((await login(server, who.email, GOOD)).status).toBe(401);

    const info = await server.api('POST', '/api/auth/link', { body: { token: token2 } });
    expect(info.body).toMatchObject({ purpose: 'invite', email: who.email, name: who.name });

    const weak = await server.api('POST', '/api/auth/link/password', {
      body: { token: token2, password: 'Sommer2026!' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.issues[0]).toMatchObject({ path: ['password'], params: { rule: 'common_password' } });
    const set = await server.api('POST', '/api/auth/link/password', { body: { token: token2, password: GOOD } });
    expect(set.status).toBe(204);
    const signedIn = await login(server, who.email, GOOD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.invitedAt).toBeNull();

    // Spent: the same link again, or looked at again, is 410.
    expect(
      (await server.api('POST', '/api/auth/link/password', { body: { token: token2, password: `${GOOD}!` } })).status,
    ).toBe(410);
    expect((await server.api('POST', '/api/auth/link', { body: { token: token2 } })).body.error.code).toBe(
      'link_expired',
    );
    expect(audited(server, 'person.invite_accepted')).toContain(`person:${res.body.person.id}`);
  });

  it('refuses an address that has an account, and a forged or altered link changes nothing', async () => {
    const { token } = await server.signIn('admin');
    const who = invitee();
    const first = await server.api('POST', '/api/people/invitations', { token, body: who });
    const twice = await server.api('POST', '/api/people/invitations', { token, body: who });
    expect(twice.status).toBe(400);
    expect(twice.body.error.issues[0]).toMatchObject({ path: ['email'], params: { rule: 'email_taken' } });
    const real = tokenOf(first.body.link);
    const [id, signature] = real.split('.') as [string, string];
    const altered = `${id}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [altered, `${id}.`, 'nothing', `x${real}`]) {
      const res = await server.api('POST', '/api/auth/link/password', { body: { token: bad, password: GOOD } });
      expect(res.status, bad).toBe(404);
    }
    // The real one still works after the forgeries.
    expect((await server.api('POST', '/api/auth/link', { body: { token: real } })).status).toBe(200);
  });

  it('sent again, the earlier link stops working; expired, a link is 410', async () => {
    const { token } = await server.signIn('admin');
    const first = await server.api('POST', '/api/people/invitations', { token, body: invitee() });
    const again = await server.api('POST', `/api/people/${first.body.person.id}/invitation`, { token });
    expect(again.status).toBe(200);
    expect((await server.api('POST', '/api/auth/link', { body: { token: tokenOf(first.body.link) } })).status).toBe(
      410,
    );
    const second = tokenOf(again.body.link);
    server.council.db
      .prepare("UPDATE account_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
      .run(second.split('.')[0]);
    expect(
      (await server.api('POST', '/api/auth/link/password', { body: { token: second, password: GOOD } })).status,
    ).toBe(410);
    // Someone who has a password is not invited again.
    const member = await server.factory.person();
    expect((await server.api('POST', `/api/people/${member.id}/invitation`, { token })).status).toBe(409);
  });

  it('with a mail server, mails the link in the person’s language and does not give it to the admin', async () => {
    const admin = await mailed.factory.person({ role: 'admin' });
    // Admins need a second factor on this server: enrol through the sign-in.
    const token = await signInSettingUp(mailed, admin.email, admin.password);
    const who = invitee();
    const res = await mailed.api('POST', '/api/people/invitations', { token, body: who });
    expect(res.status).toBe(201);
    expect(res.body.link).toBeNull();
    await waitFor(
      () => smtp.mails.some((m) => m.to && JSON.stringify(m.to).includes(who.email)),
      'the invitation mail',
    );
    const mail = smtp.mails.find((m) => JSON.stringify(m.to).includes(who.email));
    expect(mail?.subject).toBe('Du er inviteret til Council');
    const link = /http\S+\/set-password#[\w.-]+/.exec(mail?.text ?? '')?.[0] as string;
    expect(link).toBeTruthy();
    expect(mail?.headers.get('list-unsubscribe')).toBeUndefined();
    expect(
      (await mailed.api('POST', '/api/auth/link/password', { body: { token: tokenOf(link), password: GOOD } })).status,
    ).toBe(204);
    expect((await login(mailed, who.email, GOOD)).body.token).toEqual(expect.any(String));
  });
});

describe('a forgotten password', () => {
  it('answers the same whether the address has an account or not, and mails only the real one', async () => {
    const person = await mailed.factory.person();
    const before = smtp.mails.length;
    const known = await mailed.api('POST', '/api/auth/password-reset', { body: { email: person.email } });
    const unknown = await mailed.api('POST', '/api/auth/password-reset', { body: { email: 'ingen@nowhere.example' } });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    await waitFor(() => smtp.mails.length > before, 'the reset mail');
    await new Promise((r) => setTimeout(r, 300));
    const sent = smtp.mails.slice(before);
    expect(sent.map((m) => JSON.stringify(m.to))).toEqual([expect.stringContaining(person.email)]);
    expect(sent[0]?.subject).toBe('Nulstil din adgangskode til Council');
  });

  it('the link sets a new password once, ends every session, and the old password stops working', async () => {
    const person = await server.factory.person();
    const session = (await login(server, person.email, person.password)).body.token as string;
    await server.api('POST', '/api/auth/password-reset', { body: { email: person.email } });
    // No mail server here: the kept mail file holds the link, as an admin would read it.
    const mailRow = server.council.db
      .prepare('SELECT account_token_id AS id FROM mail_outbox WHERE recipient_id = ? ORDER BY id DESC')
      .get(person.id) as { id: string };
    const row = server.council.db.prepare('SELECT purpose FROM account_tokens WHERE id = ?').get(mailRow.id) as {
      purpose: string;
    };
    expect(row.purpose).toBe('reset');
    await waitFor(
      () =>
        (
          server.council.db.prepare('SELECT status FROM mail_outbox WHERE account_token_id = ?').get(mailRow.id) as {
            status: string;
          }
        ).status === 'sent',
      'the reset mail kept',
    );
    const admin = (await server.signIn('admin')).token;
    const kept = await server.api('GET', '/api/admin/mail', { token: admin });
    const entry = (kept.body.mails as { id: number; subject: string }[]).find((m) => m.subject?.includes('Nulstil'));
    const eml = await fetch(`${server.url}/api/admin/mail/${entry?.id}.eml`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const mail = await simpleParser(Buffer.from(await eml.arrayBuffer()));
    const link = /\/set-password#([\w.-]+)/.exec(mail.text ?? '')?.[1] as string;
    expect(link).toBeTruthy();

    const weak = await server.api('POST', '/api/auth/link/password', {
      body: { token: link, password: `${person.email.split('@')[0]}1` },
    });
    expect(weak.status).toBe(400);
    expect(
      (await server.api('POST', '/api/auth/link/password', { body: { token: link, password: GOOD } })).status,
    ).toBe(204);
    expect((await server.api('GET', '/api/me', { token: session })).status).toBe(401);
    expect((await login(server, person.email, person.password)).status).toBe(401);
    expect((await login(server, person.email, GOOD)).status).toBe(200);
    expect(
      (await server.api('POST', '/api/auth/link/password', { body: { token: link, password: GOOD } })).status,
    ).toBe(410);
  });

  it('the password policy holds for changing one’s own password and for an admin setting one', async () => {
    const person = await server.person('council_member');
    const change = await server.api('POST', '/api/me/password', {
      token: person.token,
      body: { currentPassword: person.password, newPassword: 'password1234' },
    });
    expect(change.status).toBe(400);
    expect(change.body.error.issues[0]).toMatchObject({ path: ['newPassword'], params: { rule: 'common_password' } });
    const { token } = await server.signIn('admin');
    const set = await server.api('POST', `/api/people/${person.id}/password`, {
      token,
      body: { password: 'qwertyuiop123' },
    });
    expect(set.status).toBe(400);
    expect((await login(server, person.email, person.password)).status).toBe(200);
  });
});

/** Signs in where two-factor sign-in must be set up: the secret given, its first code sent back. */
async function signInSettingUp(s: TestServer, email: string, password: string): Promise<string> {
  const first = await login(s, email, password);
  expect(first.body).toMatchObject({ twoFactor: 'setup', challenge: expect.any(String) });
  expect(first.body.token).toBeUndefined();
  const code = await generate({ secret: first.body.setup.secret });
  const second = await s.api('POST', '/api/auth/login/two-factor', { body: { challenge: first.body.challenge, code } });
  expect(second.status).toBe(200);
  expect(second.body.recoveryCodes).toHaveLength(10);
  return second.body.token;
}

describe('two-factor sign-in', () => {
  it('turned on from the account page, a sign-in needs a code, which works once', async () => {
    const person = await server.person('council_member');
    const setup = await server.api('POST', '/api/me/two-factor', { token: person.token });
    expect(setup.body).toMatchObject({ secret: expect.any(String), uri: expect.stringMatching(/^otpauth:\/\/totp\//) });
    expect(setup.body.qrSvg).toContain('<svg');
    const wrong = await server.api('POST', '/api/me/two-factor/confirm', {
      token: person.token,
      body: { code: '000000' },
    });
    expect(wrong.body.error.issues[0].params.rule).toBe('wrong_code');
    const code = await generate({ secret: setup.body.secret });
    const on = await server.api('POST', '/api/me/two-factor/confirm', { token: person.token, body: { code } });
    expect(on.body.recoveryCodes).toHaveLength(10);
    expect((await server.api('GET', '/api/me/two-factor', { token: person.token })).body).toEqual({
      enabled: true,
      required: false,
      recoveryCodesLeft: 10,
    });

    const first = await login(server, person.email, person.password);
    expect(first.body).toEqual({ twoFactor: 'code', challenge: expect.any(String) });
    // The code that turned it on was used: it does not sign in.
    const replay = await server.api('POST', '/api/auth/login/two-factor', {
      body: { challenge: first.body.challenge, code },
    });
    expect(replay.status).toBe(400);
    // A recovery code does, once.
    const recovery = on.body.recoveryCodes[0].toUpperCase().replace('-', ' ');
    const ok = await server.api('POST', '/api/auth/login/two-factor', {
      body: { challenge: first.body.challenge, code: recovery },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe(person.email);
    expect((await server.api('GET', '/api/me', { token: ok.body.token })).status).toBe(200);
    // The challenge is spent, and the recovery code too.
    expect(
      (
        await server.api('POST', '/api/auth/login/two-factor', {
          body: { challenge: first.body.challenge, code: recovery },
        })
      ).status,
    ).toBe(401);
    const again = await login(server, person.email, person.password);
    expect(
      (
        await server.api('POST', '/api/auth/login/two-factor', {
          body: { challenge: again.body.challenge, code: recovery },
        })
      ).status,
    ).toBe(400);
    expect((await server.api('GET', '/api/me/two-factor', { token: person.token })).body.recoveryCodesLeft).toBe(9);
  });

  it('five wrong codes spend the challenge; the password must be given again', async () => {
    const person = await server.person('observer');
    const setup = await server.api('POST', '/api/me/two-factor', { token: person.token });
    await server.api('POST', '/api/me/two-factor/confirm', {
      token: person.token,
      body: { code: await generate({ secret: setup.body.secret }) },
    });
    const first = await login(server, person.email, person.password);
    for (let i = 1; i <= 5; i++) {
      const res = await server.api('POST', '/api/auth/login/two-factor', {
        body: { challenge: first.body.challenge, code: '123456' },
      });
      // The fifth ends the sign-in at once, so the page can say so.
      expect(res.status, `wrong code ${i}`).toBe(i < 5 ? 400 : 401);
    }
    const sixth = await server.api('POST', '/api/auth/login/two-factor', {
      body: { challenge: first.body.challenge, code: await generate({ secret: setup.body.secret }) },
    });
    expect(sixth.status).toBe(401);
    // And the account is held for a while, whatever new challenge is asked for.
    const next = await login(server, person.email, person.password);
    const held = await server.api('POST', '/api/auth/login/two-factor', {
      body: { challenge: next.body.challenge, code: '123456' },
    });
    expect(held.status).toBe(429);
  });

  it('turning it off takes the password; new recovery codes replace the old', async () => {
    const person = await server.person('council_member');
    const setup = await server.api('POST', '/api/me/two-factor', { token: person.token });
    const on = await server.api('POST', '/api/me/two-factor/confirm', {
      token: person.token,
      body: { code: await generate({ secret: setup.body.secret }) },
    });
    expect((await server.api('POST', '/api/me/two-factor', { token: person.token })).status).toBe(409);
    const fresh = await server.api('POST', '/api/me/two-factor/recovery-codes', {
      token: person.token,
      body: { password: person.password },
    });
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    const challenge = (await login(server, person.email, person.password)).body.challenge;
    expect(
      (await server.api('POST', '/api/auth/login/two-factor', { body: { challenge, code: on.body.recoveryCodes[1] } }))
        .status,
    ).toBe(400);
    expect(
      (await server.api('DELETE', '/api/me/two-factor', { token: person.token, body: { password: 'forkert-kodeord' } }))
        .status,
    ).toBe(403);
    expect(
      (await server.api('DELETE', '/api/me/two-factor', { token: person.token, body: { password: person.password } }))
        .status,
    ).toBe(204);
    expect((await login(server, person.email, person.password)).body.token).toEqual(expect.any(String));
    expect(audited(server, 'person.two_factor_off')).toContain(`person:${person.id}`);
  });

  it('required of admins: set up at the first sign-in, never turned off; an admin may reset someone else’s', async () => {
    const admin = await mailed.factory.person({ role: 'admin' });
    const token = await signInSettingUp(mailed, admin.email, admin.password);
    expect((await mailed.api('GET', '/api/me/two-factor', { token })).body).toMatchObject({
      enabled: true,
      required: true,
    });
    expect(
      (await mailed.api('DELETE', '/api/me/two-factor', { token, body: { password: admin.password } })).status,
    ).toBe(409);
    // The next sign-in asks for a code, not a setup.
    expect((await login(mailed, admin.email, admin.password)).body.twoFactor).toBe('code');

    const other = await mailed.factory.person({ role: 'admin' });
    const otherToken = await signInSettingUp(mailed, other.email, other.password);
    const member = await mailed.person('council_member');
    expect((await mailed.api('POST', `/api/people/${other.id}/two-factor/reset`, { token: member.token })).status).toBe(
      403,
    );
    expect((await mailed.api('POST', `/api/people/${other.id}/two-factor/reset`, { token })).status).toBe(204);
    expect((await mailed.api('GET', '/api/me', { token: otherToken })).status).toBe(401);
    expect((await login(mailed, other.email, other.password)).body.twoFactor).toBe('setup');
  });
});

describe('password sign-in for everyone and per person', () => {
  it('is the admins’ to set, and cannot be turned off while single sign-on is not set up', async () => {
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const { token } = await server.signIn(role);
      expect((await server.api('GET', '/api/admin/sign-in', { token })).status, role).toBe(403);
      expect((await server.api('PUT', '/api/admin/sign-in', { token, body: { allowed: true } })).status, role).toBe(
        403,
      );
    }
    const { token } = await server.signIn('admin');
    expect((await server.api('GET', '/api/admin/sign-in', { token })).body).toEqual({
      passwordSignIn: true,
      singleSignOn: false,
    });
    const off = await server.api('PUT', '/api/admin/sign-in', { token, body: { allowed: false } });
    expect(off.status).toBe(409);
    const person = await server.factory.person();
    expect(
      (await server.api('PUT', `/api/people/${person.id}/password-sign-in`, { token, body: { allowed: false } }))
        .status,
    ).toBe(409);
    expect((await server.api('PUT', '/api/admin/sign-in', { token, body: { allowed: 'nej' } })).status).toBe(400);
    expect((await login(server, person.email, person.password)).status).toBe(200);
  });
});
