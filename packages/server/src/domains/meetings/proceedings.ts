import {
  type Actor,
  type AgendaItem,
  ATTENDEE_ROLES,
  can,
  type ItemProceedings,
  mayReadConfidential,
  type Proceedings,
  readAgenda,
  readAttendance,
  type VoteInput,
} from '@council/shared';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { invalid } from '../../http/validate.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { Repos } from '../repos.ts';
import { ProceedingsRepo } from './proceedingsRepo.ts';
import type { MeetingRow } from './repo.ts';
import type { MeetingsService } from './service.ts';
import { SignaturesRepo } from './signatures.ts';

type Step = 'vote' | 'dissent' | 'declare';

/** What a step needs to know: the meeting, the item, who was present and who may not vote. */
interface Context {
  meeting: MeetingRow;
  item: AgendaItem;
  present: Set<string>;
  recorded: ItemProceedings;
}

/** The state each step is allowed in, to tell "not your role" (403) from "not now" (409). */
const STEP_STATE = { vote: 'in-session', dissent: 'in-session', declare: 'published' } as const;

/**
 * Votes, minuted views ("ønsker sin stemme ført til protokol") and conflicts of interest
 * (inhabilitet) on a meeting's agenda items. Each is a REST command: checked against the policy
 * table, audited in the same transaction, and, while the minutes are a draft, clearing the
 * signatures given to them (the minutes they signed have changed). Approval freezes them (409 after).
 */
export class ProceedingsService {
  private readonly repo: ProceedingsRepo;
  private readonly signatures: SignaturesRepo;

  constructor(
    private readonly db: Db,
    private readonly repos: Repos,
    private readonly meetings: MeetingsService,
    private readonly notifier: Notifier,
  ) {
    this.repo = new ProceedingsRepo(db);
    this.signatures = new SignaturesRepo(db);
  }

  /** Everything recorded on the items the reader may see, in agenda order. */
  async list(actor: Actor, meetingId: string): Promise<Proceedings> {
    await this.meetings.visible(actor, meetingId);
    const { open } = await this.meetings.readParts(meetingId);
    const recorded = this.repo.forMeeting(meetingId, await this.names());
    const confidential = mayReadConfidential(actor);
    return {
      items: readAgenda(open).flatMap((item) => {
        const found = recorded.get(item.id);
        return found && (!item.confidential || confidential) ? [found] : [];
      }),
    };
  }

  /** The chair or the secretary records the vote on a decision item: counts, or each present member's choice. */
  async recordVote(actor: Actor, meetingId: string, itemId: string, input: VoteInput): Promise<Proceedings> {
    const { meeting, item, present, recorded } = await this.context(actor, meetingId, itemId, 'vote');
    if (item.kind !== 'decision')
      throw invalid(['itemId'], 'Votes are taken on decision items only.', 'not_a_decision');
    const conflicted = new Set(recorded.conflicts.map((c) => c.personId));
    if (input.mode === 'named') {
      const voters = Object.keys(input.ballots);
      if (voters.length === 0) throw invalid(['ballots'], 'Record at least one vote.', 'no_votes');
      for (const personId of voters) {
        if (!present.has(personId)) throw invalid(['ballots', personId], 'Only those present vote.', 'absent_voter');
        if (conflicted.has(personId))
          throw invalid(
            ['ballots', personId],
            'A member with a conflict of interest does not vote.',
            'conflict_of_interest',
          );
      }
    } else {
      const total = input.for + input.against + input.abstain;
      if (total === 0) throw invalid(['for'], 'Record at least one vote.', 'no_votes');
      const eligible = [...present].filter((p) => !conflicted.has(p)).length;
      if (total > eligible) {
        throw invalid(['for'], `${total} votes, but ${eligible} present may vote.`, 'too_many_votes');
      }
    }
    await this.commit(actor, meeting, 'meeting.vote', { itemId, ...input }, () =>
      this.repo.saveVote(meetingId, itemId, input, actor.id, new Date().toISOString()),
    );
    return this.list(actor, meetingId);
  }

  async removeVote(actor: Actor, meetingId: string, itemId: string): Promise<Proceedings> {
    const { meeting } = await this.context(actor, meetingId, itemId, 'vote');
    await this.commit(actor, meeting, 'meeting.vote.remove', { itemId }, () => {
      if (!this.repo.removeVote(meetingId, itemId))
        throw invalid(['itemId'], 'No vote is recorded on this item.', 'not_recorded');
    });
    return this.list(actor, meetingId);
  }

  /** A present member's view minuted on a decision, in their own words; asking again replaces the text. */
  async minuteDissent(
    actor: Actor,
    meetingId: string,
    itemId: string,
    input: { personId?: string; text: string },
  ): Promise<Proceedings> {
    const personId = this.whose(actor, input.personId);
    const { meeting, item, present, recorded } = await this.context(actor, meetingId, itemId, 'dissent');
    if (item.kind !== 'decision')
      throw invalid(['itemId'], 'Views are minuted on decision items only.', 'not_a_decision');
    if (!present.has(personId)) throw invalid(['personId'], 'Only those present have a view minuted.', 'absent_voter');
    if (recorded.conflicts.some((c) => c.personId === personId)) {
      throw invalid(['personId'], 'A member with a conflict of interest takes no part.', 'conflict_of_interest');
    }
    await this.commit(actor, meeting, 'meeting.dissent', { itemId, personId, text: input.text }, () =>
      this.repo.saveDissent(meetingId, itemId, personId, input.text, actor.id, new Date().toISOString()),
    );
    return this.list(actor, meetingId);
  }

  async removeDissent(actor: Actor, meetingId: string, itemId: string, personId?: string): Promise<Proceedings> {
    const whose = this.whose(actor, personId);
    const { meeting } = await this.context(actor, meetingId, itemId, 'dissent');
    await this.commit(actor, meeting, 'meeting.dissent.remove', { itemId, personId: whose }, () => {
      if (!this.repo.removeDissent(meetingId, itemId, whose))
        throw invalid(['personId'], 'No view of theirs is minuted on this item.', 'not_recorded');
    });
    return this.list(actor, meetingId);
  }

  /**
   * A member declares a conflict of interest on an item (or the chair or secretary records one): the
   * minutes say the member left for it, and the member takes no part in its vote.
   */
  async declareConflict(
    actor: Actor,
    meetingId: string,
    itemId: string,
    input: { personId?: string; reason?: string },
  ): Promise<Proceedings> {
    const personId = this.whose(actor, input.personId);
    const { meeting, recorded } = await this.context(actor, meetingId, itemId, 'declare');
    const person = await this.repos.people.byId(personId);
    if (!person || !ATTENDEE_ROLES.includes(person.role)) {
      throw invalid(['personId'], 'Only members of the council declare a conflict of interest.', 'not_council');
    }
    if (
      recorded.vote?.ballots.some((b) => b.personId === personId) ||
      recorded.dissents.some((d) => d.personId === personId)
    ) {
      throw invalid(['personId'], 'They have a vote or a minuted view on this item; remove it first.', 'has_voted');
    }
    const reason = input.reason || undefined;
    await this.commit(actor, meeting, 'meeting.conflict', { itemId, personId, ...(reason ? { reason } : {}) }, () => {
      if (!this.repo.declareConflict(meetingId, itemId, personId, reason, actor.id, new Date().toISOString()))
        throw invalid(['personId'], 'The conflict of interest is recorded already.', 'already_declared');
    });
    return this.list(actor, meetingId);
  }

  async withdrawConflict(actor: Actor, meetingId: string, itemId: string, personId?: string): Promise<Proceedings> {
    const whose = this.whose(actor, personId);
    const { meeting } = await this.context(actor, meetingId, itemId, 'declare');
    await this.commit(actor, meeting, 'meeting.conflict.withdraw', { itemId, personId: whose }, () => {
      if (!this.repo.withdrawConflict(meetingId, itemId, whose))
        throw invalid(['personId'], 'No conflict of interest of theirs is recorded on this item.', 'not_recorded');
    });
    return this.list(actor, meetingId);
  }

  /** One's own, unless named; naming someone else is for those who record votes. */
  private whose(actor: Actor, personId: string | undefined): string {
    if (!personId || personId === actor.id) return actor.id;
    if (!can(actor, 'vote', { type: 'meeting', status: 'in-session' }))
      throw forbidden('Only the chair and the secretary record this for someone else.');
    return personId;
  }

  /** 404 for a meeting or item one may not see, 403 for a role that never takes the step, 409 out of its state. */
  private async context(actor: Actor, meetingId: string, itemId: string, step: Step): Promise<Context> {
    const meeting = await this.meetings.visible(actor, meetingId);
    if (!can(actor, step, { type: 'meeting', status: STEP_STATE[step] })) {
      throw forbidden('You may not record this on the meeting.');
    }
    if (!can(actor, step, { type: 'meeting', status: meeting.status })) {
      throw conflict(
        meeting.status === 'approved'
          ? 'The minutes are approved and frozen; reopen them to make changes.'
          : `The meeting is ${meeting.status}; this is recorded ${step === 'declare' ? 'until the minutes are approved' : 'in the meeting and its draft minutes'}.`,
      );
    }
    const { open } = await this.meetings.readParts(meetingId);
    const item = readAgenda(open).find((i) => i.id === itemId);
    if (!item || (item.confidential && !mayReadConfidential(actor))) throw notFound('Agenda item');
    const present = new Set(
      [...readAttendance(open)].flatMap(([personId, value]) => (value === 'present' ? [personId] : [])),
    );
    const recorded = this.repo.forMeeting(meetingId, new Map()).get(itemId) ?? {
      itemId,
      vote: null,
      dissents: [],
      conflicts: [],
    };
    return { meeting, item, present, recorded };
  }

  /**
   * The change and its audit row in one transaction. Draft minutes that change lose the signatures
   * given to them; the signers are told, as when the text changes.
   */
  private async commit(
    actor: Actor,
    meeting: MeetingRow,
    action: string,
    details: Record<string, unknown>,
    change: () => void,
  ): Promise<void> {
    await inTransaction(this.db, async () => {
      change();
      await this.repos.audit.record(actor.id, action, `meeting:${meeting.id}`, details);
      if (meeting.status !== 'minutes-draft') return;
      const cleared = this.signatures.clearAll(meeting.id);
      this.notifier.notify({
        kind: 'signatureCleared',
        recipients: cleared,
        actorId: actor.id,
        dedupeKey: `signatureCleared:${meeting.id}:${new Date().toISOString()}`,
        values: { meeting: meeting.title },
        url: `/meetings/${meeting.id}?tab=signatures`,
      });
    });
    this.notifier.afterCommit();
  }

  private async names(): Promise<Map<string, string>> {
    return new Map((await this.repos.people.list()).map((p) => [p.id, p.name]));
  }
}
