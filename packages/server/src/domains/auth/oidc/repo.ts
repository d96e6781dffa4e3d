import type { Db } from '../../../db/connection.ts';

/** A sign-in on its way through a provider (migration 25, `oidc_logins`). */
export interface PendingLogin {
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  expiresAt: number;
}

/** The tables of OpenID Connect sign-in: pending logins, linked identities, and sessions' ID tokens. */
export class OidcRepo {
  constructor(private readonly db: Db) {}

  /**
   * Keeps a pending login, and forgets the expired ones (nobody finishes those anyway). False,
   * keeping nothing, when `limit` are waiting already: anyone may start a sign-in, so without a
   * bound a script could fill the disk.
   */
  savePending(idHash: string, login: PendingLogin, now: number, limit: number): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM oidc_logins WHERE expires_at <= ?').run(now);
      const waiting = this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM oidc_logins').get()?.n ?? 0;
      if (waiting >= limit) return false;
      this.db
        .prepare(
          `INSERT INTO oidc_logins (id_hash, provider_id, state, nonce, code_verifier, return_to, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(idHash, login.providerId, login.state, login.nonce, login.codeVerifier, login.returnTo, login.expiresAt);
      return true;
    })();
  }

  /** Takes the pending login away as it reads it: a second callback with the same cookie finds nothing. */
  takePending(idHash: string, now: number): PendingLogin | null {
    const row = this.db
      .prepare<[string], PendingLogin>(
        `DELETE FROM oidc_logins WHERE id_hash = ?
         RETURNING provider_id AS providerId, state, nonce, code_verifier AS codeVerifier,
                   return_to AS returnTo, expires_at AS expiresAt`,
      )
      .get(idHash);
    return row && row.expiresAt > now ? row : null;
  }

  personOf(providerId: string, subject: string): string | null {
    return (
      this.db
        .prepare<[string, string], { personId: string }>(
          'SELECT person_id AS personId FROM oidc_identities WHERE provider_id = ? AND subject = ?',
        )
        .get(providerId, subject)?.personId ?? null
    );
  }

  link(providerId: string, subject: string, personId: string): void {
    this.db
      .prepare('INSERT INTO oidc_identities (provider_id, subject, person_id, linked_at) VALUES (?, ?, ?, ?)')
      .run(providerId, subject, personId, new Date().toISOString());
  }

  /** Remembers, for RP-initiated logout, which provider started the session and its ID token. */
  rememberSession(tokenHash: string, providerId: string, idToken: string): void {
    this.db
      .prepare('INSERT INTO oidc_sessions (token_hash, provider_id, id_token) VALUES (?, ?, ?)')
      .run(tokenHash, providerId, idToken);
  }

  sessionOf(tokenHash: string): { providerId: string; idToken: string } | null {
    return (
      this.db
        .prepare<[string], { providerId: string; idToken: string }>(
          'SELECT provider_id AS providerId, id_token AS idToken FROM oidc_sessions WHERE token_hash = ?',
        )
        .get(tokenHash) ?? null
    );
  }
}
