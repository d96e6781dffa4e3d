import type { Db } from '../db/connection.ts';
import { CouncilActionsRepo } from './actions/repo.ts';
import { AuditRepo } from './audit/repo.ts';
import { SessionRepo } from './auth/sessionRepo.ts';
import { DecisionsRepo } from './decisions/repo.ts';
import { CallsRepo } from './groups/callsRepo.ts';
import { GroupsRepo } from './groups/repo.ts';
import { TasksRepo } from './groups/tasksRepo.ts';
import { FollowupsRepo } from './meetings/followupsRepo.ts';
import { MinutesRepo } from './meetings/minutesRepo.ts';
import { MeetingsRepo } from './meetings/repo.ts';
import { ReviewsRepo } from './meetings/reviewsRepo.ts';
import { PeopleRepo } from './people/repo.ts';
import { PlansRepo } from './plans/repo.ts';
import { SearchRepo } from './search/repo.ts';
import { TemplatesRepo } from './templates/repo.ts';
import { SeriesRepo } from './templates/seriesRepo.ts';

/** Every repository over one database; services get the ones they need from it. */
export type Repos = ReturnType<typeof createRepos>;

export function createRepos(db: Db) {
  return {
    people: new PeopleRepo(db),
    sessions: new SessionRepo(db),
    meetings: new MeetingsRepo(db),
    reviews: new ReviewsRepo(db),
    minutes: new MinutesRepo(db),
    followups: new FollowupsRepo(db),
    decisions: new DecisionsRepo(db),
    groups: new GroupsRepo(db),
    tasks: new TasksRepo(db),
    calls: new CallsRepo(db),
    plans: new PlansRepo(db),
    councilActions: new CouncilActionsRepo(db),
    audit: new AuditRepo(db),
    search: new SearchRepo(db),
    templates: new TemplatesRepo(db),
    series: new SeriesRepo(db),
  };
}
