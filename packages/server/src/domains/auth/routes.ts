import { LIMITS, LoginRequest } from '@council/shared';
import { Router } from 'express';
import { requireAuth } from '../../http/auth.ts';
import { SESSION_COOKIE, tokenFromRequest } from '../../http/session.ts';
import { parse } from '../../http/validate.ts';
import { presentMe } from '../people/presenter.ts';
import type { AuthService } from './service.ts';

export function authRoutes(auth: AuthService, secureCookies: boolean): Router {
  const router = Router();

  router.post('/auth/login', async (req, res) => {
    const body = parse(LoginRequest, req.body);
    const result = await auth.login(body, req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      path: '/',
      maxAge: LIMITS.sessionMaxMs,
    });
    res.json(result);
  });

  router.post('/auth/logout', async (req, res) => {
    await auth.logout(tokenFromRequest(req));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', (req, res) => {
    const { person, actor } = requireAuth(req);
    res.json(presentMe(person, actor.groups));
  });

  return router;
}
