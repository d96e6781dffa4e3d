import type { Db } from '../../db/connection.ts';

export interface SessionRow {
  personId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export class SessionRepo {
  constructor(private readonly db: Db) {}

  async create(tokenHash: string, session: SessionRow): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO sessions (token_hash, person_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(tokenHash, session.personId, session.createdAt, session.lastSeenAt, session.expiresAt);
  }

  async find(tokenHash: string): Promise<SessionRow | null> {
    return (
      this.db
        .prepare<[string], SessionRow>(
          `SELECT person_id AS personId, created_at AS createdAt, last_seen_at AS lastSeenAt, expires_at AS expiresAt
           FROM sessions WHERE token_hash = ?`,
        )
        .get(tokenHash) ?? null
    );
  }

  async touch(tokenHash: string, lastSeenAt: number): Promise<void> {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(lastSeenAt, tokenHash);
  }

  async delete(tokenHash: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  async deleteExpired(now: number, idleMs: number): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?').run(now, now - idleMs);
  }
}
