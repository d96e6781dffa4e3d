import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { forbidden } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Browsers always send Origin on cross-site state-changing requests and on WebSocket upgrades;
 * a request whose Origin is neither this server nor an allowed one is refused. Scripts without an
 * Origin header (curl, integrations with a bearer token) are not browsers and pass.
 */
export function isAllowedOrigin(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function originCheck(allowed: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || isAllowedOrigin(req, allowed)) return next();
    next(forbidden('Cross-origin requests are not allowed.'));
  };
}
