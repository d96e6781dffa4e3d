import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addTask,
  GROUP_FIELDS,
  moveTask,
  needsAttention,
  readTaskEntries,
  readTasks,
  removedTasks,
  removeTask,
  restoreTask,
  taskText,
} from './group.ts';
import { replaceText } from './text.ts';

describe('group documents', () => {
  it('keeps a task’s status, assignee, due date and removal mark when its title is emptied, flagging it', () => {
    const doc = new Y.Doc();
    addTask(doc, 't1', { title: 'Beskriv beskedformat', status: 'todo', assigneeId: 'a3', due: '2026-11-15' });
    moveTask(doc, 't1', 'doing');
    replaceText(taskText(doc, 't1', 'title') as Y.Text, '');
    const [task] = readTasks(doc);
    expect(task).toMatchObject({ id: 't1', title: '', status: 'doing', assigneeId: 'a3', due: '2026-11-15' });
    expect(task?.issues).toEqual([expect.stringContaining('title')]);
    expect(needsAttention(task!, new Set(['a3']))).toBe(true);
    removeTask(doc, 't1', 'a1');
    expect(readTasks(doc)).toEqual([]);
    expect(removedTasks(doc)).toMatchObject([{ id: 't1', removedBy: 'a1', status: 'doing' }]);
    restoreTask(doc, 't1');
    expect(readTasks(doc).map((t) => t.id)).toEqual(['t1']);
  });

  it('flags a task whose fields are of the wrong type, and a board entry that is no task at all, without throwing', () => {
    const doc = new Y.Doc();
    const bad = new Y.Map<unknown>();
    bad.set('title', { nested: true });
    bad.set('status', 'later');
    bad.set('order', 7);
    doc.getMap(GROUP_FIELDS.tasks).set('bad', bad);
    doc.getMap(GROUP_FIELDS.tasks).set('junk', 'not a task');
    const entries = readTaskEntries(doc);
    expect(entries.map((t) => [t.id, t.title, t.status])).toEqual([
      ['bad', '', 'todo'],
      ['junk', '', 'todo'],
    ]);
    expect(entries.every((t) => t.issues.length > 0)).toBe(true);
    // A lead can always clear it: the entry that is no map is deleted, the bad map marked.
    removeTask(doc, 'junk', 'a1');
    removeTask(doc, 'bad', 'a1');
    expect(readTasks(doc)).toEqual([]);
  });

  it('orders a new task after neighbours whose order keys are invalid', () => {
    const doc = new Y.Doc();
    const odd = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ title: 'Gammel', status: 'todo', order: 'not a key!' })) odd.set(k, v);
    doc.getMap(GROUP_FIELDS.tasks).set('odd', odd);
    expect(() => addTask(doc, 'new', { title: 'Ny', status: 'todo' })).not.toThrow();
    expect(readTasks(doc).map((t) => t.id)).toContain('new');
  });
});
