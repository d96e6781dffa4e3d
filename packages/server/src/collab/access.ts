import { parseDocumentName, type Resource } from '@council/shared';
import type { GroupsRepo } from '../domains/groups/repo.ts';
import type { MeetingsRepo } from '../domains/meetings/repo.ts';
import { meetingResource } from '../domains/meetings/resource.ts';
import type { ReviewsRepo } from '../domains/meetings/reviewsRepo.ts';
import type { PlansRepo } from '../domains/plans/repo.ts';

export interface AccessRepos {
  meetings: MeetingsRepo;
  reviews: ReviewsRepo;
  groups: GroupsRepo;
  plans: PlansRepo;
}

/** The policy resource a collaboration document stands for, or null if no such document may exist. */
export async function resourceForDocument(name: string, repos: AccessRepos): Promise<Resource | null> {
  const ref = parseDocumentName(name);
  if (!ref) return null;
  switch (ref.kind) {
    case 'meeting': {
      const meeting = await repos.meetings.byId(ref.meetingId);
      return meeting ? meetingResource(meeting, repos.reviews) : null;
    }
    case 'meetingClosed': {
      const meeting = await repos.meetings.byId(ref.meetingId);
      return meeting ? { type: ref.kind, status: meeting.status } : null;
    }
    case 'group': {
      const group = await repos.groups.byId(ref.groupId);
      return group ? { type: 'group', id: group.id, visibility: group.visibility } : null;
    }
    case 'plan':
      return (await repos.plans.exists(ref.planId))
        ? { type: 'plan', ownerGroupIds: await repos.plans.ownerGroupIds(ref.planId) }
        : null;
  }
}
