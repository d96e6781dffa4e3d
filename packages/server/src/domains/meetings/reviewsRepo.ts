import type { Review, ReviewStage } from '@council/shared';
import type { Db } from '../../db/connection.ts';

/** Who was asked to review a meeting's draft agenda or draft minutes, and who has (migration 20). */
export class ReviewsRepo {
  constructor(private readonly db: Db) {}

  /** Those asked to review the stage; the policy lets them read the draft. */
  reviewerIds(meetingId: string, stage: ReviewStage): string[] {
    return this.db
      .prepare<[string, string], { personId: string }>(
        'SELECT person_id AS personId FROM meeting_reviewers WHERE meeting_id = ? AND stage = ?',
      )
      .all(meetingId, stage)
      .map((r) => r.personId);
  }

  get(meetingId: string, stage: ReviewStage, names: Map<string, string>): Review | null {
    const round = this.db
      .prepare<[string, string], { deadline: string; requestedBy: string; requestedAt: string }>(
        `SELECT deadline, requested_by AS requestedBy, requested_at AS requestedAt
         FROM meeting_reviews WHERE meeting_id = ? AND stage = ?`,
      )
      .get(meetingId, stage);
    if (!round) return null;
    const reviewers = this.db
      .prepare<[string, string], { personId: string; reviewedAt: string | null }>(
        `SELECT person_id AS personId, reviewed_at AS reviewedAt FROM meeting_reviewers
         WHERE meeting_id = ? AND stage = ?`,
      )
      .all(meetingId, stage)
      .map((r) => ({ ...r, name: names.get(r.personId) ?? r.personId }))
      .sort((a, b) => a.name.localeCompare(b.name, 'da'));
    return { stage, ...round, requestedBy: names.get(round.requestedBy) ?? round.requestedBy, reviewers };
  }

  /** Starts the round, or adds to it and moves its deadline; returns those newly asked. */
  request(meetingId: string, stage: ReviewStage, reviewerIds: string[], deadline: string, by: string, now: string) {
    this.db
      .prepare(
        `INSERT INTO meeting_reviews (meeting_id, stage, deadline, requested_by, requested_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (meeting_id, stage) DO UPDATE SET deadline = excluded.deadline,
           requested_by = excluded.requested_by, requested_at = excluded.requested_at`,
      )
      .run(meetingId, stage, deadline, by, now);
    const add = this.db.prepare(
      'INSERT OR IGNORE INTO meeting_reviewers (meeting_id, stage, person_id) VALUES (?, ?, ?)',
    );
    return reviewerIds.filter((id) => add.run(meetingId, stage, id).changes === 1);
  }

  /** False if the person is not asked, or has said so already. */
  markReviewed(meetingId: string, stage: ReviewStage, personId: string, now: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE meeting_reviewers SET reviewed_at = ? WHERE meeting_id = ? AND stage = ? AND person_id = ?
           AND reviewed_at IS NULL`,
        )
        .run(now, meetingId, stage, personId).changes === 1
    );
  }
}
