import type { Task, TaskStatus } from '@council/shared';
import type { Db } from '../../db/connection.ts';

interface RawTask extends Omit<Task, 'needsAttention'> {
  needsAttention: number;
}

/** The tasks read model, projected from group documents (never written here). */
export class TasksRepo {
  constructor(private readonly db: Db) {}

  /**
   * Tasks in the given groups, filtered; overdue and undated last-first ordering is the caller's.
   * `groupIds` is the set the reader may see, so that nothing of a closed group leaks.
   */
  async list(filter: { groupIds: string[]; assigneeId?: string; status?: TaskStatus }): Promise<Task[]> {
    if (filter.groupIds.length === 0) return [];
    const where = [`t.group_id IN (${filter.groupIds.map(() => '?').join(', ')})`];
    const params: string[] = [...filter.groupIds];
    if (filter.assigneeId) where.push('t.assignee_id = ?') && params.push(filter.assigneeId);
    if (filter.status) where.push('t.status = ?') && params.push(filter.status);
    return this.db
      .prepare<string[], RawTask>(
        `SELECT t.id, t.group_id AS groupId, g.name AS groupName, t.title, t.status, t.assignee_id AS assigneeId,
                t.due, t.sort_order AS "order", t.needs_attention AS needsAttention
         FROM tasks t JOIN groups g ON g.id = t.group_id
         WHERE ${where.join(' AND ')}
         ORDER BY t.due IS NULL, t.due, g.name, t.sort_order`,
      )
      .all(...params)
      .map((t) => ({ ...t, needsAttention: t.needsAttention === 1 }));
  }
}
