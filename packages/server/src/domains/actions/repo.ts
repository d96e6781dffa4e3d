import type { CouncilAction } from '@council/shared';
import type { Db } from '../../db/connection.ts';

const SELECT = `
  SELECT f.meeting_id AS meetingId, m.title AS meetingTitle, f.ref_id AS refId, f.title,
         f.assignee_id AS assigneeId, f.due, d.done_at AS doneAt, d.done_by AS doneBy
  FROM followups f
  JOIN meetings m ON m.id = f.meeting_id
  LEFT JOIN council_actions_done d ON d.meeting_id = f.meeting_id AND d.ref_id = f.ref_id
  WHERE f.kind = 'action' AND f.group_id IS NULL AND m.status = 'approved'`;

/** The council's action list: action points of approved minutes that no working group took over. */
export class CouncilActionsRepo {
  constructor(private readonly db: Db) {}

  /** Open ones first, by due date (none last), then done ones, most recently done first. */
  async list(filter: { status?: 'open' | 'done'; assigneeId?: string }): Promise<CouncilAction[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.status) where.push(filter.status === 'open' ? 'd.done_at IS NULL' : 'd.done_at IS NOT NULL');
    if (filter.assigneeId) {
      where.push('f.assignee_id = ?');
      params.push(filter.assigneeId);
    }
    return this.db
      .prepare<string[], CouncilAction>(
        `${SELECT} ${where.map((w) => `AND ${w}`).join(' ')}
         ORDER BY d.done_at IS NOT NULL, d.done_at DESC, f.due IS NULL, f.due, m.starts_at, f.title`,
      )
      .all(...params);
  }

  async get(meetingId: string, refId: string): Promise<CouncilAction | null> {
    return (
      this.db
        .prepare<[string, string], CouncilAction>(`${SELECT} AND f.meeting_id = ? AND f.ref_id = ?`)
        .get(meetingId, refId) ?? null
    );
  }

  /** Marks it done (by `personId`, now) or open again (null). Marking a done action done again keeps who did it first. */
  async setDone(meetingId: string, refId: string, personId: string | null): Promise<void> {
    if (personId === null) {
      this.db.prepare('DELETE FROM council_actions_done WHERE meeting_id = ? AND ref_id = ?').run(meetingId, refId);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO council_actions_done (meeting_id, ref_id, done_at, done_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (meeting_id, ref_id) DO NOTHING`,
      )
      .run(meetingId, refId, new Date().toISOString(), personId);
  }
}
