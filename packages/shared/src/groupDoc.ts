import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { fields } from './documents.ts';
import type { TaskStatus } from './schemas.ts';

/**
 * Typed edits of a group's task board (`group:<id>`). Order within a column is a fractional index
 * string: a move writes one key between its new neighbours, so two people moving different tasks at
 * once never collide, and concurrent moves of the same task resolve to one of them.
 */
export interface TaskFields {
  title: string;
  status: TaskStatus;
  assigneeId?: string;
  due?: string;
  description?: string;
}

const tasksOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(fields.tasks);

/** The order keys of a column, sorted, excluding one task (the one being moved). */
function columnKeys(doc: Y.Doc, status: string, except?: string): string[] {
  const keys: string[] = [];
  for (const [id, task] of tasksOf(doc)) {
    if (id === except || !(task instanceof Y.Map) || task.get('status') !== status) continue;
    const order = task.get('order');
    if (typeof order === 'string' && order) keys.push(order);
  }
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A key that sorts between two neighbours; tolerates equal or invalid neighbours from old data. */
function keyBetween(before: string | null, after: string | null): string {
  try {
    return generateKeyBetween(before, after);
  } catch {
    return generateKeyBetween(before, null);
  }
}

export function addTask(doc: Y.Doc, id: string, task: TaskFields): void {
  const keys = columnKeys(doc, task.status);
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    for (const [k, v] of Object.entries(task)) if (v !== undefined && v !== '') map.set(k, v);
    map.set('order', keyBetween(keys.at(-1) ?? null, null));
    tasksOf(doc).set(id, map);
  });
}

export function updateTask(doc: Y.Doc, id: string, patch: Partial<Omit<TaskFields, 'status'>>): void {
  const task = tasksOf(doc).get(id);
  if (!(task instanceof Y.Map)) return;
  doc.transact(() => {
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') task.delete(k);
      else task.set(k, v);
    }
  });
}

/** Moves a task to `status`, at `index` among that column's other tasks (end when omitted). */
export function moveTask(doc: Y.Doc, id: string, status: TaskStatus, index?: number): void {
  const task = tasksOf(doc).get(id);
  if (!(task instanceof Y.Map)) return;
  const keys = columnKeys(doc, status, id);
  const at = Math.max(0, Math.min(index ?? keys.length, keys.length));
  doc.transact(() => {
    task.set('status', status);
    task.set('order', keyBetween(keys[at - 1] ?? null, keys[at] ?? null));
  });
}

export function removeTask(doc: Y.Doc, id: string): void {
  tasksOf(doc).delete(id);
}
