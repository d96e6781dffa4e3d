import type { AuthProviders } from '@council/shared';
import { type Request, Router } from 'express';
import { readCookie } from '../../../http/session.ts';
import type { Logger } from '../../../logger.ts';
import { ssoResponses } from '../ssoResponses.ts';
import type { OidcProviders } from './providers.ts';
import { LOGIN_TTL_MS, type OidcService } from './service.ts';

/**
 * The pending login's id, for the callback to find it. httpOnly and SameSite=Lax: the provider
 * sends the browser back with a top-level GET, on which Lax cookies go; and a callback that arrives
 * in a browser without it (an attacker's code pasted into someone else's browser) finds nothing.
 * One at a time: starting a second sign-in in another tab makes the first one's callback refused.
 */
const LOGIN_COOKIE = 'council_oidc';
const COOKIE_PATH = '/api/auth/oidc';

/**
 * Where to go after signing in: a path on this site only (`/meetings/x?y`), never `//elsewhere`
 * or `https://elsewhere` (an open redirect would lend Council's name to a phishing link).
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/')) return '/';
  const base = 'http://council.invalid';
  try {
    const url = new URL(value, base);
    // Browsers read a backslash as a slash and drop tabs and newlines: `/\evil` and `/<tab>/evil` are `//evil`.
    const bent = value.includes('\\') || [...value].some((c) => c.charCodeAt(0) < 0x20);
    if (url.origin !== base || bent || value.startsWith('//')) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}

/**
 * Sign-in through OpenID providers. The start and the callback are reached by top-level
 * navigation (a link, the provider's redirect) and answer with redirects, never JSON errors: every
 * failure goes back to the sign-in page with `?sso_error=<code>`, which it explains, and a log line.
 * They are sign-in itself, so like `POST /auth/login` they ask no policy: nobody is signed in yet.
 */
export function oidcRoutes(
  oidc: OidcService,
  providers: OidcProviders,
  secureCookies: boolean,
  logger: Logger,
  /** The other providers' buttons (SAML). */
  moreProviders: AuthProviders['providers'] = [],
): Router {
  const router = Router();

  router.get('/auth/providers', (_req, res) => {
    const oidc = providers.list().map((p) => ({ ...p, start: `/api/auth/oidc/${encodeURIComponent(p.id)}/start` }));
    res.json({ providers: [...oidc, ...moreProviders] } satisfies AuthProviders);
  });

  const { refuse, signedIn: welcome } = ssoResponses(secureCookies, logger);

  router.get('/auth/oidc/:provider/start', async (req: Request<{ provider: string }>, res) => {
    const providerId = req.params.provider;
    try {
      const { url, loginId } = await oidc.begin(providerId, safeReturnTo(req.query.next));
      res.cookie(LOGIN_COOKIE, loginId, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        path: COOKIE_PATH,
        maxAge: LOGIN_TTL_MS,
      });
      res.redirect(303, url);
    } catch (err) {
      refuse(res, providerId, err);
    }
  });

  router.get('/auth/oidc/:provider/callback', async (req: Request<{ provider: string }>, res) => {
    const providerId = req.params.provider;
    // Whatever happens, this browser's pending login is spent.
    res.clearCookie(LOGIN_COOKIE, { path: COOKIE_PATH });
    const query = new URL(req.originalUrl, 'http://council.invalid').searchParams;
    try {
      const signedIn = await oidc.finish(
        providerId,
        readCookie(req.headers.cookie, LOGIN_COOKIE),
        query,
        req.ip ?? 'unknown',
        req.get('user-agent') ?? '',
      );
      welcome(req, res, providerId, signedIn);
    } catch (err) {
      refuse(res, providerId, err);
    }
  });

  return router;
}
