import type { Request, Response } from 'express';
import { setSessionCookie } from '../../http/session.ts';
import type { Logger } from '../../logger.ts';
import type { SignedIn } from './oidc/service.ts';
import { asSsoError } from './oidc/service.ts';

/**
 * How single sign-on's routes answer a browser, OpenID and SAML alike: a sign-in ends in a
 * redirect with the session cookie set; a failure goes back to the sign-in page with a code it
 * explains, and a log line with the reason, never an error status.
 */
export function ssoResponses(secureCookies: boolean, logger: Logger) {
  return {
    refuse(res: Response, providerId: string, err: unknown): void {
      const error = asSsoError(err);
      logger.warn({ provider: providerId, code: error.code, reason: error.message }, 'single sign-on refused');
      res.redirect(303, `/login?sso_error=${error.code}`);
    },
    signedIn(req: Request, res: Response, providerId: string, signedIn: SignedIn): void {
      logger.info({ personId: signedIn.personId, ip: req.ip, provider: providerId }, 'signed in');
      setSessionCookie(res, signedIn.token, secureCookies);
      res.redirect(303, signedIn.returnTo);
    },
  };
}
