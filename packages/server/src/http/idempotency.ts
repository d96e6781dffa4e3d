import type { RequestHandler } from 'express';
import type { Db } from '../db/connection.ts';
import { badRequest, HttpError } from './errors.ts';

/** How long a key's first answer is kept. */
const KEEP_MS = 24 * 60 * 60 * 1000;
/** Printable ASCII, as long as a UUID and then some. */
const KEY = /^[\x21-\x7e]{1,200}$/;

interface Stored {
  method: string;
  path: string;
  status: number;
  body: string;
}

/**
 * `Idempotency-Key` on a POST: the first successful answer is kept for the person and the key, and a
 * repeat of the key gets that answer again without running the command a second time, whether it
 * arrives after the first has finished (a retry after a lost answer) or while it is still running
 * (a double click: the repeat waits for the first). Only successful answers are kept, so a refused
 * attempt can be corrected and sent again with the same key. A key sent with another route is
 * refused. Without the header nothing changes.
 */
export function idempotency(db: Db): RequestHandler {
  const find = db.prepare<[string, string], Stored>(
    'SELECT method, path, status, body FROM idempotency_keys WHERE person_id = ? AND key = ?',
  );
  const save = db.prepare(
    `INSERT OR IGNORE INTO idempotency_keys (person_id, key, method, path, status, body, created_at)
     VALUES (@personId, @key, @method, @path, @status, @body, @createdAt)`,
  );
  const forget = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');
  /** Requests still running, by person and key: a repeat waits for the first. */
  const running = new Map<string, Promise<void>>();

  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (req.method !== 'POST' || key === undefined || !req.auth) return next();
    if (!KEY.test(key)) throw badRequest('Idempotency-Key must be 1 to 200 printable characters.');
    const personId = req.auth.person.id;
    const slot = `${personId}\n${key}`;
    await running.get(slot);

    const stored = find.get(personId, key);
    if (stored) {
      if (stored.method !== req.method || stored.path !== req.path) {
        throw new HttpError(409, 'idempotency_key_reused', 'This Idempotency-Key was used for another request.');
      }
      res.status(stored.status).type('application/json').set('Idempotent-Replayed', 'true').send(stored.body);
      return;
    }

    let done = () => {};
    running.set(slot, new Promise<void>((resolve) => (done = resolve)));
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode >= 200 && res.statusCode < 300) {
        const createdAt = new Date().toISOString();
        forget.run(new Date(Date.now() - KEEP_MS).toISOString());
        save.run({
          personId,
          key,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          body: JSON.stringify(body),
          createdAt,
        });
      }
      return json(body);
    };
    res.on('close', () => {
      running.delete(slot);
      done();
    });
    next();
  };
}
