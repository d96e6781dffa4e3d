import express, { type Request, Router } from 'express';
import { readCookie } from '../../../http/session.ts';
import type { Logger } from '../../../logger.ts';
import { safeReturnTo } from '../oidc/routes.ts';
import { ssoResponses } from '../ssoResponses.ts';
import { SAML_LOGIN_TTL_MS, type SamlService } from './service.ts';

/**
 * The pending sign-in's id, also sent to the provider as RelayState. The provider's response comes
 * back as a cross-site POST, which carries a cookie only if it is SameSite=None, and browsers take
 * SameSite=None only when Secure: so over https (production) the cookie goes along and must match,
 * binding the response to the browser that started the sign-in; over plain http (development on
 * this machine) it cannot, and the RelayState alone finds the pending sign-in.
 */
const LOGIN_COOKIE = 'council_saml';
const COOKIE_PATH = '/api/auth/saml';

/**
 * SAML sign-in: the service provider's metadata, the start (a redirect to the provider with the
 * AuthnRequest) and the assertion consumer service (the provider's POST). Like OpenID sign-in,
 * every failure goes back to the sign-in page with `?sso_error=<code>` and a log line, never a 500,
 * and nothing here asks the policy: nobody is signed in yet.
 */
export function samlRoutes(saml: SamlService, secureCookies: boolean, logger: Logger): Router {
  const router = Router();

  const { refuse, signedIn: welcome } = ssoResponses(secureCookies, logger);

  router.get('/auth/saml/:provider/metadata', (req: Request<{ provider: string }>, res) => {
    try {
      res.type('application/samlmetadata+xml').send(saml.metadata(req.params.provider));
    } catch {
      res.status(404).json({ error: { code: 'not_found', message: 'No such SAML provider.' } });
    }
  });

  router.get('/auth/saml/:provider/start', async (req: Request<{ provider: string }>, res) => {
    const providerId = req.params.provider;
    try {
      const { url, loginId } = await saml.begin(providerId, safeReturnTo(req.query.next));
      res.cookie(LOGIN_COOKIE, loginId, {
        httpOnly: true,
        sameSite: secureCookies ? 'none' : 'lax',
        secure: secureCookies,
        path: COOKIE_PATH,
        maxAge: SAML_LOGIN_TTL_MS,
      });
      res.redirect(303, url);
    } catch (err) {
      refuse(res, providerId, err);
    }
  });

  router.post(
    '/auth/saml/:provider/acs',
    express.urlencoded({ extended: false, limit: '512kb' }),
    async (req: Request<{ provider: string }>, res) => {
      const providerId = req.params.provider;
      res.clearCookie(LOGIN_COOKIE, { path: COOKIE_PATH });
      try {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const signedIn = await saml.finish(
          providerId,
          { samlResponse: body.SAMLResponse, relayState: body.RelayState },
          readCookie(req.headers.cookie, LOGIN_COOKIE),
          secureCookies,
          req.ip ?? 'unknown',
          req.get('user-agent') ?? '',
        );
        welcome(req, res, providerId, signedIn);
      } catch (err) {
        refuse(res, providerId, err);
      }
    },
  );

  return router;
}
