import type { Db } from '../../db/connection.ts';

export interface SessionRow {
  personId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/** A session as its owner sees it: the public id stands for the token's hash, which stays here. */
export interface SessionListing extends SessionRow {
  id: string;
  tokenHash: string;
  userAgent: string;
  ip: string;
}

const COLUMNS = `person_id AS personId, created_at AS createdAt, last_seen_at AS lastSeenAt, expires_at AS expiresAt`;

export class SessionRepo {
  constructor(private readonly db: Db) {}

  async create(tokenHash: string, session: SessionRow & { id: string; userAgent: string; ip: string }): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO sessions (token_hash, id, person_id, created_at, last_seen_at, expires_at, user_agent, ip)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        tokenHash,
        session.id,
        session.personId,
        session.createdAt,
        session.lastSeenAt,
        session.expiresAt,
        session.userAgent,
        session.ip,
      );
  }

  async find(tokenHash: string): Promise<SessionRow | null> {
    return (
      this.db.prepare<[string], SessionRow>(`SELECT ${COLUMNS} FROM sessions WHERE token_hash = ?`).get(tokenHash) ??
      null
    );
  }

  /** A person's sessions, the most recently used first. */
  async ofPerson(personId: string): Promise<SessionListing[]> {
    return this.db
      .prepare<[string], SessionListing>(
        `SELECT ${COLUMNS}, id, token_hash AS tokenHash, user_agent AS userAgent, ip
         FROM sessions WHERE person_id = ? ORDER BY last_seen_at DESC`,
      )
      .all(personId);
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
