import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connection.ts';

export type TokenPurpose = 'invite' | 'reset' | 'two_factor';

/** How long each kind of link or challenge holds. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  invite: 7 * 24 * 3600_000,
  reset: 3600_000,
  two_factor: 10 * 60_000,
};

export interface AccountToken {
  id: string;
  personId: string;
  purpose: TokenPurpose;
  createdBy: string | null;
  expiresAt: string;
  usedAt: string | null;
  attempts: number;
}

/** Why a token cannot be used: unknown or forged, or known but past its time or used. */
export type TokenProblem = 'invalid' | 'expired';

/**
 * One-time tokens in `account_tokens`. What a person holds is `<id>.<signature>`: the signature is
 * an HMAC of the purpose and the id under a key kept in the database, so the table holds nothing
 * that works as a link, a forged or altered token is refused before any row is read, and the
 * mail outbox can write a waiting invitation again after a restart from the id alone.
 */
export class AccountTokens {
  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new token; any earlier unused one of the person for the same purpose stops working. */
  issue(
    personId: string,
    purpose: TokenPurpose,
    createdBy: string | null,
  ): { token: string; id: string; expiresAt: string } {
    const id = randomBytes(12).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now + TOKEN_LIFETIME_MS[purpose]).toISOString();
    this.endAll(personId, purpose);
    this.db
      .prepare(
        'INSERT INTO account_tokens (id, person_id, purpose, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, personId, purpose, createdBy, new Date(now).toISOString(), expiresAt);
    return { id, token: this.tokenOf(id, purpose), expiresAt };
  }

  /** The token a row stands for (what the mail of an invitation or reset carries). */
  tokenOf(id: string, purpose: TokenPurpose): string {
    return `${id}.${this.sign(id, purpose)}`;
  }

  /** The row a token names for this purpose, if its signature holds and it is unused and in time. */
  open(token: string, purpose: TokenPurpose): AccountToken | TokenProblem {
    const dot = token.indexOf('.');
    const id = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.sign(id, purpose));
    if (dot < 1 || given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    const row = this.byId(id);
    if (!row || row.purpose !== purpose) return 'invalid';
    if (row.usedAt || new Date(row.expiresAt).getTime() <= this.now()) return 'expired';
    return row;
  }

  byId(id: string): AccountToken | null {
    return (
      this.db
        .prepare<[string], AccountToken>(
          `SELECT id, person_id AS personId, purpose, created_by AS createdBy, expires_at AS expiresAt,
                  used_at AS usedAt, attempts FROM account_tokens WHERE id = ?`,
        )
        .get(id) ?? null
    );
  }

  /** Marks the token used; false if it was used already (two tabs, or a replay): only one use wins. */
  use(id: string): boolean {
    return (
      this.db
        .prepare('UPDATE account_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL')
        .run(new Date(this.now()).toISOString(), id).changes === 1
    );
  }

  /** Counts a wrong code against a challenge; returns the attempts so far. */
  failedAttempt(id: string): number {
    this.db.prepare('UPDATE account_tokens SET attempts = attempts + 1 WHERE id = ?').run(id);
    return this.byId(id)?.attempts ?? 0;
  }

  /** Ends the person's unused tokens for a purpose (a password set another way ends a reset link). */
  endAll(personId: string, purpose: TokenPurpose): void {
    this.db
      .prepare('UPDATE account_tokens SET used_at = ? WHERE person_id = ? AND purpose = ? AND used_at IS NULL')
      .run(new Date(this.now()).toISOString(), personId, purpose);
  }

  private sign(id: string, purpose: TokenPurpose): string {
    return createHmac('sha256', this.key).update(`${purpose}\n${id}`).digest('base64url');
  }
}
