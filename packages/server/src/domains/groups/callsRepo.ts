import type { GroupCall } from '@council/shared';
import type { Db } from '../../db/connection.ts';

type Status = 'pending' | 'accepted' | 'declined';
interface RawCall extends Omit<GroupCall, 'competencies' | 'mine' | 'volunteers'> {
  competencies: string;
}

const SELECT = `SELECT c.id, c.group_id AS groupId, g.name AS groupName, c.competencies, c.note, c.status, c.created_at AS createdAt
  FROM group_calls c JOIN groups g ON g.id = c.group_id`;

export class CallsRepo {
  constructor(private readonly db: Db) {}

  async create(call: {
    id: string;
    groupId: string;
    competencies: string[];
    note: string;
    createdBy: string;
  }): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO group_calls (id, group_id, competencies, note, status, created_by, created_at) VALUES (?, ?, ?, ?, 'open', ?, ?)`,
      )
      .run(
        call.id,
        call.groupId,
        JSON.stringify(call.competencies),
        call.note,
        call.createdBy,
        new Date().toISOString(),
      );
  }

  async byId(id: string) {
    const raw = this.db.prepare<[string], RawCall>(`${SELECT} WHERE c.id = ?`).get(id);
    return raw ? { ...raw, competencies: JSON.parse(raw.competencies) as string[] } : null;
  }

  async list(filter: { groupIds: string[]; status?: 'open' | 'closed' }) {
    if (filter.groupIds.length === 0) return [];
    const statusClause = filter.status ? 'AND c.status = ?' : '';
    return this.db
      .prepare<string[], RawCall>(
        `${SELECT} WHERE c.group_id IN (${filter.groupIds.map(() => '?').join(', ')}) ${statusClause} ORDER BY c.created_at DESC`,
      )
      .all(...filter.groupIds, ...(filter.status ? [filter.status] : []))
      .map((raw) => ({ ...raw, competencies: JSON.parse(raw.competencies) as string[] }));
  }

  async close(id: string): Promise<void> {
    this.db.prepare(`UPDATE group_calls SET status = 'closed' WHERE id = ?`).run(id);
  }

  /** Returns false when the person already volunteered for this call. */
  async volunteer(callId: string, personId: string, note: string): Promise<boolean> {
    const result = this.db
      .prepare(
        `INSERT INTO volunteers (call_id, person_id, note, status, created_at) VALUES (?, ?, ?, 'pending', ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(callId, personId, note, new Date().toISOString());
    return result.changes === 1;
  }

  async volunteerStatus(callId: string, personId: string): Promise<Status | null> {
    return (
      this.db
        .prepare<[string, string], { status: Status }>(
          'SELECT status FROM volunteers WHERE call_id = ? AND person_id = ?',
        )
        .get(callId, personId)?.status ?? null
    );
  }

  async decide(callId: string, personId: string, status: 'accepted' | 'declined', decidedBy: string): Promise<void> {
    this.db
      .prepare('UPDATE volunteers SET status = ?, decided_by = ?, decided_at = ? WHERE call_id = ? AND person_id = ?')
      .run(status, decidedBy, new Date().toISOString(), callId, personId);
  }

  async volunteers(callId: string): Promise<GroupCall['volunteers']> {
    return this.db
      .prepare<[string], GroupCall['volunteers'][number]>(
        `SELECT v.person_id AS personId, p.name, p.organisation, v.note, v.status
         FROM volunteers v JOIN people p ON p.id = v.person_id WHERE v.call_id = ? ORDER BY v.created_at`,
      )
      .all(callId);
  }
}
