import { type AuthSession, ChangePassword, LoginRequest, type ProviderLogout } from '@council/shared';
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
    logger.info({ personId: result.user.id, ip: req.ip }, 'signed in');
    setSessionCookie(res, result.token, secureCookies);
    res.json(result);
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
