import {
  AccountLink,
  type AuthSession,
  ChangePassword,
  LoginRequest,
  PasswordConfirm,
  PasswordResetRequest,
  type ProviderLogout,
  SetPasswordWithLink,
  TwoFactorConfirm,
  TwoFactorStep,
} from '@council/shared';
import { type Request, Router } from 'express';
import { z } from 'zod';
import { authorize, requireAuth } from '../../http/auth.ts';
import { notFound } from '../../http/errors.ts';
import { SESSION_COOKIE, setSessionCookie, tokenFromRequest } from '../../http/session.ts';
import { parse } from '../../http/validate.ts';
import type { Logger } from '../../logger.ts';
import { presentMe } from '../people/presenter.ts';
import type { AccountService } from './accounts.ts';
import type { AuthService } from './service.ts';

/** The signed-in person, asked of the policy as the editor of their own account. */
function self(req: Request) {
  return authorize(req, 'edit', { type: 'person', id: requireAuth(req).person.id });
}

export function authRoutes(
  auth: AuthService,
  accounts: AccountService,
  secureCookies: boolean,
  logger: Logger,
  /** Where the browser goes on to sign out at the provider that started the session, if one did (RP-initiated logout). */
  providerLogoutUrl: (token: string) => Promise<string | null> = async () => null,
): Router {
  const router = Router();

  router.post('/auth/login', async (req, res) => {
    const body = parse(LoginRequest, req.body);
    const result = await auth.login(body, req.ip ?? 'unknown', req.get('user-agent') ?? '');
    if ('token' in result) {
      logger.info({ personId: result.user.id, ip: req.ip }, 'signed in');
      setSessionCookie(res, result.token, secureCookies);
    }
    res.json(result);
  });

  /** The second step of a sign-in with two-factor authentication. */
  router.post('/auth/login/two-factor', async (req, res) => {
    const result = await auth.secondStep(
      parse(TwoFactorStep, req.body),
      req.ip ?? 'unknown',
      req.get('user-agent') ?? '',
    );
    logger.info({ personId: result.user.id, ip: req.ip }, 'signed in with a second factor');
    setSessionCookie(res, result.token, secureCookies);
    res.json(result);
  });

  /** Asks for a reset link; the same answer whether the address has an account or not. */
  router.post('/auth/password-reset', async (req, res) => {
    await accounts.requestReset(parse(PasswordResetRequest, req.body).email, req.ip ?? 'unknown');
    res.status(202).json({});
  });

  /** Who an invitation or reset link is for; the token travels in the body, never in a URL that is logged. */
  router.post('/auth/link', async (req, res) => {
    res.json(await accounts.inspectLink(parse(AccountLink, req.body).token, req.ip ?? 'unknown'));
  });

  router.post('/auth/link/password', async (req, res) => {
    await accounts.setPasswordWithLink(parse(SetPasswordWithLink, req.body), req.ip ?? 'unknown');
    res.status(204).end();
  });

  router.post('/auth/logout', async (req, res) => {
    const token = tokenFromRequest(req);
    // Asked before the session ends, which forgets the provider's ID token with it.
    const endSessionUrl = token ? await providerLogoutUrl(token) : null;
    await auth.logout(token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    if (endSessionUrl) res.json({ endSessionUrl } satisfies ProviderLogout);
    else res.status(204).end();
  });

  /**
   * Who is signed in, for the web app's start: 200 with null rather than 401 when nobody is, so that
   * the sign-in page does not log a failed request in every visitor's console.
   */
  router.get('/auth/session', (req, res) => {
    res.json({ user: req.auth ? presentMe(req.auth.person, req.auth.actor.groups) : null } satisfies AuthSession);
  });

  router.get('/me', (req, res) => {
    const { person, actor } = requireAuth(req);
    res.json(presentMe(person, actor.groups));
  });

  /** Changing one's password ends every other session: whoever knew the old one is signed out. */
  router.post('/me/password', async (req, res) => {
    const { person, sessionId } = self(req);
    const sessionsEnded = await accounts.changePassword(person, sessionId, parse(ChangePassword, req.body));
    res.json({ sessionsEnded });
  });

  router.get('/me/two-factor', (req, res) => {
    res.json(accounts.twoFactorStatus(self(req).person));
  });

  /** Starts setting it up: the secret and its QR code; nothing is in force until a code confirms it. */
  router.post('/me/two-factor', async (req, res) => {
    const { person } = self(req);
    res.json(await accounts.beginTwoFactor(person, person.email));
  });

  router.post('/me/two-factor/confirm', async (req, res) => {
    const { person } = self(req);
    res.json({ recoveryCodes: await accounts.confirmTwoFactor(person, parse(TwoFactorConfirm, req.body).code) });
  });

  /** DELETE with a body: the password proves it is the person, not a browser left open. */
  router.delete('/me/two-factor', async (req, res) => {
    await accounts.disableTwoFactor(self(req).person, parse(PasswordConfirm, req.body).password);
    res.status(204).end();
  });

  router.post('/me/two-factor/recovery-codes', async (req, res) => {
    const { person } = self(req);
    res.json({ recoveryCodes: await accounts.newRecoveryCodes(person, parse(PasswordConfirm, req.body).password) });
  });

  router.get('/me/sessions', async (req, res) => {
    const { person, sessionId } = self(req);
    res.json(await auth.sessionsOf(person.id, sessionId));
  });

  /** Signs out everywhere else. */
  router.delete('/me/sessions', async (req, res) => {
    const { person, sessionId } = self(req);
    res.json({ sessionsEnded: await auth.endSessionsOf(person.id, sessionId) });
  });

  router.delete('/me/sessions/:id', async (req, res) => {
    const { person } = self(req);
    const id = parse(z.string().min(1).max(64), req.params.id);
    if (!(await auth.endSession(person.id, id))) throw notFound('Session');
    res.status(204).end();
  });

  return router;
}
