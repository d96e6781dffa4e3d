import type { Db } from '../../../db/connection.ts';

export interface SamlLogin {
  providerId: string;
  requestId: string;
  returnTo: string;
}

/** Pending SAML sign-ins and used assertions (migration 26). */
export class SamlRepo {
  constructor(private readonly db: Db) {}

  /** Saves a pending sign-in; false when `max` are waiting already (anyone may start one). */
  savePending(idHash: string, login: SamlLogin & { expiresAt: number }, now: number, max: number): boolean {
    this.db.prepare('DELETE FROM saml_logins WHERE expires_at <= ?').run(now);
    const waiting = (this.db.prepare('SELECT count(*) AS n FROM saml_logins').get() as { n: number }).n;
    if (waiting >= max) return false;
    this.db
      .prepare(
        'INSERT INTO saml_logins (id_hash, provider_id, request_id, return_to, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(idHash, login.providerId, login.requestId, login.returnTo, login.expiresAt);
    return true;
  }

  /** The pending sign-in, removed so that it cannot be used again; null if unknown or expired. */
  takePending(idHash: string, now: number): SamlLogin | null {
    const row = this.db
      .prepare<[string], SamlLogin & { expiresAt: number }>(
        `DELETE FROM saml_logins WHERE id_hash = ?
         RETURNING provider_id AS providerId, request_id AS requestId, return_to AS returnTo, expires_at AS expiresAt`,
      )
      .get(idHash);
    return row && row.expiresAt > now ? row : null;
  }

  /** Marks an assertion used; false if it was used before (a replay). */
  useAssertion(id: string, expiresAt: number, now: number): boolean {
    this.db.prepare('DELETE FROM saml_assertions WHERE expires_at <= ?').run(now);
    return (
      this.db.prepare('INSERT OR IGNORE INTO saml_assertions (id, expires_at) VALUES (?, ?)').run(id, expiresAt)
        .changes === 1
    );
  }
}
