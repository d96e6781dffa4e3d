import { LIMITS } from '@council/shared';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'council_session';

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The browser's session: never readable by scripts, sent on top-level navigations from elsewhere (lax) for links in mail. */
export function setSessionCookie(res: Response, token: string, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: LIMITS.sessionMaxMs,
  });
}

/** Bearer token for scripts, else the session cookie for the browser. */
export function tokenFromRequest(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}
