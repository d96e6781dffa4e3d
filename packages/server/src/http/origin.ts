import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { ErrorBody } from '@council/shared';
import type { RequestHandler } from 'express';
import { isLoopback } from '../config.ts';
import { forbidden } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What the origin and host checks compare requests with (from Config). */
export interface OriginRules {
  /** The public URL's origin, or null when the server is its own (development). */
  publicUrl: string | null;
  allowedOrigins: readonly string[];
  allowedHosts: readonly string[];
}

/** The origin this request reached: the public URL, or else the scheme and host it came in on. */
function ownOrigin(req: IncomingMessage, rules: OriginRules): string | null {
  if (rules.publicUrl) return rules.publicUrl;
  const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  try {
    return new URL(`${scheme}://${req.headers.host}`).origin;
  } catch {
    return null;
  }
}

/**
 * Browsers always send Origin on cross-site state-changing requests and on WebSocket upgrades;
 * a request whose Origin is neither this server's (scheme, host and port) nor an allowed one is
 * refused. Scripts without an Origin header (curl, integrations with a bearer token) are not
 * browsers and pass.
 */
export function isAllowedOrigin(req: IncomingMessage, rules: OriginRules): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (rules.allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).origin === ownOrigin(req, rules);
  } catch {
    return false;
  }
}

/**
 * A page on a name that resolves to this server (DNS rebinding) makes the browser send that name
 * as Host, and the browser then counts Council as the page's own origin. Only the public URL's
 * host, the allowed hosts and loopback names are served.
 */
export function isAllowedHost(req: IncomingMessage, rules: OriginRules): boolean {
  let hostname: string;
  try {
    hostname = new URL(`http://${req.headers.host ?? ''}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (isLoopback(hostname) || rules.allowedHosts.includes(hostname)) return true;
  // Unconfigured, the server answers to whatever address it was reached on but names.
  if (!rules.publicUrl) return /^[\d.]+$|^\[[\da-f:]+\]$/.test(hostname);
  return hostname === new URL(rules.publicUrl).hostname;
}

export function originCheck(rules: OriginRules): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || isAllowedOrigin(req, rules)) return next();
    // The unsubscribe link is its own credential (signed, no session or cookie is used), and its
    // page's button posts with `Origin: null` (the app sends no referrer): no forgery to guard.
    if (req.path === '/notifications/unsubscribe') return next();
    // A SAML provider posts its response from its own origin: the signed assertion, answering a
    // request this browser started, is the credential (domains/auth/saml).
    if (/^\/auth\/saml\/[^/]+\/acs$/.test(req.path)) return next();
    next(forbidden('Cross-origin requests are not allowed.'));
  };
}

/** Refuses requests for other hosts, for the whole app (pages as well as /api). */
export function hostCheck(rules: OriginRules): RequestHandler {
  return (req, res, next) => {
    if (isAllowedHost(req, rules)) return next();
    const body: ErrorBody = { error: { code: 'bad_request', message: 'Unknown host.' } };
    res.status(400).json(body);
  };
}
