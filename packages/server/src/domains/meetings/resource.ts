import { type MeetingStatus, type Resource, reviewStageOf } from '@council/shared';
import type { ReviewsRepo } from './reviewsRepo.ts';

/**
 * A meeting as the policy sees it: its state, and who was asked to review what that state has under
 * review (they may read the draft; confidential items stay in the closed document, for the council).
 */
export function meetingResource(
  meeting: { id: string; status: MeetingStatus },
  reviews: ReviewsRepo,
): Extract<Resource, { type: 'meeting' }> {
  const stage = reviewStageOf(meeting.status);
  return {
    type: 'meeting',
    status: meeting.status,
    ...(stage ? { reviewerIds: reviews.reviewerIds(meeting.id, stage) } : {}),
  };
}
