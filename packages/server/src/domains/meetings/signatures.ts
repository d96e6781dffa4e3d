import { createHash } from 'node:crypto';
import type { SignoffRule } from '@council/shared';
import * as Y from 'yjs';
import type { Db } from '../../db/connection.ts';

/**
 * What a signature is of: the document as it stood, by its state vector (which changes with every
 * change, and is the same for any copy of the same state). Any change to the document after the
 * signature, even one undone again, clears it: the signer is asked to look again.
 */
export const contentHash = (doc: Y.Doc): string => createHash('sha256').update(Y.encodeStateVector(doc)).digest('hex');

export function signoffSatisfied(rule: SignoffRule, signed: number, present: number): boolean {
  if (rule === 'none') return true;
  if (rule === 'all') return signed >= present;
  return signed * 2 > present;
}

export interface Signature {
  personId: string;
  signedAt: string;
}

export class SignaturesRepo {
  constructor(private readonly db: Db) {}

  list(meetingId: string): Signature[] {
    return this.db
      .prepare<[string], Signature>(
        'SELECT person_id AS personId, signed_at AS signedAt FROM minutes_signatures WHERE meeting_id = ? ORDER BY signed_at',
      )
      .all(meetingId);
  }

  count(meetingId: string): number {
    return (
      this.db
        .prepare<[string], { n: number }>('SELECT count(*) AS n FROM minutes_signatures WHERE meeting_id = ?')
        .get(meetingId)?.n ?? 0
    );
  }

  /** False if the person had signed already. */
  sign(meetingId: string, personId: string, hashes: { open: string; closed: string }, now: string): boolean {
    return (
      this.db
        .prepare(
          `INSERT OR IGNORE INTO minutes_signatures (meeting_id, person_id, signed_at, open_hash, closed_hash)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(meetingId, personId, now, hashes.open, hashes.closed).changes === 1
    );
  }

  withdraw(meetingId: string, personId: string): boolean {
    return (
      this.db.prepare('DELETE FROM minutes_signatures WHERE meeting_id = ? AND person_id = ?').run(meetingId, personId)
        .changes === 1
    );
  }

  /** Clears the signatures made of another content of the document `part`; returns whose they were. */
  clearChanged(meetingId: string, part: 'open' | 'closed', hash: string): string[] {
    const column = part === 'open' ? 'open_hash' : 'closed_hash';
    return this.db
      .prepare<[string, string], { personId: string }>(
        `DELETE FROM minutes_signatures WHERE meeting_id = ? AND ${column} != ? RETURNING person_id AS personId`,
      )
      .all(meetingId, hash)
      .map((r) => r.personId);
  }

  /**
   * After a reopening the minutes will change, and a vote recorded changes them: signatures of the
   * earlier version do not carry over. Returns whose they were.
   */
  clearAll(meetingId: string): string[] {
    return this.db
      .prepare<[string], { personId: string }>(
        'DELETE FROM minutes_signatures WHERE meeting_id = ? RETURNING person_id AS personId',
      )
      .all(meetingId)
      .map((r) => r.personId);
  }
}
