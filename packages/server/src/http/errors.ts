import type { ErrorBody } from '@council/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from '../logger.ts';

type Code = ErrorBody['error']['code'];

/** An error that becomes `{ error: { code, message, issues? } }` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: Code,
    message: string,
    readonly issues?: unknown[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, issues?: unknown[]) => new HttpError(400, 'bad_request', message, issues);
export const unauthenticated = (message = 'Sign in first.') => new HttpError(401, 'unauthenticated', message);
export const forbidden = (message = 'You may not do this.') => new HttpError(403, 'forbidden', message);
/** 429 with Retry-After: a limit on tries (sign-ins, codes, links) is reached for `seconds` more. */
export const rateLimited = (seconds: number, message: string) =>
  new HttpError(429, 'rate_limited', message, undefined, { 'Retry-After': String(seconds) });
export const notFound = (what = 'Resource') => new HttpError(404, 'not_found', `${what} not found.`);
export const conflict = (
  message: string,
  code: 'conflict' | 'approval_blocked' | 'confirmation_required' = 'conflict',
  issues?: unknown[],
) => new HttpError(409, code, message, issues);

export function validationFailed(error: z.ZodError): HttpError {
  return new HttpError(400, 'validation_failed', 'The request is not valid.', error.issues);
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}.`));
};

/** Turns every error, including body-parser's, into the contract's error body; never leaks stacks. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let error: HttpError;
    if (err instanceof HttpError) error = err;
    else if (err instanceof z.ZodError) error = validationFailed(err);
    else if (err?.type === 'entity.too.large')
      error = new HttpError(413, 'payload_too_large', 'The request body is too large.');
    else if (err?.type === 'entity.parse.failed') error = badRequest('The request body is not valid JSON.');
    else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500)
      error = badRequest(String(err.message ?? 'Bad request.'));
    else {
      logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
      error = new HttpError(500, 'internal', 'Something went wrong on the server.');
    }
    // Refusals leave a trace for whoever looks into an attack: who, from where, asking what.
    if (error.status === 403 || error.status === 429 || (error.status === 401 && req.path === '/auth/login')) {
      logger.warn(
        {
          status: error.status,
          code: error.code,
          method: req.method,
          path: req.path,
          personId: req.auth?.person.id,
          email: req.path === '/auth/login' ? String(req.body?.email ?? '').slice(0, 320) : undefined,
          ip: req.ip,
        },
        error.status === 401 ? 'sign-in refused' : 'request refused',
      );
    }
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.issues) body.error.issues = error.issues;
    res.status(error.status).set(error.headers).json(body);
  };
}
