import type { DecisionRecord } from '@council/shared';
import type { Db } from '../../db/connection.ts';

interface RawDecision extends Omit<DecisionRecord, 'tags' | 'supersedes'> {
  tags: string;
  supersedes: string;
}

const toRecord = (raw: RawDecision): DecisionRecord => ({
  ...raw,
  tags: JSON.parse(raw.tags),
  supersedes: JSON.parse(raw.supersedes),
});

const SELECT = `SELECT number, title, text, status, meeting_id AS meetingId, item_id AS itemId,
  decided_on AS decidedOn, tags, supersedes FROM decisions`;

export class DecisionsRepo {
  constructor(private readonly db: Db) {}

  async list(): Promise<DecisionRecord[]> {
    return this.db.prepare<[], RawDecision>(`${SELECT} ORDER BY year DESC, seq DESC`).all().map(toRecord);
  }

  async byNumber(number: string): Promise<DecisionRecord | null> {
    const raw = this.db.prepare<[string], RawDecision>(`${SELECT} WHERE number = ?`).get(number);
    return raw ? toRecord(raw) : null;
  }

  /** Records a decision under the next number of its year, `YYYY-NNN`. */
  async record(d: Omit<DecisionRecord, 'number' | 'status'>): Promise<string> {
    const year = Number(d.decidedOn.slice(0, 4));
    return this.db.transaction(() => {
      const seq =
        (this.db.prepare<[number], { s: number | null }>('SELECT max(seq) AS s FROM decisions WHERE year = ?').get(year)
          ?.s ?? 0) + 1;
      const number = `${year}-${String(seq).padStart(3, '0')}`;
      this.db
        .prepare(
          `INSERT INTO decisions (number, year, seq, title, text, status, meeting_id, item_id, decided_on, tags, supersedes)
           VALUES (?, ?, ?, ?, ?, 'adopted', ?, ?, ?, ?, ?)`,
        )
        .run(
          number,
          year,
          seq,
          d.title,
          d.text,
          d.meetingId,
          d.itemId,
          d.decidedOn,
          JSON.stringify(d.tags),
          JSON.stringify(d.supersedes),
        );
      for (const old of d.supersedes) {
        this.db.prepare(`UPDATE decisions SET status = 'superseded' WHERE number = ?`).run(old);
      }
      return number;
    })();
  }
}
