import { randomUUID } from 'node:crypto';
import {
  type Actor,
  addTask,
  type CreateCall,
  type CreateGroup,
  can,
  docNames,
  type Group,
  type GroupCall,
  type NewTask,
  type Task,
  type TaskStatus,
  type UpdateGroup,
} from '@council/shared';
import type { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { invalid } from '../../http/validate.ts';
import type { LiveDocuments } from '../liveDocuments.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { Project } from '../projections.ts';
import type { Repos } from '../repos.ts';

/** How a call is named in a notification: what it asks for, or the start of its note. */
const callText = (call: { competencies: string[]; note: string }) =>
  call.competencies.length > 0
    ? call.competencies.join(', ')
    : call.note.length > 80
      ? `${call.note.slice(0, 79)}…`
      : call.note;

export class GroupsService {
  constructor(
    private readonly db: Db,
    private readonly repos: Repos,
    private readonly live: LiveDocuments,
    private readonly project: Project,
    private readonly notifier: Notifier,
  ) {}

  async create(actor: Actor, input: z.output<typeof CreateGroup>): Promise<Group> {
    if (!can(actor, 'create', { type: 'groups' })) throw forbidden('Working groups are set up by the council.');
    for (const [i, leadId] of input.leadIds.entries()) {
      if (!(await this.repos.people.byId(leadId))) throw invalid(['leadIds', i], 'Unknown person', 'unknown_reference');
    }
    if (input.decisionNumber && !(await this.repos.decisions.byNumber(input.decisionNumber, true))) {
      throw invalid(['decisionNumber'], 'Unknown decision', 'unknown_reference');
    }
    const id = `g-${randomUUID().slice(0, 8)}`;
    await inTransaction(this.db, async () => {
      const { leadIds, ...fields } = input;
      await this.repos.groups.create({ id, status: 'forming', ...fields });
      await this.repos.audit.record(actor.id, 'group.create', `group:${id}`, {
        name: input.name,
        decision: input.decisionNumber,
      });
      for (const leadId of leadIds) {
        await this.repos.groups.addMember(id, leadId, 'lead');
        await this.repos.audit.record(actor.id, 'group.member.add', `group:${id}`, { personId: leadId, role: 'lead' });
      }
      this.notifier.notify({
        kind: 'accessChanged',
        recipients: leadIds,
        actorId: actor.id,
        dedupeKey: `accessChanged:group:${id}`,
        values: { group: input.name },
        url: `/groups/${id}`,
      });
    });
    this.notifier.afterCommit();
    await this.reproject(id);
    for (const leadId of input.leadIds) await this.live.refreshPerson(leadId);
    return (await this.repos.groups.byId(id)) as Group;
  }

  async update(actor: Actor, id: string, patch: z.output<typeof UpdateGroup>): Promise<Group> {
    const group = await this.managed(actor, id);
    // Checked against what the group has, for the dates the patch does not name.
    const merged = { startDate: group.startDate, reportDate: group.reportDate, endDate: group.endDate, ...patch };
    if (merged.startDate && merged.endDate && merged.endDate < merged.startDate)
      throw invalid(['endDate'], 'The end date is before the start date', 'ends_before_start');
    const { startDate, reportDate, endDate } = merged;
    if (reportDate && ((startDate && reportDate < startDate) || (endDate && reportDate > endDate)))
      throw invalid(['reportDate'], 'The report date is outside the group’s period', 'report_outside_period');
    await inTransaction(this.db, async () => {
      await this.repos.groups.update(id, patch);
      await this.repos.audit.record(actor.id, 'group.update', `group:${id}`, patch);
    });
    await this.reproject(id);
    return (await this.repos.groups.byId(id)) as Group;
  }

  /**
   * Opens or closes a group to the network. The new access reaches open connections of the board
   * before the change commits, as a meeting's status does, so that nobody who loses the right to
   * read keeps receiving the board; a failed commit puts the old access back.
   */
  async setVisibility(actor: Actor, id: string, visibility: 'open' | 'closed'): Promise<Group> {
    const group = await this.managed(actor, id);
    if (group.visibility === visibility) return group;
    const name = docNames.group(id);
    this.live.refreshAccess(name, { type: 'group', id, visibility });
    try {
      await inTransaction(this.db, async () => {
        await this.repos.groups.update(id, { visibility });
        await this.repos.audit.record(actor.id, 'group.visibility', `group:${id}`, {
          from: group.visibility,
          to: visibility,
        });
      });
    } catch (error) {
      this.live.refreshAccess(name, { type: 'group', id, visibility: group.visibility });
      throw error;
    }
    await this.reproject(id);
    return (await this.repos.groups.byId(id)) as Group;
  }

  async createCall(actor: Actor, groupId: string, input: z.output<typeof CreateCall>): Promise<GroupCall> {
    const group = await this.managed(actor, groupId);
    const id = `c-${randomUUID().slice(0, 8)}`;
    // Whoever has one of the asked competencies and could join: not a member, and able to see the group.
    const asked = new Set(input.competencies.map((c) => c.toLowerCase()));
    const members = new Set(group.members.map((m) => m.personId));
    const matching = (await this.repos.people.list())
      .filter((p) => !members.has(p.id) && p.competencies.some((c) => asked.has(c.toLowerCase())))
      .filter((p) =>
        can({ id: p.id, role: p.role, groups: {} }, 'read', {
          type: 'group',
          id: groupId,
          visibility: group.visibility,
        }),
      )
      .map((p) => p.id);
    await inTransaction(this.db, async () => {
      await this.repos.calls.create({ id, groupId, ...input, createdBy: actor.id });
      await this.repos.audit.record(actor.id, 'group.call.open', `group:${groupId}`, {
        callId: id,
        competencies: input.competencies,
      });
      this.notifier.notify({
        kind: 'callMatching',
        recipients: matching,
        actorId: actor.id,
        dedupeKey: `callMatching:${id}`,
        values: { group: group.name, call: callText(input) },
        url: `/groups/${groupId}`,
      });
    });
    this.notifier.afterCommit();
    return (await this.calls(actor, { groupId })).find((c) => c.id === id) as GroupCall;
  }

  /** Calls of the groups the actor may see; volunteers are listed for those who manage the group. */
  async calls(actor: Actor, filter: { groupId?: string; status?: 'open' | 'closed' }): Promise<GroupCall[]> {
    const groups = (await this.visibleGroups(actor)).filter((g) => !filter.groupId || g.id === filter.groupId);
    const calls = await this.repos.calls.list({ groupIds: groups.map((g) => g.id), status: filter.status });
    const managed = new Set(
      groups
        .filter((g) => can(actor, 'manage', { type: 'group', id: g.id, visibility: g.visibility }))
        .map((g) => g.id),
    );
    return Promise.all(
      calls.map(async (call) => ({
        ...call,
        mine: await this.repos.calls.volunteerStatus(call.id, actor.id),
        volunteers: managed.has(call.groupId) ? await this.repos.calls.volunteers(call.id) : [],
      })),
    );
  }

  async volunteer(actor: Actor, callId: string, note: string): Promise<void> {
    const call = await this.visibleCall(actor, callId);
    if (call.status !== 'open') throw conflict('This call for participation is closed.');
    const group = (await this.repos.groups.byId(call.groupId)) as Group;
    if (group.members.some((m) => m.personId === actor.id)) throw conflict('You are already a member of this group.');
    const me = await this.repos.people.byId(actor.id);
    await inTransaction(this.db, async () => {
      if (!(await this.repos.calls.volunteer(callId, actor.id, note)))
        throw conflict('You have already volunteered for this call.');
      await this.repos.audit.record(actor.id, 'group.volunteer', `group:${call.groupId}`, { callId });
      this.notifier.notify({
        kind: 'volunteerWaiting',
        recipients: group.members.filter((m) => m.role === 'lead').map((m) => m.personId),
        actorId: actor.id,
        dedupeKey: `volunteerWaiting:${callId}:${actor.id}`,
        values: { person: me?.name ?? '', call: callText(call), group: group.name },
        url: `/groups/${call.groupId}`,
      });
    });
    this.notifier.afterCommit();
  }

  /** The lead (or the council) accepts or declines a volunteer; acceptance makes them a member. */
  async decide(actor: Actor, callId: string, personId: string, decision: 'accepted' | 'declined'): Promise<void> {
    const call = await this.visibleCall(actor, callId);
    const group = await this.managed(actor, call.groupId);
    if (call.status !== 'open') throw conflict('This call for participation is closed.');
    const status = await this.repos.calls.volunteerStatus(callId, personId);
    if (!status) throw notFound('Volunteer');
    if (status !== 'pending') throw conflict(`The volunteer is already ${status}.`);
    await inTransaction(this.db, async () => {
      await this.repos.calls.decide(callId, personId, decision, actor.id);
      if (decision === 'accepted') await this.repos.groups.addMember(call.groupId, personId, 'member');
      await this.repos.audit.record(
        actor.id,
        decision === 'accepted' ? 'group.member.add' : 'group.volunteer.decline',
        `group:${call.groupId}`,
        {
          personId,
          callId,
        },
      );
      this.notifier.notify({
        kind: 'volunteerDecided',
        recipients: [personId],
        actorId: actor.id,
        dedupeKey: `volunteerDecided:${callId}:${personId}`,
        values: { group: group.name, decision },
        url: `/groups/${call.groupId}`,
      });
    });
    this.notifier.afterCommit();
    if (decision === 'accepted') {
      await this.reproject(call.groupId);
      await this.live.refreshPerson(personId);
    }
  }

  async closeCall(actor: Actor, callId: string): Promise<void> {
    const call = await this.visibleCall(actor, callId);
    await this.managed(actor, call.groupId);
    await inTransaction(this.db, async () => {
      await this.repos.calls.close(callId);
      await this.repos.audit.record(actor.id, 'group.call.close', `group:${call.groupId}`, { callId });
    });
  }

  private async visibleCall(actor: Actor, callId: string) {
    const call = await this.repos.calls.byId(callId);
    if (!call) throw notFound('Call for participation');
    await this.visible(actor, call.groupId);
    return call;
  }

  /** A group the actor may manage: 404 if unseen, 403 if seen but not theirs to manage. */
  private async managed(actor: Actor, id: string): Promise<Group> {
    const group = await this.visible(actor, id);
    if (!can(actor, 'manage', { type: 'group', id, visibility: group.visibility }))
      throw forbidden('Only the council and the group’s lead manage it.');
    return group;
  }

  /** Read models and search follow membership and fields (e.g. whether an assignee is a member). */
  private async reproject(groupId: string): Promise<void> {
    const name = docNames.group(groupId);
    await this.live.read(name, (doc) => this.project(name, doc));
  }

  /** A group the actor may see, or 404: a closed group does not exist for outsiders. */
  async visible(actor: Actor, id: string): Promise<Group> {
    const group = await this.repos.groups.byId(id);
    if (!group || !can(actor, 'read', { type: 'group', id, visibility: group.visibility })) throw notFound('Group');
    return group;
  }

  async visibleGroups(actor: Actor): Promise<Group[]> {
    return (await this.repos.groups.list()).filter((g) =>
      can(actor, 'read', { type: 'group', id: g.id, visibility: g.visibility }),
    );
  }

  /** Adds a task through the live board, so that everyone looking at it sees the card appear. */
  async addTask(actor: Actor, groupId: string, input: z.output<typeof NewTask>): Promise<{ id: string }> {
    const group = await this.visible(actor, groupId);
    if (!can(actor, 'edit', { type: 'group', id: group.id, visibility: group.visibility }))
      throw forbidden("Only the group's lead and members edit its board.");
    if (input.assigneeId && !group.members.some((m) => m.personId === input.assigneeId)) {
      throw invalid(['assigneeId'], 'The assignee must be a member of the group', 'not_a_member');
    }
    const id = randomUUID().slice(0, 8);
    await this.live.change(docNames.group(group.id), (doc) => addTask(doc, id, input));
    return { id };
  }

  async tasks(actor: Actor, filter: { assignee?: string; status?: TaskStatus; group?: string }): Promise<Task[]> {
    const groups = (await this.visibleGroups(actor))
      .map((g) => g.id)
      .filter((id) => !filter.group || id === filter.group);
    const assigneeId = filter.assignee === 'me' ? actor.id : filter.assignee;
    return this.repos.tasks.list({ groupIds: groups, assigneeId, status: filter.status });
  }
}
