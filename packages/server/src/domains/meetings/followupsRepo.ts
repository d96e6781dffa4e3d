import type { Followup } from '@council/shared';
import type { Db } from '../../db/connection.ts';

type NewFollowup = Omit<Followup, 'meetingId' | 'meetingTitle' | 'kind'> & {
  kind: 'postponed' | 'action';
  confidential: boolean;
};

export class FollowupsRepo {
  constructor(private readonly db: Db) {}

  /** Replaces what a meeting leaves for later (approval can run again after a reopening). */
  async replace(meetingId: string, followups: NewFollowup[]): Promise<void> {
    const insert = this.db.prepare(
      `INSERT INTO followups (meeting_id, kind, ref_id, title, assignee_id, due, group_id, confidential)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM followups WHERE meeting_id = ?').run(meetingId);
      for (const f of followups) {
        insert.run(meetingId, f.kind, f.refId, f.title, f.assigneeId, f.due, f.groupId, Number(f.confidential));
      }
    })();
  }

  /**
   * Still open before a given time: every postponed decision, and every action point unless the task
   * it became on a group's board is done, or, for the council's own, it is marked done.
   */
  async openBefore(startsAt: string, includeConfidential: boolean): Promise<Followup[]> {
    return this.db
      .prepare<[string, number], Followup>(
        `SELECT f.meeting_id AS meetingId, m.title AS meetingTitle, f.kind, f.ref_id AS refId, f.title,
                f.assignee_id AS assigneeId, f.due, f.group_id AS groupId
         FROM followups f JOIN meetings m ON m.id = f.meeting_id
         WHERE m.status = 'approved' AND m.starts_at < ? AND (f.confidential = 0 OR ?)
           AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.group_id = f.group_id
                           AND t.id = f.meeting_id || '-' || f.ref_id AND t.status = 'done')
           AND NOT EXISTS (SELECT 1 FROM council_actions_done d WHERE f.kind = 'action'
                           AND d.meeting_id = f.meeting_id AND d.ref_id = f.ref_id)
         ORDER BY m.starts_at DESC, f.kind, f.title`,
      )
      .all(startsAt, Number(includeConfidential));
  }
}
