import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { z } from 'zod';
import { TEXT_LIMITS } from '../limits.ts';
import { Id, IsoDate } from '../primitives.ts';
import { type Checked, checkEntry } from './entries.ts';
import { clearRemoved, markRemoved, Removal } from './removal.ts';
import { newText, replaceText } from './text.ts';
import { META_FIELD, type Migration, migrate } from './version.ts';

/**
 * `group:<id>`, a working group's document: its mandate and its task board. Order within a column
 * is a fractional index: a move writes one key between its new neighbours, so two people moving
 * different tasks at once never collide, and concurrent moves of the same task resolve to one.
 */
export const GROUP_FIELDS = {
  meta: META_FIELD,
  /** Y.XmlFragment (Tiptap). */
  mandate: 'mandate',
  /** Y.Map taskId → Y.Map (Task; `title` and `description` Y.Text). */
  tasks: 'tasks',
} as const;

export const TASK_STATUSES = ['todo', 'doing', 'blocked', 'done'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const BoardTaskFields = z.object({
  title: z.string().trim().min(1).max(TEXT_LIMITS.taskTitle),
  status: TaskStatus,
  assigneeId: Id.optional(),
  due: IsoDate.optional(),
  order: z.string(),
  description: z.string().max(TEXT_LIMITS.taskDescription).optional(),
  ...Removal,
});
export type BoardTask = z.infer<typeof BoardTaskFields> & { id: string };
/** What a writer gives for a new task; its order is chosen by `addTask`. */
export interface NewTaskFields {
  title: string;
  status: TaskStatus;
  assigneeId?: string;
  due?: string;
  description?: string;
}

const tasksOf = (doc: Y.Doc) => doc.getMap<unknown>(GROUP_FIELDS.tasks);
const byOrder = (a: { order: string; id: string }, b: { order: string; id: string }) =>
  a.order < b.order ? -1 : a.order > b.order ? 1 : a.id.localeCompare(b.id);

/** Every task, removed ones included, in board order; a task that fails its validator comes flagged. */
export function readTaskEntries(doc: Y.Doc): Checked<BoardTask>[] {
  const tasks: Checked<BoardTask>[] = [];
  for (const [id, entry] of tasksOf(doc)) {
    const checked = checkEntry(BoardTaskFields, entry, { title: '', status: 'todo', order: '' });
    tasks.push({ ...checked, id });
  }
  return tasks.sort(byOrder);
}

export const readTasks = (doc: Y.Doc) => readTaskEntries(doc).filter((t) => !t.removedAt);
export const removedTasks = (doc: Y.Doc) => readTaskEntries(doc).filter((t) => t.removedAt);

/**
 * The one rule for a task that needs its group's attention, used by the read model and the board:
 * something in it is invalid, or it is assigned to someone who is not a member.
 */
export function needsAttention(task: Checked<BoardTask>, memberIds: ReadonlySet<string>): boolean {
  return task.issues.length > 0 || (task.assigneeId !== undefined && !memberIds.has(task.assigneeId));
}

/** The order keys of a column, sorted, excluding one task (the one being moved). */
function columnKeys(doc: Y.Doc, status: string, except?: string): string[] {
  const keys: string[] = [];
  for (const [id, task] of tasksOf(doc)) {
    if (id === except || !(task instanceof Y.Map) || task.get('status') !== status || task.get('removedAt')) continue;
    const order = task.get('order');
    if (typeof order === 'string' && order) keys.push(order);
  }
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A key that sorts between two neighbours; tolerates equal or invalid neighbours from old or bad data. */
function keyBetween(before: string | null, after: string | null): string {
  for (const [a, b] of [
    [before, after],
    [before, null],
    [null, after],
  ] as const) {
    try {
      return generateKeyBetween(a, b);
    } catch {
      // an invalid neighbour: try without it
    }
  }
  return generateKeyBetween(null, null);
}

const taskMap = (doc: Y.Doc, id: string) => {
  const task = tasksOf(doc).get(id);
  return task instanceof Y.Map ? (task as Y.Map<unknown>) : undefined;
};

/** Adds a task at the end of its column; a task with this id already there is left as it is. */
export function addTask(doc: Y.Doc, id: string, task: NewTaskFields): void {
  if (tasksOf(doc).has(id)) return;
  const keys = columnKeys(doc, task.status);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('title', newText(task.title));
    map.set('description', newText(task.description ?? ''));
    map.set('status', task.status);
    if (task.assigneeId) map.set('assigneeId', task.assigneeId);
    if (task.due) map.set('due', task.due);
    map.set('order', keyBetween(keys.at(-1) ?? null, null));
    tasksOf(doc).set(id, map);
  });
}

/** Changes fields of a task; an empty assignee or due date clears it. */
export function updateTask(doc: Y.Doc, id: string, patch: Partial<Omit<NewTaskFields, 'status'>>): void {
  const task = taskMap(doc, id);
  if (!task) return;
  doc.transact(() => {
    for (const [k, v] of Object.entries(patch)) {
      const current = task.get(k);
      if (current instanceof Y.Text) replaceText(current, String(v ?? ''));
      else if (k === 'title' || k === 'description') task.set(k, newText(String(v ?? '')));
      else if (v === undefined || v === '') task.delete(k);
      else task.set(k, v);
    }
  });
}

/** The live text of a task's title or description, for an editor to bind. */
export function taskText(doc: Y.Doc, id: string, field: 'title' | 'description'): Y.Text | null {
  const value = taskMap(doc, id)?.get(field);
  return value instanceof Y.Text ? value : null;
}

/** Moves a task to `status`, at `index` among that column's other tasks (end when omitted). */
export function moveTask(doc: Y.Doc, id: string, status: TaskStatus, index?: number): void {
  const task = taskMap(doc, id);
  if (!task) return;
  const keys = columnKeys(doc, status, id);
  const at = Math.max(0, Math.min(index ?? keys.length, keys.length));
  doc.transact(() => {
    task.set('status', status);
    task.set('order', keyBetween(keys[at - 1] ?? null, keys[at] ?? null));
  });
}

/**
 * Marks a task removed, so it can be restored. An entry that is not even a task (malformed data)
 * holds nothing to restore and is deleted, so that a lead can always clear the board.
 */
export function removeTask(doc: Y.Doc, id: string, by: string, at = new Date().toISOString()): void {
  const task = taskMap(doc, id);
  if (!task) {
    tasksOf(doc).delete(id);
    return;
  }
  doc.transact(() => markRemoved(task, by, at));
}

export function restoreTask(doc: Y.Doc, id: string): void {
  const task = taskMap(doc, id);
  if (!task) return;
  doc.transact(() => clearRemoved(task));
}

export const GROUP_MIGRATIONS: readonly Migration[] = [
  {
    to: 2,
    up(doc) {
      for (const [, task] of tasksOf(doc)) {
        if (!(task instanceof Y.Map)) continue;
        for (const key of ['title', 'description']) {
          const value = task.get(key);
          if (value === undefined || typeof value === 'string') task.set(key, newText(value ?? ''));
        }
      }
    },
  },
];

export const migrateGroup = (doc: Y.Doc) => migrate(doc, GROUP_MIGRATIONS);
