import type { Action, Resource } from '@council/shared';
import { can } from '@council/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Authenticated, AuthService } from '../domains/auth/service.ts';
import { forbidden, unauthenticated } from './errors.ts';
import { tokenFromRequest } from './session.ts';

declare module 'express-serve-static-core' {
  interface Request {
    auth?: Authenticated;
  }
}

/** Attaches `req.auth` when the request carries a valid session; routes decide whether they need it. */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    req.auth = (await auth.authenticate(tokenFromRequest(req))) ?? undefined;
    next();
  };
}

export function requireAuth(req: Request): Authenticated {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}

/** Authenticates and authorises in one step: 401 without a session, 403 when the policy says no. */
export function authorize(req: Request, action: Action, resource: Resource): Authenticated {
  const auth = requireAuth(req);
  if (!can(auth.actor, action, resource)) throw forbidden();
  return auth;
}

/** Express 5 forwards rejected promises itself; this only gives handlers a typed shape. */
export type Handler = (req: Request, res: Response, next: NextFunction) => Promise<void> | void;
