import {
  type Actor,
  COUNCIL_ROLES,
  type CurrentReview,
  can,
  docNames,
  type RequestReview,
  readAgenda,
  reviewStageOf,
} from '@council/shared';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, forbidden } from '../../http/errors.ts';
import { invalid } from '../../http/validate.ts';
import type { LiveDocuments } from '../liveDocuments.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { Repos } from '../repos.ts';
import type { MeetingRow } from './repo.ts';
import { meetingResource } from './resource.ts';
import type { MeetingsService } from './service.ts';

/**
 * Review before release ("til gennemlæsning"): the chair or the secretary sends the draft agenda or
 * the draft minutes to chosen people (anyone on the council, and the agenda's presenters) with a
 * deadline. They are told, reminded before the deadline (notifications/reminders.ts), read the
 * draft (the policy's `reviewerIds`; read-only for those outside the council) and say they have.
 * It changes no state and publishes nothing: the network sees the agenda when it is published.
 */
export class ReviewsService {
  constructor(
    private readonly db: Db,
    private readonly repos: Repos,
    private readonly meetings: MeetingsService,
    private readonly live: LiveDocuments,
    private readonly notifier: Notifier,
  ) {}

  async current(actor: Actor, meetingId: string): Promise<CurrentReview> {
    const meeting = await this.meetings.visible(actor, meetingId);
    const stage = reviewStageOf(meeting.status);
    return { review: stage ? this.repos.reviews.get(meetingId, stage, await this.names()) : null };
  }

  async request(actor: Actor, meetingId: string, input: RequestReview): Promise<CurrentReview> {
    const meeting = await this.meetings.visible(actor, meetingId);
    if (!can(actor, 'requestReview', { type: 'meeting', status: 'draft' })) {
      throw forbidden('Only the chair and the secretary send drafts for review.');
    }
    const stage = this.stageOf(meeting);
    if (new Date(input.deadline).getTime() <= Date.now()) {
      throw invalid(['deadline'], 'The deadline has passed; choose a later one.', 'deadline_past');
    }
    const { open } = await this.meetings.readParts(meetingId);
    const presenters = new Set(readAgenda(open).flatMap((i) => i.presenterId ?? []));
    const reviewerIds = [...new Set(input.reviewerIds)];
    if (reviewerIds.length === 0 && !this.repos.reviews.get(meetingId, stage, new Map())) {
      throw invalid(['reviewerIds'], 'Choose who is to review the draft.', 'no_reviewers');
    }
    for (const [index, id] of reviewerIds.entries()) {
      const person = await this.repos.people.byId(id);
      if (!person || person.deactivatedAt) {
        throw invalid(['reviewerIds', index], 'No such person.', 'unknown_reference');
      }
      if (!COUNCIL_ROLES.includes(person.role) && !presenters.has(id)) {
        throw invalid(['reviewerIds', index], 'Reviewers are on the council or present an item.', 'cannot_review');
      }
    }
    await inTransaction(this.db, async () => {
      this.repos.reviews.request(meetingId, stage, reviewerIds, input.deadline, actor.id, new Date().toISOString());
      await this.repos.audit.record(actor.id, 'meeting.review.request', `meeting:${meetingId}`, {
        stage,
        reviewerIds,
        deadline: input.deadline,
      });
      // Everyone who has not reviewed hears of a new deadline; the dedupe key tells nobody twice of one.
      const pending = this.repos.reviews
        .get(meetingId, stage, new Map())
        ?.reviewers.filter((r) => !r.reviewedAt)
        .map((r) => r.personId);
      this.notifier.notify({
        kind: 'reviewRequested',
        recipients: pending ?? [],
        actorId: actor.id,
        dedupeKey: `reviewRequested:${meetingId}:${stage}:${input.deadline}`,
        values: { meeting: meeting.title, stage, deadline: input.deadline },
        url: `/meetings/${meetingId}`,
      });
    });
    this.notifier.afterCommit();
    // Open connections of new reviewers (none yet, as a rule) get the access the request gives them.
    this.live.refreshAccess(docNames.meeting(meetingId), meetingResource(meeting, this.repos.reviews));
    return this.current(actor, meetingId);
  }

  /** A reviewer says they have read the draft as it stands. */
  async markReviewed(actor: Actor, meetingId: string): Promise<CurrentReview> {
    const meeting = await this.meetings.visible(actor, meetingId);
    const stage = this.stageOf(meeting);
    if (!can(actor, 'review', meetingResource(meeting, this.repos.reviews))) {
      throw forbidden('You were not asked to review this draft.');
    }
    await inTransaction(this.db, async () => {
      if (!this.repos.reviews.markReviewed(meetingId, stage, actor.id, new Date().toISOString())) {
        throw invalid(['review'], 'You have reviewed this draft already.', 'already_reviewed');
      }
      await this.repos.audit.record(actor.id, 'meeting.review.done', `meeting:${meetingId}`, { stage });
    });
    return this.current(actor, meetingId);
  }

  /** What the meeting's state has under review: 409 when nothing is. */
  private stageOf(meeting: MeetingRow) {
    const stage = reviewStageOf(meeting.status);
    if (!stage) {
      throw conflict(`The meeting is ${meeting.status}; a draft agenda or draft minutes are sent for review.`);
    }
    return stage;
  }

  private async names(): Promise<Map<string, string>> {
    return new Map((await this.repos.people.list()).map((p) => [p.id, p.name]));
  }
}
