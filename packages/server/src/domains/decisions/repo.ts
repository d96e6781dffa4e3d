import {
  type DecisionDetail,
  type DecisionQuery,
  type DecisionRecord,
  type ItemRecordOfVote,
  readRecordOfVote,
} from '@council/shared';
import type { Db } from '../../db/connection.ts';
import { ftsQuery } from '../search/ftsQuery.ts';

interface RawDecision extends Omit<DecisionRecord, 'tags' | 'supersedes' | 'revised' | 'confidential' | 'proceedings'> {
  proceedings: string | null;
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
  proceedings: readRecordOfVote(raw.proceedings),
});

const COLUMNS = `SELECT d.id, d.number, d.title, d.text, d.status, d.revised, d.confidential, d.meeting_id AS meetingId,
  m.title AS meetingTitle, d.item_id AS itemId, d.decided_on AS decidedOn, d.tags, d.supersedes, d.proceedings`;
const SELECT = `${COLUMNS} FROM decisions d JOIN meetings m ON m.id = d.meeting_id`;
/** The register's sort key as `decisions_fts` stores it in its rowid; see migration 005. */
const TEXT_KEY = 'CAST(julianday(?) - 2415020.5 AS INTEGER) * 4294967296 + ?';
const SELECT_BY_TEXT = `${COLUMNS} FROM decisions_fts f JOIN decisions d ON d.id = f.rowid % 4294967296
  JOIN meetings m ON m.id = d.meeting_id`;

export interface NewDecision {
  title: string;
  text: string;
  status: 'adopted' | 'rejected' | 'postponed';
  meetingId: string;
  itemId: string;
  decidedOn: string;
  tags: string[];
  supersedes: string[];
  confidential: boolean;
  /** The vote, minuted views and conflicts of interest, as approved; null where none were recorded. */
  proceedings?: ItemRecordOfVote | null;
}

/** Cursor for keyset paging: the sort key of the last row seen, opaque to clients. */
const encodeCursor = (d: { decidedOn: string; id: number }) =>
  Buffer.from(`${d.decidedOn}|${d.id}`).toString('base64url');
function decodeCursor(cursor: string): { decidedOn: string; id: number } | null {
  const [decidedOn, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  return decidedOn && /^\d{4}-\d{2}-\d{2}$/.test(decidedOn) && Number.isInteger(Number(id))
    ? { decidedOn, id: Number(id) }
    : null;
}

export class DecisionsRepo {
  constructor(private readonly db: Db) {}

  /**
   * The register, filtered and paged by keyset (decided_on, id), so that page 2,000 costs what page 1
   * costs. Confidential decisions only when asked for. Returns null for a cursor that does not parse.
   * A text filter drives the query from the FTS index, walked in register order, so it stops at
   * the page instead of collecting every match first.
   */
  async query(
    q: DecisionQuery,
    includeConfidential: boolean,
  ): Promise<{ items: DecisionRecord[]; nextCursor: string | null } | null> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (!includeConfidential) where.push('d.confidential = 0');
    if (q.status) where.push('d.status = ?') && params.push(q.status);
    if (q.year) where.push('d.year = ?') && params.push(q.year);
    if (q.meeting) where.push('d.meeting_id = ?') && params.push(q.meeting);
    if (q.tag) where.push('d.id IN (SELECT decision_id FROM decision_tags WHERE tag = ?)') && params.push(q.tag);
    const byText = Boolean(q.q);
    if (q.q) {
      const match = ftsQuery(q.q);
      if (!match) return { items: [], nextCursor: null };
      where.push('decisions_fts MATCH ?');
      params.push(match);
    }
    const newest = q.sort === 'newest';
    const [before, after] = byText ? ['f.rowid <', 'f.rowid >'] : ['(d.decided_on, d.id) <', '(d.decided_on, d.id) >'];
    if (q.cursor) {
      const last = decodeCursor(q.cursor);
      if (!last) return null;
      where.push(`${newest ? before : after} ${byText ? TEXT_KEY : '(?, ?)'}`);
      params.push(last.decidedOn, last.id);
    }
    const direction = newest ? 'DESC' : 'ASC';
    const order = byText ? `f.rowid ${direction}` : `d.decided_on ${direction}, d.id ${direction}`;
    const rows = this.db
      .prepare<(string | number)[], RawDecision>(
        `${byText ? SELECT_BY_TEXT : SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`,
      )
      .all(...params, q.limit + 1)
      .map(toRecord);
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
  }

  async forMeeting(meetingId: string, includeConfidential: boolean): Promise<DecisionRecord[]> {
    return this.db
      .prepare<[string, number], RawDecision>(
        `${SELECT} WHERE d.meeting_id = ? AND (d.confidential = 0 OR ?) ORDER BY d.id`,
      )
      .all(meetingId, Number(includeConfidential))
      .map(toRecord);
  }

  async all(includeConfidential: boolean): Promise<DecisionRecord[]> {
    return this.db
      .prepare<[number], RawDecision>(`${SELECT} WHERE (d.confidential = 0 OR ?) ORDER BY d.decided_on, d.id`)
      .all(Number(includeConfidential))
      .map(toRecord);
  }

  /** One decision with its links; its groups carry their visibility, for the caller to filter by the policy. */
  async byNumber(
    number: string,
    includeConfidential: boolean,
  ): Promise<
    | (Omit<DecisionDetail, 'groups'> & {
        groups: (DecisionDetail['groups'][number] & { visibility: 'open' | 'closed' })[];
      })
    | null
  > {
    const raw = this.db.prepare<[string], RawDecision>(`${SELECT} WHERE d.number = ?`).get(number);
    if (!raw || (!includeConfidential && raw.confidential === 1)) return null;
    const record = toRecord(raw);
    const visible = includeConfidential ? '' : 'AND confidential = 0';
    const supersededBy = this.db
      .prepare<[string], { number: string; title: string }>(
        `SELECT number, title FROM decisions WHERE number IS NOT NULL ${visible}
         AND EXISTS (SELECT 1 FROM json_each(supersedes) WHERE value = ?) ORDER BY decided_on`,
      )
      .all(number);
    const supersededByConfidential = includeConfidential
      ? 0
      : (
          this.db
            .prepare<[string], { n: number }>(
              `SELECT count(*) AS n FROM decisions WHERE number IS NOT NULL AND confidential = 1
               AND EXISTS (SELECT 1 FROM json_each(supersedes) WHERE value = ?)`,
            )
            .get(number) as { n: number }
        ).n;
    const supersedesDecisions = record.supersedes.flatMap((n) => {
      const row = this.db
        .prepare<[string], { number: string; title: string }>(
          `SELECT number, title FROM decisions WHERE number = ? ${visible}`,
        )
        .get(n);
      return row ? [row] : [];
    });
    const groups = this.db
      .prepare<[string], { id: string; name: string; visibility: 'open' | 'closed' }>(
        'SELECT id, name, visibility FROM groups WHERE decision_number = ?',
      )
      .all(number);
    const initiatives = this.db
      .prepare<[string], { planId: string; id: string; title: string }>(
        `SELECT plan_id AS planId, id, title FROM initiatives WHERE EXISTS (SELECT 1 FROM json_each(decision_numbers) WHERE value = ?)`,
      )
      .all(number);
    return { ...record, supersededBy, supersededByConfidential, supersedesDecisions, groups, initiatives };
  }

  async years(includeConfidential: boolean): Promise<{ year: number; count: number }[]> {
    return this.db
      .prepare<[number], { year: number; count: number }>(
        'SELECT year, count(*) AS count FROM decisions WHERE (confidential = 0 OR ?) GROUP BY year ORDER BY year DESC',
      )
      .all(Number(includeConfidential));
  }

  /**
   * Records decisions in one transaction. A decision already recorded for the same meeting item
   * (minutes approved again after a reopening) is updated and marked revised, keeping its number; an
   * adopted decision without a number gets the next of its year, `YYYY-NNN`. Returns each record's
   * number (null for rejected and postponed ones never adopted) and id, in input order.
   */
  /** The numbers `recordAll` would give these decisions now: kept where already numbered, else the next of their year. */
  async previewNumbers(decisions: NewDecision[]): Promise<(string | null)[]> {
    const existing = this.db.prepare<[string, string], { number: string | null }>(
      'SELECT number FROM decisions WHERE meeting_id = ? AND item_id = ?',
    );
    const lastSeq = this.db.prepare<[number], { s: number | null }>(
      'SELECT max(seq) AS s FROM decisions WHERE year = ?',
    );
    const next = new Map<number, number>();
    return decisions.map((d) => {
      if (d.status !== 'adopted') return null;
      const kept = existing.get(d.meetingId, d.itemId)?.number;
      if (kept) return kept;
      const year = Number(d.decidedOn.slice(0, 4));
      const seq = (next.get(year) ?? lastSeq.get(year)?.s ?? 0) + 1;
      next.set(year, seq);
      return `${year}-${String(seq).padStart(3, '0')}`;
    });
  }

  async recordAll(decisions: NewDecision[]): Promise<{ id: number; number: string | null }[]> {
    const existing = this.db.prepare<[string, string], { id: number; number: string | null }>(
      'SELECT id, number FROM decisions WHERE meeting_id = ? AND item_id = ?',
    );
    const nextSeq = this.db.prepare<[number], { s: number | null }>(
      'SELECT max(seq) AS s FROM decisions WHERE year = ?',
    );
    const insert = this.db.prepare(
      `INSERT INTO decisions (year, title, text, status, meeting_id, item_id, decided_on, tags, supersedes, confidential, proceedings)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = this.db.prepare(
      'UPDATE decisions SET title = ?, text = ?, status = ?, tags = ?, supersedes = ?, confidential = ?, proceedings = ?, revised = 1 WHERE id = ?',
    );
    const assignNumber = this.db.prepare('UPDATE decisions SET number = ?, seq = ? WHERE id = ?');
    const supersede = this.db.prepare(
      `UPDATE decisions SET status = 'superseded' WHERE number = ? AND status = 'adopted'`,
    );
    const clearTags = this.db.prepare('DELETE FROM decision_tags WHERE decision_id = ?');
    const addTag = this.db.prepare('INSERT OR IGNORE INTO decision_tags (decision_id, tag) VALUES (?, ?)');
    return this.db.transaction(() =>
      decisions.map((d) => {
        const args = [
          d.title,
          d.text,
          d.status,
          JSON.stringify(d.tags),
          JSON.stringify(d.supersedes),
          Number(d.confidential),
          d.proceedings ? JSON.stringify(d.proceedings) : null,
        ] as const;
        const found = existing.get(d.meetingId, d.itemId);
        let id: number;
        let number = found?.number ?? null;
        if (found) {
          id = found.id;
          update.run(...args, id);
        } else {
          const [title, text, status, tags, supersedes, confidential, proceedings] = args;
          id = Number(
            insert.run(
              Number(d.decidedOn.slice(0, 4)),
              title,
              text,
              status,
              d.meetingId,
              d.itemId,
              d.decidedOn,
              tags,
              supersedes,
              confidential,
              proceedings,
            ).lastInsertRowid,
          );
        }
        if (d.status === 'adopted' && !number) {
          const year = Number(d.decidedOn.slice(0, 4));
          const seq = (nextSeq.get(year)?.s ?? 0) + 1;
          number = `${year}-${String(seq).padStart(3, '0')}`;
          assignNumber.run(number, seq, id);
        }
        clearTags.run(id);
        for (const t of d.tags) addTag.run(id, t);
        if (d.status === 'adopted') for (const old of d.supersedes) if (old !== number) supersede.run(old);
        return { id, number };
      }),
    )();
  }
}
