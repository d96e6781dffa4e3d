import { randomUUID } from 'node:crypto';
import {
  type Actor,
  addTask,
  can,
  docNames,
  type Group,
  type NewTask,
  type Task,
  type TaskStatus,
} from '@council/shared';
import { z } from 'zod';
import type { Repos } from '../../app.ts';
import type { LiveDocuments } from '../../collab/LiveDocuments.ts';
import { forbidden, notFound, validationFailed } from '../../http/errors.ts';

export class GroupsService {
  constructor(
    private readonly repos: Repos,
    private readonly live: LiveDocuments,
  ) {}

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
      throw validationFailed(
        new z.ZodError([
          {
            code: 'custom',
            path: ['assigneeId'],
            message: 'The assignee must be a member of the group',
            input: input.assigneeId,
          },
        ]),
      );
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
