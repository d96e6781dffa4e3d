import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type AgendaItem,
  type ApprovalCheck,
  ATTENDEE_ROLES,
  addAgendaItem,
  type Confirmation,
  can,
  copenhagenDate,
  type DeletedMeeting,
  docNames,
  fill,
  LIVE_MESSAGE,
  MEETING_TRANSITIONS,
  type MeetingStatus,
  type MeetingTransition,
  mayReadConfidential,
  messages,
  RECORD_LOCALE,
  readAgenda,
  readAttendance,
  type Signatures,
  type SignoffRule,
} from '@council/shared';
import * as Y from 'yjs';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { invalid } from '../../http/validate.ts';
import type { Logger } from '../../logger.ts';
import type { Outbox } from '../../outbox/Outbox.ts';
import type { LiveDocuments } from '../liveDocuments.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { PapersRepo } from '../papers/repo.ts';
import type { Project } from '../projections.ts';
import type { Repos } from '../repos.ts';
import { indexDecisions } from '../search/indexer.ts';
import { approvalProblems, decisionsToRecord, followupsOf, type MeetingRecord, readMeetingRecord } from './content.ts';
import { ProceedingsRepo } from './proceedingsRepo.ts';
import { renderMinutes } from './render.ts';
import type { MeetingRow } from './repo.ts';
import { meetingResource } from './resource.ts';
import { contentHash, SignaturesRepo, signoffSatisfied } from './signatures.ts';

export type NewMeeting = Pick<MeetingRow, 'title' | 'startsAt' | 'endsAt' | 'location'>;

/** Meeting lifecycle: every transition checks the policy, writes an audit row and tells live clients. */
/** Each item's papers as the minutes list them: what is not removed, in the item's order. */
function papersOf(db: Db, meetingId: string): Map<string, { title: string; fileName: string }[]> {
  const byItem = new Map<string, { title: string; fileName: string }[]>();
  for (const paper of new PapersRepo(db).forMeeting(meetingId)) {
    if (paper.removedAt) continue;
    byItem.set(paper.itemId, [
      ...(byItem.get(paper.itemId) ?? []),
      { title: paper.title, fileName: paper.current.fileName },
    ]);
  }
  return byItem;
}

export class MeetingsService {
  constructor(
    private readonly db: Db,
    private readonly repos: Repos,
    private readonly live: LiveDocuments,
    private readonly outbox: Outbox,
    private readonly project: Project,
    private readonly logger: Logger,
    private readonly notifier: Notifier,
    private readonly signoff: SignoffRule = 'none',
  ) {
    this.signaturesRepo = new SignaturesRepo(db);
    this.proceedingsRepo = new ProceedingsRepo(db);
  }

  private readonly signaturesRepo: SignaturesRepo;
  private readonly proceedingsRepo: ProceedingsRepo;

  async create(actor: Actor, input: NewMeeting): Promise<MeetingRow> {
    const id = `m-${randomUUID().slice(0, 8)}`;
    await inTransaction(this.db, async () => {
      await this.repos.meetings.create({ id, status: 'draft', ...input });
      await this.repos.audit.record(actor.id, 'meeting.create', `meeting:${id}`, { title: input.title });
    });
    return this.visible(actor, id);
  }

  /** A meeting the actor may see, or 404 (a meeting one may not see does not exist for them). */
  async visible(actor: Actor, id: string): Promise<MeetingRow> {
    const meeting = await this.repos.meetings.byId(id, mayReadConfidential(actor));
    if (!meeting || !can(actor, 'read', meetingResource(meeting, this.repos.reviews))) throw notFound('Meeting');
    return meeting;
  }

  async transition(
    actor: Actor,
    id: string,
    name: MeetingTransition,
    reason?: string,
    confirm: Confirmation[] = [],
  ): Promise<MeetingRow> {
    const meeting = await this.visible(actor, id);
    const { from, to } = MEETING_TRANSITIONS[name];
    // The table ties each command to its state; asking it with the state the command starts from
    // tells "not your role" (403) apart from "not now" (409).
    if (!can(actor, name, { type: 'meeting', status: from })) throw forbidden(`You may not ${name} this meeting.`);
    if (meeting.status !== from) {
      throw conflict(
        `The meeting is ${meeting.status}; it can be ${name === 'open' ? 'opened' : `${name}d`} only when ${from}.`,
      );
    }
    if (name === 'reopen' && !reason) throw badRequest('Give a reason for reopening the minutes.');
    if (name === 'cancel' && !reason)
      throw invalid(['reason'], 'Give a reason for cancelling the meeting.', 'reason_required');
    const day = copenhagenDate(meeting.startsAt);
    if (name === 'open' && copenhagenDate(new Date().toISOString()) < day && !confirm.includes('early')) {
      throw conflict(`The meeting is on ${day}; confirm to open it before then.`, 'confirmation_required', [
        { code: 'early', date: day },
      ]);
    }
    const confirmed = confirm.length > 0 ? { confirmed: confirm } : {};
    // Who presents is in the agenda document: read before the transaction, which may not wait on it.
    const parts = name === 'publish' || name === 'close' ? await this.readParts(id) : null;
    const presenters = name === 'publish' && parts ? readAgenda(parts.open).flatMap((i) => i.presenterId ?? []) : [];
    const closingPresent = name === 'close' && parts ? this.presentAt({ attendance: readAttendance(parts.open) }) : [];
    const attendees = await this.attendees();

    // The new access applies before the commit, so no edit slips in between; only a failure of the
    // commit itself puts the old access back. What follows the commit cannot undo it.
    this.applyAccess(id, to);
    try {
      if (name === 'approve') await this.approve(actor, meeting, confirm, attendees);
      else {
        await inTransaction(this.db, async () => {
          if (name === 'cancel' && reason) await this.repos.meetings.cancel(id, reason);
          else await this.repos.meetings.setStatus(id, to);
          await this.repos.audit.record(actor.id, `meeting.${name}`, `meeting:${id}`, {
            from,
            to,
            ...(reason ? { reason } : {}),
            ...confirmed,
          });
          if (name === 'reopen') this.signaturesRepo.clearAll(id);
          if (name === 'close' && this.signoff !== 'none') {
            this.notifier.notify({
              kind: 'signoffRequested',
              recipients: closingPresent,
              actorId: actor.id,
              dedupeKey: `signoffRequested:${id}:${new Date().toISOString()}`,
              values: { meeting: meeting.title },
              url: `/meetings/${id}?tab=signatures`,
            });
          }
          if (name === 'publish') {
            // The council is invited (an iCalendar invitation by mail); presenters outside it are told.
            this.invite(meeting, attendees, 'meetingInvitation');
            this.notifier.notify({
              kind: 'agendaPublished',
              recipients: presenters.filter((p) => !attendees.includes(p)),
              actorId: actor.id,
              dedupeKey: `agendaPublished:${id}`,
              values: { meeting: meeting.title },
              url: `/meetings/${id}`,
            });
          }
          if (name === 'cancel')
            this.invite({ ...meeting, sequence: meeting.sequence + 1 }, attendees, 'meetingCancelled', reason);
        });
      }
    } catch (error) {
      this.applyAccess(id, from);
      throw error;
    }
    await this.afterCommit(id, to);
    return this.visible(actor, id);
  }

  /**
   * Deletes a draft meeting, softly: it disappears from every list, its documents are refused and
   * open connections to them closed, its search rows go; the row and the documents are kept, and
   * the audit row says who deleted it. Only a draft may go (the network never saw it).
   */
  async delete(actor: Actor, id: string): Promise<void> {
    const meeting = await this.visible(actor, id);
    if (!can(actor, 'delete', { type: 'meeting', status: 'draft' })) throw forbidden('You may not delete meetings.');
    if (meeting.status !== 'draft') {
      throw conflict(
        `The meeting is ${meeting.status}; only a draft can be deleted. Cancel a published meeting instead.`,
      );
    }
    await inTransaction(this.db, async () => {
      await this.repos.meetings.softDelete(id);
      await this.repos.audit.record(actor.id, 'meeting.delete', `meeting:${id}`, {
        title: meeting.title,
        startsAt: meeting.startsAt,
      });
    });
    for (const doc of [docNames.meeting(id), docNames.meetingClosed(id)]) this.live.refreshAccess(doc, null);
    // The projection of a deleted meeting empties its search rows and the home page's agenda items.
    await this.reproject(id, 'a deletion');
  }

  /** Deleted drafts, for those who may delete meetings (and so restore them). */
  async deleted(actor: Actor): Promise<DeletedMeeting[]> {
    if (!can(actor, 'delete', { type: 'meeting', status: 'draft' })) throw forbidden('You may not delete meetings.');
    return this.repos.meetings.deleted();
  }

  /**
   * Undoes a deletion: the draft is back in every list, its documents open again and are projected
   * (search, home) as before. Whoever may delete a draft may restore one; audited like the deletion.
   */
  async restore(actor: Actor, id: string): Promise<MeetingRow> {
    if (!can(actor, 'delete', { type: 'meeting', status: 'draft' })) throw forbidden('You may not restore meetings.');
    const deleted = await this.repos.meetings.deletedById(id);
    if (!deleted) throw notFound('Deleted meeting');
    await inTransaction(this.db, async () => {
      await this.repos.meetings.restore(id);
      await this.repos.audit.record(actor.id, 'meeting.restore', `meeting:${id}`, { title: deleted.title });
    });
    this.applyAccess(id, 'draft');
    await this.reproject(id, 'a restore');
    return this.visible(actor, id);
  }

  /** Effects of a committed transition: clients told, search updated, outbox applied. None may fail the command. */
  private async afterCommit(id: string, status: MeetingStatus): Promise<void> {
    for (const doc of [docNames.meeting(id), docNames.meetingClosed(id)]) {
      this.live.notify(doc, { type: LIVE_MESSAGE.meetingStatus, status });
    }
    // Search visibility and result types follow the status (a published agenda becomes findable).
    await this.reproject(id, 'a transition');
    await this.outbox.drain();
    this.notifier.afterCommit();
  }

  /**
   * Tells the invited of the meeting as it now stands, once per SEQUENCE. The notification keeps the
   * event as it was told (time, place, SEQUENCE), and its mail carries that event (METHOD:REQUEST,
   * or CANCEL for a cancellation; notifications/sender.ts), so the text and the calendar part of a
   * mail never disagree, however late it goes. Whoever made the change is invited too, unlike other
   * notifications: their calendar needs the event as well.
   */
  private invite(
    meeting: Pick<MeetingRow, 'id' | 'title' | 'startsAt' | 'endsAt' | 'location' | 'sequence'>,
    invited: string[],
    kind: 'meetingInvitation' | 'meetingUpdated' | 'meetingCancelled',
    reason?: string,
  ): void {
    this.notifier.notify({
      kind,
      recipients: invited,
      actorId: null,
      dedupeKey: `${kind}:${meeting.id}:${meeting.sequence}`,
      values: {
        meeting: meeting.title,
        start: meeting.startsAt,
        end: meeting.endsAt,
        location: meeting.location,
        sequence: String(meeting.sequence),
        meetingId: meeting.id,
        ...(reason ? { reason } : {}),
      },
      url: `/meetings/${meeting.id}`,
    });
  }

  /** The council's members who attend meetings (chair, secretary, members), active ones. */
  private async attendees(): Promise<string[]> {
    return (await this.repos.people.list()).filter((p) => ATTENDEE_ROLES.includes(p.role)).map((p) => p.id);
  }

  /** Projects both documents again (search, home page); a failure is logged, never the command's. */
  private async reproject(id: string, after: string): Promise<void> {
    for (const doc of [docNames.meeting(id), docNames.meetingClosed(id)]) {
      try {
        await this.live.read(doc, (d) => this.project(doc, d));
      } catch (err) {
        this.logger.error({ err, document: doc }, `could not load a document to project it after ${after}`);
      }
    }
  }

  /** A meeting's own fields; refused once the minutes are approved (409), like every other edit. */
  async update(actor: Actor, id: string, patch: Partial<NewMeeting>): Promise<MeetingRow> {
    const meeting = await this.editable(actor, id);
    const startsAt = patch.startsAt ?? meeting.startsAt;
    const endsAt = patch.endsAt ?? meeting.endsAt;
    if (new Date(endsAt) <= new Date(startsAt))
      throw invalid(['endsAt'], 'The meeting must end after it starts', 'ends_before_start');
    const changed = (['title', 'startsAt', 'endsAt', 'location'] as const).some(
      (field) => patch[field] !== undefined && patch[field] !== meeting[field],
    );
    const attendees = await this.attendees();
    await inTransaction(this.db, async () => {
      await this.repos.meetings.update(id, patch);
      await this.repos.audit.record(actor.id, 'meeting.update', `meeting:${id}`, patch);
      // The invited get the change, as an update of the event their calendars have.
      if (changed && meeting.status === 'published') {
        await this.repos.meetings.nextSequence(id);
        const updated = { ...meeting, ...patch, sequence: meeting.sequence + 1 };
        this.invite(updated, attendees, 'meetingUpdated');
      }
    });
    this.notifier.afterCommit();
    return this.visible(actor, id);
  }

  /** Adds an item to the agenda through the live document, so that everyone looking sees it appear. */
  async addAgendaItem(actor: Actor, id: string, input: Omit<AgendaItem, 'id'>): Promise<AgendaItem> {
    await this.editable(actor, id);
    const item: AgendaItem = { id: randomUUID().slice(0, 8), ...input };
    await this.live.change(docNames.meeting(id), (open) => addAgendaItem({ open }, item));
    return item;
  }

  /** A meeting the actor may edit now: 404 if unseen, 403 without the right, 409 once approved. */
  private async editable(actor: Actor, id: string): Promise<MeetingRow> {
    const meeting = await this.visible(actor, id);
    if (can(actor, 'edit', { type: 'meeting', status: meeting.status })) return meeting;
    if (meeting.status === 'approved' && can(actor, 'edit', { type: 'meeting', status: 'minutes-draft' })) {
      throw conflict('The minutes are approved and frozen; reopen them to make changes.');
    }
    throw forbidden('You may not edit this meeting.');
  }

  /**
   * Postponed decisions and open action points from earlier meetings, offered for this agenda; none
   * once it can no longer change (an open page asks again as the minutes are approved: no error).
   */
  async carryOver(actor: Actor, id: string) {
    const meeting = await this.visible(actor, id);
    if (!can(actor, 'edit', { type: 'meeting', status: 'draft' }))
      throw forbidden('Only those who edit the agenda get suggestions for it.');
    if (!can(actor, 'edit', { type: 'meeting', status: meeting.status })) return [];
    const earlier = await this.repos.followups.openBefore(meeting.startsAt, mayReadConfidential(actor));
    // Working groups due to report back by this meeting are suggested too.
    const reports = (await this.repos.groups.reportingBy(meeting.startsAt.slice(0, 10))).map((g) => ({
      meetingId: meeting.id,
      meetingTitle: meeting.title,
      kind: 'report' as const,
      refId: g.id,
      title: g.name,
      assigneeId: null,
      due: g.reportDate,
      groupId: g.id,
    }));
    return [...reports, ...earlier];
  }

  /** What approving now would number, and what stands in its way: for those who approve, while minutes are drafted. */
  async approvalCheck(actor: Actor, id: string): Promise<ApprovalCheck> {
    const meeting = await this.visible(actor, id);
    if (!can(actor, 'approve', { type: 'meeting', status: 'minutes-draft' }))
      throw forbidden('Only the chair and the secretary approve minutes.');
    if (meeting.status !== 'minutes-draft')
      throw conflict(`The meeting is ${meeting.status}; only draft minutes are approved.`);
    return this.checkApproval(meeting, readMeetingRecord(await this.readParts(id)));
  }

  private async checkApproval(meeting: MeetingRow, record: MeetingRecord): Promise<ApprovalCheck> {
    const decided = decisionsToRecord(meeting, record);
    const numbers = await this.repos.decisions.previewNumbers(decided);
    const attendees = (await this.repos.people.list()).filter((p) => ATTENDEE_ROLES.includes(p.role));
    const recorded = attendees.filter((p) => record.attendance.has(p.id)).length;
    return {
      numbered: decided.flatMap((d, i) => {
        const number = numbers[i];
        return number ? [{ itemId: d.itemId, title: d.title, number }] : [];
      }),
      unnumbered: decided.flatMap((d) =>
        d.status === 'adopted' ? [] : [{ itemId: d.itemId, title: d.title, status: d.status }],
      ),
      problems: [...approvalProblems(record), ...this.signatureProblems(meeting.id, record)],
      attendance: { recorded, expected: attendees.length },
      confirm: recorded < attendees.length ? ['attendance'] : [],
    };
  }

  /** Those present at the meeting, who sign its minutes. */
  private presentAt(record: Pick<MeetingRecord, 'attendance'>): string[] {
    return [...record.attendance].flatMap(([personId, value]) => (value === 'present' ? [personId] : []));
  }

  private signatureProblems(meetingId: string, record: MeetingRecord): ApprovalCheck['problems'] {
    const present = this.presentAt(record);
    const signed = this.signaturesRepo.list(meetingId).filter((s) => present.includes(s.personId)).length;
    if (signoffSatisfied(this.signoff, signed, present.length)) return [];
    return [{ code: 'signatures_missing', title: `${signed}/${present.length}`, reasons: [this.signoff] }];
  }

  /** The sign-off of the minutes: everyone present, and when they signed. */
  async signatures(actor: Actor, id: string): Promise<Signatures> {
    await this.visible(actor, id);
    const { open } = await this.readParts(id);
    const present = this.presentAt({ attendance: readAttendance(open) });
    const signed = new Map(this.signaturesRepo.list(id).map((s) => [s.personId, s.signedAt]));
    const names = new Map((await this.repos.people.list()).map((p) => [p.id, p.name]));
    const signers = present.map((personId) => ({
      personId,
      name: names.get(personId) ?? personId,
      signedAt: signed.get(personId) ?? null,
    }));
    return {
      rule: this.signoff,
      satisfied: signoffSatisfied(this.signoff, signers.filter((s) => s.signedAt).length, present.length),
      signers,
    };
  }

  /**
   * An attendee who was present signs the draft minutes as they stand now (one click, replacing the
   * signature sheet); a later change to either document clears the signature (see the projections).
   */
  async sign(actor: Actor, id: string): Promise<Signatures> {
    const meeting = await this.signable(actor, id);
    const { open, closed } = await this.readParts(id);
    if (!this.presentAt({ attendance: readAttendance(open) }).includes(actor.id)) {
      throw invalid(['signature'], 'Only those present at the meeting sign its minutes.', 'not_present');
    }
    await inTransaction(this.db, async () => {
      const hashes = { open: contentHash(open), closed: contentHash(closed) };
      if (!this.signaturesRepo.sign(id, actor.id, hashes, new Date().toISOString())) {
        throw invalid(['signature'], 'You have signed these minutes already.', 'already_signed');
      }
      await this.repos.audit.record(actor.id, 'meeting.sign', `meeting:${id}`, { title: meeting.title });
    });
    return this.signatures(actor, id);
  }

  /** A signature may be withdrawn until the minutes are approved. */
  async withdrawSignature(actor: Actor, id: string): Promise<Signatures> {
    await this.signable(actor, id);
    await inTransaction(this.db, async () => {
      if (!this.signaturesRepo.withdraw(id, actor.id)) {
        throw invalid(['signature'], 'You have not signed these minutes.', 'not_signed');
      }
      await this.repos.audit.record(actor.id, 'meeting.signature.withdraw', `meeting:${id}`, {});
    });
    return this.signatures(actor, id);
  }

  /** A meeting whose minutes the actor may sign now: 403 for a role that never signs, 409 out of its state. */
  private async signable(actor: Actor, id: string): Promise<MeetingRow> {
    const meeting = await this.visible(actor, id);
    if (!can(actor, 'sign', { type: 'meeting', status: 'minutes-draft' })) {
      throw forbidden('Only the chair, the secretary and the council members sign minutes.');
    }
    if (meeting.status !== 'minutes-draft') {
      throw conflict(`The meeting is ${meeting.status}; minutes are signed while they are a draft.`);
    }
    return meeting;
  }

  /** Detached copies of both parts, so that reading never holds a live document open. */
  async readParts(id: string) {
    return {
      open: await this.live.read(docNames.meeting(id), cloneDoc),
      closed: await this.live.read(docNames.meetingClosed(id), cloneDoc),
    };
  }

  private applyAccess(id: string, status: MeetingStatus): void {
    this.live.refreshAccess(docNames.meeting(id), meetingResource({ id, status }, this.repos.reviews));
    this.live.refreshAccess(docNames.meetingClosed(id), { type: 'meetingClosed', status });
  }

  /**
   * Both documents are frozen before this runs, so what is read is what gets approved. Adopted
   * decisions get numbers, the minutes are rendered for the public and for the council, and all of
   * it commits together with the new status, and with the outbox entries that put action points
   * with a group on its board afterwards.
   */
  private async approve(
    actor: Actor,
    meeting: MeetingRow,
    confirm: Confirmation[],
    attendees: string[],
  ): Promise<void> {
    const { open, closed } = await this.readParts(meeting.id);
    const content = readMeetingRecord({ open, closed });
    const check = await this.checkApproval(meeting, content);
    if (check.problems.length > 0) {
      throw conflict('The minutes cannot be approved yet: mend what is listed.', 'approval_blocked', check.problems);
    }
    const unconfirmed = check.confirm.filter((c) => !confirm.includes(c));
    if (unconfirmed.length > 0) {
      throw conflict(
        `Attendance is recorded for ${check.attendance.recorded} of ${check.attendance.expected}; confirm to approve.`,
        'confirmation_required',
        unconfirmed.map((code) => ({ code, ...check.attendance })),
      );
    }
    const names = new Map((await this.repos.people.list()).map((p) => [p.id, p.name]));
    const approvedAt = new Date().toISOString();

    await inTransaction(this.db, async () => {
      // Read in the transaction, so that no vote recorded meanwhile is left out of what is frozen.
      const proceedings = this.proceedingsRepo.forMeeting(meeting.id, names);
      const decided = decisionsToRecord(meeting, content, proceedings);
      const recorded = await this.repos.decisions.recordAll(decided);
      const numberByItem = new Map<string, string>();
      decided.forEach((d, i) => {
        const number = recorded[i]?.number;
        if (number) numberByItem.set(d.itemId, number);
      });
      const version = (await this.repos.minutes.version(meeting.id)) + 1;
      for (const audience of ['public', 'council'] as const) {
        const rendered = renderMinutes({
          meeting,
          content,
          open,
          closed,
          names,
          numbers: numberByItem,
          audience,
          signatures: this.signaturesRepo.list(meeting.id),
          proceedings,
          papers: papersOf(this.db, meeting.id),
        });
        await this.repos.minutes.save({
          meetingId: meeting.id,
          audience,
          version,
          approvedAt,
          approvedBy: actor.id,
          ...rendered,
        });
      }
      await this.repos.followups.replace(meeting.id, followupsOf(content));
      await this.repos.meetings.setStatus(meeting.id, 'approved');
      await this.repos.audit.record(actor.id, 'meeting.approve', `meeting:${meeting.id}`, {
        version,
        decisions: [...numberByItem.values()],
        ...(confirm.length > 0 ? { confirmed: confirm } : {}),
      });
      indexDecisions(this.db, await this.repos.decisions.forMeeting(meeting.id, true));
      // Task ids come from the meeting and the action, so approving again after a reopening, or
      // applying an entry twice, does not add a task twice.
      for (const action of content.actions) {
        if (!action.groupId || !(await this.repos.groups.byId(action.groupId))) continue;
        this.outbox.add('group.task', {
          groupId: action.groupId,
          taskId: `${meeting.id}-${action.id}`,
          title: action.title,
          assigneeId: action.assigneeId,
          due: action.due,
          description: fill(messages[RECORD_LOCALE].records.actionFromMeeting, { meeting: meeting.title }),
        });
      }
      // The attendees are the council: the titles of confidential decisions are theirs to see.
      this.notifier.notify({
        kind: 'minutesApproved',
        recipients: attendees,
        actorId: actor.id,
        dedupeKey: `minutesApproved:${meeting.id}:${version}`,
        values: { meeting: meeting.title },
        lines: decided.flatMap((d) => {
          const number = numberByItem.get(d.itemId);
          return number ? [`${number} ${d.title}`] : [];
        }),
        url: `/meetings/${meeting.id}?tab=minutes`,
      });
      // An action point for a group becomes a task on its board, told as such when it lands there.
      for (const action of content.actions) {
        if (!action.assigneeId || action.groupId) continue;
        this.notifier.notify({
          kind: 'actionAssigned',
          recipients: [action.assigneeId],
          actorId: actor.id,
          dedupeKey: `actionAssigned:${meeting.id}:${action.id}`,
          values: { action: action.title, meeting: meeting.title },
          url: '/actions',
        });
      }
    });
  }
}

/** A detached copy, so that rendering never holds a live document open. */
function cloneDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
