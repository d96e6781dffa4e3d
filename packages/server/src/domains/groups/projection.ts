import { type BoardTask, docNames, fragmentText, GROUP_FIELDS, needsAttention, readTasks } from '@council/shared';
import type * as Y from 'yjs';
import type { Db } from '../../db/connection.ts';
import { projectionNotifier } from '../notifications/notifier.ts';
import type { Editors, FlaggedEntry } from '../projections.ts';
import { type IndexRow, replaceSource } from '../search/indexer.ts';

/**
 * `group:<id>` → the `tasks` read model and the group's search rows. A task that fails its
 * validator is projected flagged (`needs_attention`), with its values cut to their limits; the
 * rest of the board projects as usual.
 */
export function projectGroup(db: Db, groupId: string, doc: Y.Doc, editors?: Editors): FlaggedEntry[] {
  const group = db
    .prepare<[string], { name: string; purpose: string; visibility: string }>(
      'SELECT name, purpose, visibility FROM groups WHERE id = ?',
    )
    .get(groupId);
  const members = new Set(
    db
      .prepare<[string], { person_id: string }>('SELECT person_id FROM group_members WHERE group_id = ?')
      .all(groupId)
      .map((r) => r.person_id),
  );
  const tasks = readTasks(doc);
  const insert = db.prepare(
    `INSERT INTO tasks (id, group_id, title, status, assignee_id, due, sort_order, needs_attention)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    if (editors && group) tellNewAssignees(db, groupId, group.name, tasks, editors);
    db.prepare('DELETE FROM tasks WHERE group_id = ?').run(groupId);
    for (const task of tasks) {
      insert.run(
        task.id,
        groupId,
        task.title,
        task.status,
        task.assigneeId ?? null,
        task.due ?? null,
        task.order,
        Number(needsAttention(task, members)),
      );
    }
  })();
  const flagged = tasks.flatMap((t) => (t.issues.length > 0 ? [{ entry: `task ${t.id}`, issues: t.issues }] : []));
  if (!group) return flagged;
  const visibility = group.visibility === 'open' ? 'all' : `group:${groupId}`;
  const rows: IndexRow[] = [
    {
      type: 'group',
      ref: groupId,
      title: group.name,
      body: `${group.purpose}\n${fragmentText(doc.getXmlFragment(GROUP_FIELDS.mandate))}`,
      url: `/groups/${groupId}`,
      visibility,
    },
    ...tasks.map((task) => ({
      type: 'task' as const,
      ref: `${groupId}:${task.id}`,
      title: task.title,
      body: `${task.description ?? ''}\n${group.name}`,
      url: `/groups/${groupId}?task=${task.id}`,
      visibility,
    })),
  ];
  replaceSource(db, docNames.group(groupId), rows);
  return flagged;
}

/**
 * A task whose assignee is new since the last projection (given to someone, or to someone else) is
 * told to that person, in the projection's transaction, by whoever changed the board (if one person
 * did, they are not told of their own doing). The bell and the sender are woken by the caller.
 */
function tellNewAssignees(db: Db, groupId: string, groupName: string, tasks: BoardTask[], editors: Editors): void {
  const before = new Map(
    db
      .prepare<[string], { id: string; assigneeId: string | null }>(
        'SELECT id, assignee_id AS assigneeId FROM tasks WHERE group_id = ?',
      )
      .all(groupId)
      .map((r) => [r.id, r.assigneeId]),
  );
  const notifier = projectionNotifier(db);
  const actorId = editors.size === 1 ? ([...editors][0] as string) : null;
  for (const task of tasks) {
    if (!task.assigneeId || task.status === 'done' || before.get(task.id) === task.assigneeId) continue;
    notifier.notify({
      kind: 'taskAssigned',
      recipients: [task.assigneeId],
      actorId,
      dedupeKey: `taskAssigned:${groupId}:${task.id}:${task.assigneeId}`,
      values: { task: task.title, group: groupName },
      url: `/groups/${groupId}?task=${encodeURIComponent(task.id)}`,
    });
  }
}
