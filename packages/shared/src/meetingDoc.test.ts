import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fields } from './documents.ts';
import {
  addActionPoint,
  addAgendaItem,
  moveAgendaItem,
  readAgenda,
  removeActionPoint,
  removeAgendaItem,
  setDecision,
  updateAgendaItem,
} from './meetingDoc.ts';
import { AgendaItem } from './schemas.ts';

const item = (id: string, title = id): AgendaItem => ({
  id,
  title,
  kind: 'decision',
  durationMinutes: 15,
  confidential: false,
});
const ids = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>(fields.agenda).map((m) => m.get('id'));

function docsWith(...items: AgendaItem[]) {
  const docs = { open: new Y.Doc(), closed: new Y.Doc() };
  for (const i of items) addAgendaItem(docs, i);
  return docs;
}

describe('meeting document edits', () => {
  it('adds items that match the shared schema', () => {
    const docs = docsWith(item('a'));
    const stored = docs.open.getArray<Y.Map<unknown>>(fields.agenda).get(0).toJSON();
    expect(AgendaItem.parse(stored)).toEqual(item('a'));
  });

  it('moves items up and down, keeping their fields', () => {
    const docs = docsWith(item('a'), item('b'), item('c'));
    moveAgendaItem(docs, 'c', 0);
    expect(ids(docs.open)).toEqual(['c', 'a', 'b']);
    moveAgendaItem(docs, 'c', 99);
    expect(ids(docs.open)).toEqual(['a', 'b', 'c']);
    expect(docs.open.getArray<Y.Map<unknown>>(fields.agenda).get(2).toJSON()).toEqual(item('c'));
  });

  it('converges on one copy of an item two people move at once', () => {
    const alice = docsWith(item('a'), item('b'), item('c'));
    const bob = { open: new Y.Doc(), closed: new Y.Doc() };
    Y.applyUpdate(bob.open, Y.encodeStateAsUpdate(alice.open));
    moveAgendaItem(alice, 'a', 2);
    moveAgendaItem(bob, 'a', 1);
    Y.applyUpdate(bob.open, Y.encodeStateAsUpdate(alice.open));
    Y.applyUpdate(alice.open, Y.encodeStateAsUpdate(bob.open));

    // Each move inserted its own copy; readers see the item once, the same on both sides.
    expect(ids(alice.open).filter((id) => id === 'a')).toHaveLength(2);
    const seen = readAgenda(alice.open).map((i) => i.id);
    expect(seen).toHaveLength(3);
    expect(new Set(seen)).toEqual(new Set(['a', 'b', 'c']));
    expect(readAgenda(bob.open).map((i) => i.id)).toEqual(seen);

    // The next agenda edit, on either side, removes the extra copy for everyone.
    updateAgendaItem(bob, 'b', { title: 'B' });
    Y.applyUpdate(alice.open, Y.encodeStateAsUpdate(bob.open));
    expect(ids(alice.open)).toEqual(seen);
    expect(ids(bob.open)).toEqual(seen);
  });

  it('reads past entries that fail the schema, reporting them', () => {
    const docs = docsWith(item('a'));
    const broken = new Y.Map<unknown>();
    broken.set('id', 'x');
    docs.open.getArray(fields.agenda).push([broken]);
    const issues: unknown[] = [];
    expect(readAgenda(docs.open, (i) => issues.push(i)).map((i) => i.id)).toEqual(['a']);
    expect(issues).toHaveLength(1);
  });

  it('moves notes and decision into the closed document when an item becomes confidential, and back', () => {
    const docs = docsWith(item('a'));
    const notes = docs.open.getXmlFragment(fields.notes('a'));
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Forhandlingsstrategi')]);
    notes.insert(0, [p]);
    setDecision(docs.open, 'a', { title: 'Mandat', status: 'adopted' });

    updateAgendaItem(docs, 'a', { confidential: true });
    expect(docs.open.getXmlFragment(fields.notes('a')).toString()).not.toContain('Forhandlingsstrategi');
    expect(docs.open.getMap(fields.decision('a')).size).toBe(0);
    expect(docs.closed.getXmlFragment(fields.notes('a')).toString()).toContain('Forhandlingsstrategi');
    expect(docs.closed.getMap(fields.decision('a')).get('title')).toBe('Mandat');

    updateAgendaItem(docs, 'a', { confidential: false });
    expect(docs.open.getXmlFragment(fields.notes('a')).toString()).toContain('Forhandlingsstrategi');
    expect(docs.closed.getXmlFragment(fields.notes('a')).length).toBe(0);
  });

  it('refuses to change confidentiality without the closed document', () => {
    const docs = docsWith(item('a'));
    expect(() => updateAgendaItem({ open: docs.open }, 'a', { confidential: true })).toThrow();
  });

  it('removes an item with its notes and decision', () => {
    const docs = docsWith(item('a'), item('b'));
    setDecision(docs.open, 'a', { title: 'X' });
    removeAgendaItem(docs, 'a');
    expect(ids(docs.open)).toEqual(['b']);
    expect(docs.open.getMap(fields.decision('a')).size).toBe(0);
  });

  it('adds and removes action points, dropping empty optional fields', () => {
    const doc = new Y.Doc();
    addActionPoint(doc, { id: 'x', title: 'Følg op', assigneeId: '', due: '2027-01-01' });
    expect(doc.getArray<Y.Map<unknown>>(fields.actions).get(0).toJSON()).toEqual({
      id: 'x',
      title: 'Følg op',
      due: '2027-01-01',
    });
    removeActionPoint(doc, 'x');
    expect(doc.getArray(fields.actions).length).toBe(0);
  });
});
