import type { Minutes } from '@council/shared';
import type { Db } from '../../db/connection.ts';

export class MinutesRepo {
  constructor(private readonly db: Db) {}

  async save(m: Minutes & { approvedBy: string }): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO minutes (meeting_id, audience, version, approved_at, approved_by, html, markdown) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (meeting_id, audience) DO UPDATE SET version = excluded.version, approved_at = excluded.approved_at,
           approved_by = excluded.approved_by, html = excluded.html, markdown = excluded.markdown`,
      )
      .run(m.meetingId, m.audience, m.version, m.approvedAt, m.approvedBy, m.html, m.markdown);
  }

  async get(meetingId: string, audience: Minutes['audience']): Promise<Minutes | null> {
    return (
      this.db
        .prepare<[string, string], Minutes>(
          `SELECT meeting_id AS meetingId, audience, version, approved_at AS approvedAt, html, markdown
           FROM minutes WHERE meeting_id = ? AND audience = ?`,
        )
        .get(meetingId, audience) ?? null
    );
  }

  async version(meetingId: string): Promise<number> {
    const row = this.db
      .prepare<[string], { v: number | null }>('SELECT max(version) AS v FROM minutes WHERE meeting_id = ?')
      .get(meetingId);
    return row?.v ?? 0;
  }
}
