import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fields } from './documents.ts';
import { addTask, moveTask, removeTask, updateTask } from './groupDoc.ts';

function column(doc: Y.Doc, status: string): string[] {
  return (
    [...doc.getMap<Y.Map<unknown>>(fields.tasks).entries()]
      .filter(([, t]) => t.get('status') === status)
      // Fractional keys compare by code unit ('Zz' < 'a0'), never by locale.
      .sort(([a, x], [b, y]) =>
        String(x.get('order')) < String(y.get('order'))
          ? -1
          : String(x.get('order')) > String(y.get('order'))
            ? 1
            : a < b
              ? -1
              : 1,
      )
      .map(([id]) => id)
  );
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('task board edits', () => {
  it('appends new tasks to their column and moves them between neighbours', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) addTask(doc, id, { title: id, status: 'todo' });
    expect(column(doc, 'todo')).toEqual(['a', 'b', 'c']);
    moveTask(doc, 'c', 'todo', 0);
    expect(column(doc, 'todo')).toEqual(['c', 'a', 'b']);
    moveTask(doc, 'a', 'doing');
    expect(column(doc, 'todo')).toEqual(['c', 'b']);
    expect(column(doc, 'doing')).toEqual(['a']);
    moveTask(doc, 'b', 'doing', 0);
    expect(column(doc, 'doing')).toEqual(['b', 'a']);
  });

  it('converges when two people move different tasks at the same time', () => {
    const lead = new Y.Doc();
    for (const id of ['a', 'b', 'c', 'd']) addTask(lead, id, { title: id, status: 'todo' });
    const member = new Y.Doc();
    sync(lead, member);
    moveTask(lead, 'd', 'todo', 0);
    moveTask(member, 'a', 'done');
    moveTask(member, 'c', 'todo', 0);
    sync(lead, member);
    expect(column(lead, 'todo')).toEqual(column(member, 'todo'));
    expect(column(lead, 'done')).toEqual(['a']);
    expect(new Set(column(lead, 'todo'))).toEqual(new Set(['b', 'c', 'd']));
  });

  it('converges when both move the same task', () => {
    const a = new Y.Doc();
    addTask(a, 't', { title: 't', status: 'todo' });
    const b = new Y.Doc();
    sync(a, b);
    moveTask(a, 't', 'doing');
    moveTask(b, 't', 'blocked');
    sync(a, b);
    const statusA = a.getMap<Y.Map<unknown>>(fields.tasks).get('t')?.get('status');
    expect(statusA).toBe(b.getMap<Y.Map<unknown>>(fields.tasks).get('t')?.get('status'));
    expect(['doing', 'blocked']).toContain(statusA);
  });

  it('updates fields, dropping empty ones, and removes tasks', () => {
    const doc = new Y.Doc();
    addTask(doc, 't', { title: 'Kortlæg', status: 'todo', due: '2027-01-01' });
    updateTask(doc, 't', { title: 'Kortlæg integrationer', due: '' });
    expect(doc.getMap<Y.Map<unknown>>(fields.tasks).get('t')?.toJSON()).toMatchObject({
      title: 'Kortlæg integrationer',
    });
    expect(doc.getMap<Y.Map<unknown>>(fields.tasks).get('t')?.has('due')).toBe(false);
    removeTask(doc, 't');
    expect(doc.getMap(fields.tasks).size).toBe(0);
  });
});
