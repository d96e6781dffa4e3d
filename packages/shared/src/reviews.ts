import { z } from 'zod';
import { Id, IsoDateTime } from './primitives.ts';
import type { MeetingStatus } from './schemas.ts';

/**
 * Review before release ("til gennemlæsning"): the secretary sends the draft agenda, or the draft
 * minutes, to chosen people with a deadline; they read it as it stands and say they have read it.
 * Nothing is published by it.
 */
export const REVIEW_STAGES = ['agenda', 'minutes'] as const;
export const ReviewStage = z.enum(REVIEW_STAGES);
export type ReviewStage = z.infer<typeof ReviewStage>;

/** What is under review in each state a meeting can be reviewed in. */
export function reviewStageOf(status: MeetingStatus): ReviewStage | null {
  if (status === 'draft') return 'agenda';
  if (status === 'minutes-draft') return 'minutes';
  return null;
}

/** Those to ask (none, to move the deadline of a review under way) and the deadline. */
export const RequestReview = z.object({
  reviewerIds: z.array(Id).max(100),
  deadline: IsoDateTime,
});
export type RequestReview = z.infer<typeof RequestReview>;

export const Review = z.object({
  stage: ReviewStage,
  deadline: IsoDateTime,
  requestedBy: z.string(),
  requestedAt: IsoDateTime,
  reviewers: z.array(z.object({ personId: Id, name: z.string(), reviewedAt: IsoDateTime.nullable() })),
});
export type Review = z.infer<typeof Review>;

/** The review of what the meeting's state has under review now, or none. */
export const CurrentReview = z.object({ review: Review.nullable() });
export type CurrentReview = z.infer<typeof CurrentReview>;
