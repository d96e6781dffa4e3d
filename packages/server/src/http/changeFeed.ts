import type { Request, RequestHandler, Response } from 'express';
import { requireAuth } from './auth.ts';

/** Changes within this long reach each browser as one event: a burst of writes is one refetch. */
const COALESCE_MS = 250;
/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 25_000;

/**
 * Tells every signed-in browser, over server-sent events (`GET /api/events`), that something its
 * lists may show has changed, so that what is built from read models (the home page, My tasks, calls
 * and volunteers, the meetings list) is fetched again at once rather than at its next poll. Only the
 * fact travels, never data: each browser asks its own routes again, through the policy table as
 * always, so nobody learns anything here they could not read there.
 */
export class ChangeFeed {
  /** Each open stream, with the session it belongs to: sign-out ends it. */
  private readonly streams = new Map<Response, string>();
  private pending: ReturnType<typeof setTimeout> | null = null;
  private readonly keepalive = setInterval(() => this.write(': keepalive\n\n'), KEEPALIVE_MS);

  constructor() {
    this.keepalive.unref();
  }

  /** `GET /api/events`: a stream for the signed-in person; 401 without a session, like every route. */
  readonly route: RequestHandler = (req: Request, res: Response) => {
    const { sessionId } = requireAuth(req);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 5000\n\n');
    this.streams.set(res, sessionId);
    req.on('close', () => this.streams.delete(res));
  };

  /** After every change that succeeded (any successful request that is not a read). */
  readonly afterWrites: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.on('finish', () => {
        if (res.statusCode < 400) this.changed();
      });
    }
    next();
  };

  /** Something changed: every stream hears of it once within COALESCE_MS. */
  changed(): void {
    this.pending ??= setTimeout(() => {
      this.pending = null;
      this.write('event: changed\ndata: {}\n\n');
    }, COALESCE_MS);
  }

  /** A session ended: its streams end too, and the browser learns it is signed out when it reconnects. */
  closeSession(sessionId: string): void {
    for (const [res, id] of this.streams) if (id === sessionId) res.end();
  }

  /** The server stops: every stream ends, so that it can. */
  close(): void {
    clearInterval(this.keepalive);
    if (this.pending) clearTimeout(this.pending);
    for (const res of this.streams.keys()) res.end();
    this.streams.clear();
  }

  private write(chunk: string): void {
    for (const res of this.streams.keys()) res.write(chunk);
  }
}
