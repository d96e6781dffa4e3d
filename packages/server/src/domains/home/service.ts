import {
  type Actor,
  COUNCIL_ROLES,
  can,
  copenhagenDate,
  type Home,
  type MeetingStep,
  mayReadConfidential,
} from '@council/shared';
import type { Db } from '../../db/connection.ts';
import type { GroupsService } from '../groups/service.ts';
import { presentMeeting } from '../meetings/presenter.ts';
import type { MeetingRow } from '../meetings/repo.ts';
import type { Repos } from '../repos.ts';

/** Work due within this many days is on the home page, beside what is overdue. */
const DUE_WITHIN_DAYS = 7;
/** Without an earlier visit, decisions of this many days are new. */
const NEW_DECISIONS_DAYS = 30;
/** Visits closer together than this count as one, so a reload does not empty "since my last visit". */
const VISIT_GAP_MS = 60 * 60 * 1000;

/** Which step a meeting in each status waits for, when its day has come. */
const STEP_FOR: Partial<Record<MeetingRow['status'], MeetingStep>> = {
  draft: 'publish',
  published: 'open',
  'in-session': 'close',
  'minutes-draft': 'approve',
};

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * The home page of one person: what needs them now, from the read models, filtered by the policy
 * table like every other route (a block only lists what its routes would show this person).
 */
export class HomeService {
  constructor(
    private readonly db: Db,
    private readonly repos: Repos,
    private readonly groups: GroupsService,
  ) {}

  async forPerson(actor: Actor, now = new Date()): Promise<Home> {
    const today = copenhagenDate(now);
    const person = await this.repos.people.byId(actor.id);
    const since = this.previousVisit(actor.id);
    const meetings = (await this.repos.meetings.list(mayReadConfidential(actor))).filter((m) =>
      can(actor, 'read', { type: 'meeting', status: m.status }),
    );
    const dueBy = addDays(today, DUE_WITHIN_DAYS);
    const due = (d: string | null) => d !== null && d <= dueBy;
    const leads = Object.entries(actor.groups)
      .filter(([, role]) => role === 'lead')
      .map(([id]) => id);
    const competencies = new Set((person?.competencies ?? []).map((c) => c.toLowerCase()));
    const openCalls = await this.groups.calls(actor, { status: 'open' });
    const myActions = await this.repos.councilActions.list({ status: 'open', assigneeId: actor.id });

    return {
      since,
      nextMeeting: this.nextMeeting(actor, meetings, now),
      tasks: (await this.groups.tasks(actor, { assignee: 'me' })).filter((t) => t.status !== 'done' && due(t.due)),
      actions: myActions.filter((a) => due(a.due)),
      nextSteps: meetings
        .filter((m) => this.stepIsDue(actor, m, today))
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
        .map((m) => ({ meeting: presentMeeting(m), step: STEP_FOR[m.status] as MeetingStep })),
      volunteers: openCalls
        .filter((call) => leads.includes(call.groupId))
        .flatMap((call) =>
          call.volunteers
            .filter((v) => v.status === 'pending')
            .map((v) => ({
              callId: call.id,
              groupId: call.groupId,
              groupName: call.groupName,
              personId: v.personId,
              name: v.name,
              organisation: v.organisation,
            })),
        ),
      calls: openCalls.filter(
        (call) =>
          !(call.groupId in actor.groups) &&
          call.mine === null &&
          call.competencies.some((c) => competencies.has(c.toLowerCase())),
      ),
      decisions: this.decisionsSince(
        actor,
        since ?? new Date(now.getTime() - NEW_DECISIONS_DAYS * 86_400_000).toISOString(),
      ),
      blocks: {
        nextSteps: (Object.entries(STEP_FOR) as [MeetingRow['status'], MeetingStep][]).some(([status, step]) =>
          can(actor, step, { type: 'meeting', status }),
        ),
        volunteers: leads.length > 0,
        calls: competencies.size > 0,
        // Action points may name anyone, so whoever has one open has work too.
        work: COUNCIL_ROLES.includes(actor.role) || Object.keys(actor.groups).length > 0 || myActions.length > 0,
      },
    };
  }

  /** Notes a visit to the home page; a visit after a gap of an hour moves "since my last visit" on. */
  visit(personId: string, now = new Date()): void {
    this.db
      .prepare(
        `UPDATE people SET
           home_previous_visit_at = CASE WHEN home_visited_at IS NULL OR home_visited_at < @gapStart
                                         THEN home_visited_at ELSE home_previous_visit_at END,
           home_visited_at = @now
         WHERE id = @id`,
      )
      .run({ id: personId, now: now.toISOString(), gapStart: new Date(now.getTime() - VISIT_GAP_MS).toISOString() });
  }

  private previousVisit(personId: string): string | null {
    return (
      this.db
        .prepare<[string], { at: string | null }>('SELECT home_previous_visit_at AS at FROM people WHERE id = ?')
        .get(personId)?.at ?? null
    );
  }

  /** The first meeting that has not ended, with the items the person presents at it. */
  private nextMeeting(actor: Actor, meetings: MeetingRow[], now: Date): Home['nextMeeting'] {
    const next = meetings
      .filter(
        (m) =>
          new Date(m.endsAt) >= now &&
          m.status !== 'approved' &&
          m.status !== 'minutes-draft' &&
          m.status !== 'cancelled',
      )
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
    if (!next) return null;
    const presenting = this.db
      .prepare<[string, string], { itemId: string; title: string }>(
        `SELECT item_id AS itemId, title FROM agenda_items WHERE meeting_id = ? AND presenter_id = ? ORDER BY position`,
      )
      .all(next.id, actor.id);
    return { meeting: presentMeeting(next), presenting };
  }

  /** A step is due once its day has come: publish any time, open from the meeting's day, close and approve at once. */
  private stepIsDue(actor: Actor, meeting: MeetingRow, today: string): boolean {
    const step = STEP_FOR[meeting.status];
    if (!step || !can(actor, step, { type: 'meeting', status: meeting.status })) return false;
    return step !== 'open' || copenhagenDate(meeting.startsAt) <= today;
  }

  private decisionsSince(actor: Actor, since: string): Home['decisions'] {
    return this.db
      .prepare<[{ since: string; confidential: number }], Home['decisions'][number]>(
        // Adopted when their minutes were approved, which is later than the day they were decided on.
        `SELECT d.number, d.title, d.decided_on AS decidedOn, d.meeting_id AS meetingId FROM decisions d
         JOIN (SELECT meeting_id, max(approved_at) AS approvedAt FROM minutes GROUP BY meeting_id) m
           ON m.meeting_id = d.meeting_id
         WHERE d.number IS NOT NULL AND d.status = 'adopted' AND m.approvedAt >= @since
           AND (d.confidential = 0 OR @confidential)
         ORDER BY d.year DESC, d.seq DESC LIMIT 20`,
      )
      .all({ since, confidential: Number(mayReadConfidential(actor)) });
  }
}
