import type { DecisionRecord } from '@council/shared';
import type { Db } from '../../db/connection.ts';

interface RawDecision extends Omit<DecisionRecord, 'tags' | 'supersedes' | 'revised' | 'confidential'> {
  tags: string;
  supersedes: string;
  revised: number;
  confidential: number;
}

const toRecord = (raw: RawDecision): DecisionRecord => ({
  ...raw,
  revised: raw.revised === 1,
  confidential: raw.confidential === 1,
  tags: JSON.parse(raw.tags),
  supersedes: JSON.parse(raw.supersedes),
});

const SELECT = `SELECT number, title, text, status, revised, confidential, meeting_id AS meetingId, item_id AS itemId,
  decided_on AS decidedOn, tags, supersedes FROM decisions`;

export type NewDecision = Omit<DecisionRecord, 'number' | 'status' | 'revised'>;

export class DecisionsRepo {
  constructor(private readonly db: Db) {}

  /** Decisions newest first, or in order for one meeting; confidential ones only when asked for. */
  async list(filter: { meetingId?: string; includeConfidential: boolean }): Promise<DecisionRecord[]> {
    const visible = filter.includeConfidential ? '1 = 1' : 'confidential = 0';
    if (filter.meetingId) {
      return this.db
        .prepare<[string], RawDecision>(`${SELECT} WHERE meeting_id = ? AND ${visible} ORDER BY year, seq`)
        .all(filter.meetingId)
        .map(toRecord);
    }
    return this.db
      .prepare<[], RawDecision>(`${SELECT} WHERE ${visible} ORDER BY year DESC, seq DESC`)
      .all()
      .map(toRecord);
  }

  async byNumber(number: string, includeConfidential: boolean): Promise<DecisionRecord | null> {
    const raw = this.db.prepare<[string], RawDecision>(`${SELECT} WHERE number = ?`).get(number);
    return raw && (includeConfidential || raw.confidential === 0) ? toRecord(raw) : null;
  }

  /**
   * Records adopted decisions in one transaction. A decision already recorded for the same meeting
   * item (minutes approved again after a reopening) keeps its number and is marked revised; a new
   * one gets the next number of its year, `YYYY-NNN`. Returns the numbers in input order.
   */
  async recordAll(decisions: NewDecision[]): Promise<string[]> {
    const existing = this.db.prepare<[string, string], { number: string }>(
      'SELECT number FROM decisions WHERE meeting_id = ? AND item_id = ?',
    );
    const nextSeq = this.db.prepare<[number], { s: number | null }>(
      'SELECT max(seq) AS s FROM decisions WHERE year = ?',
    );
    const insert = this.db.prepare(
      `INSERT INTO decisions (number, year, seq, title, text, status, meeting_id, item_id, decided_on, tags, supersedes, confidential)
       VALUES (?, ?, ?, ?, ?, 'adopted', ?, ?, ?, ?, ?, ?)`,
    );
    const revise = this.db.prepare(
      'UPDATE decisions SET title = ?, text = ?, tags = ?, supersedes = ?, confidential = ?, revised = 1 WHERE number = ?',
    );
    const supersede = this.db.prepare(`UPDATE decisions SET status = 'superseded' WHERE number = ? AND number <> ?`);
    return this.db.transaction(() =>
      decisions.map((d) => {
        const tags = JSON.stringify(d.tags);
        const supersedes = JSON.stringify(d.supersedes);
        let number = existing.get(d.meetingId, d.itemId)?.number;
        if (number) {
          revise.run(d.title, d.text, tags, supersedes, Number(d.confidential), number);
        } else {
          const year = Number(d.decidedOn.slice(0, 4));
          const seq = (nextSeq.get(year)?.s ?? 0) + 1;
          number = `${year}-${String(seq).padStart(3, '0')}`;
          insert.run(
            number,
            year,
            seq,
            d.title,
            d.text,
            d.meetingId,
            d.itemId,
            d.decidedOn,
            tags,
            supersedes,
            Number(d.confidential),
          );
        }
        for (const old of d.supersedes) supersede.run(old, number);
        return number;
      }),
    )();
  }
}
