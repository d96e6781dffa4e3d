import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migrateDocument } from './index.ts';
import {
  type AgendaItemInput,
  addActionPoint,
  addAgendaItem,
  decisionText,
  MEETING_FIELDS,
  moveAgendaItem,
  readActionEntries,
  readActions,
  readAgenda,
  readAgendaEntries,
  readAttendance,
  readDecision,
  removeActionPoint,
  removeAgendaItem,
  removedAgendaItems,
  restoreActionPoint,
  restoreAgendaItem,
  setDecision,
  updateAgendaItem,
} from './meeting.ts';
import { replaceText } from './text.ts';
import { schemaVersionOf } from './version.ts';

const item = (id: string, title = id): AgendaItemInput => ({
  id,
  title,
  kind: 'decision',
  durationMinutes: 15,
  confidential: false,
});
const ids = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>(MEETING_FIELDS.agenda).map((m) => m.get('id'));
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
};

function docsWith(...items: AgendaItemInput[]) {
  const docs = { open: new Y.Doc(), closed: new Y.Doc() };
  for (const i of items) addAgendaItem(docs, i);
  return docs;
}

/**
 * Any JSON value, or a Yjs text or list, that a hostile client could put where an entry belongs.
 * Generated as plain descriptions and made into fresh Yjs values per use (a Yjs value lives in one place).
 */
const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.string().map((text) => ({ $text: text })),
  fc.array(fc.jsonValue()).map((list) => ({ $list: list })),
);
const anyRecord = fc.dictionary(
  fc.constantFrom('id', 'title', 'kind', 'durationMinutes', 'confidential', 'presenterId', 'removedAt', 'x'),
  anyValue,
);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function toYjs(value: unknown, nested = false): unknown {
  if (!isObject(value)) return value;
  if ('$text' in value) return new Y.Text(String(value.$text));
  if ('$list' in value) return Y.Array.from(value.$list as string[]);
  if (nested) return value;
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(value)) map.set(k, toYjs(v, true));
  return map;
}

describe('meeting documents', () => {
  it('writes items whose title is collaborative text, and reads them back', () => {
    const docs = docsWith(item('a', 'Godkendelse af dagsorden'));
    const stored = docs.open.getArray<Y.Map<unknown>>(MEETING_FIELDS.agenda).get(0);
    expect(stored.get('title')).toBeInstanceOf(Y.Text);
    expect(readAgenda(docs.open)).toEqual([{ ...item('a', 'Godkendelse af dagsorden'), issues: [] }]);
  });

  it('keeps both edits when two people type in the decision wording at once, at the start and the end', () => {
    const alice = docsWith(item('a'));
    const bob = new Y.Doc();
    setDecision(alice.open, 'a', { text: 'Rådet godkender indikatorerne.' });
    sync(alice.open, bob);
    const aliceText = decisionText(alice.open, 'a', 'text') as Y.Text;
    const bobText = decisionText(bob, 'a', 'text') as Y.Text;
    // Keystroke by keystroke, as the field sends them: the whole value, and the caret.
    const original = aliceText.toString();
    for (let i = 1; i <= 'KIT: '.length; i++) replaceText(aliceText, 'KIT: '.slice(0, i) + original, i);
    for (const ch of ' Sekretariatet følger op.') replaceText(bobText, bobText.toString() + ch);
    sync(alice.open, bob);
    const wanted = 'KIT: Rådet godkender indikatorerne. Sekretariatet følger op.';
    expect(readDecision(alice.open, 'a')?.text).toBe(wanted);
    expect(readDecision(bob, 'a')?.text).toBe(wanted);
  });

  it('moves items up and down, keeping their fields', () => {
    const docs = docsWith(item('a'), item('b'), item('c'));
    moveAgendaItem(docs, 'c', 0);
    expect(ids(docs.open)).toEqual(['c', 'a', 'b']);
    moveAgendaItem(docs, 'c', 99);
    expect(ids(docs.open)).toEqual(['a', 'b', 'c']);
    expect(readAgenda(docs.open)[2]).toEqual({ ...item('c'), issues: [] });
  });

  it('converges on one copy of an item two people move at once', () => {
    const alice = docsWith(item('a'), item('b'), item('c'));
    const bob = { open: new Y.Doc(), closed: new Y.Doc() };
    Y.applyUpdate(bob.open, Y.encodeStateAsUpdate(alice.open));
    moveAgendaItem(alice, 'a', 2);
    moveAgendaItem(bob, 'a', 1);
    sync(alice.open, bob.open);
    expect(ids(alice.open).filter((id) => id === 'a')).toHaveLength(2);
    const seen = readAgenda(alice.open).map((i) => i.id);
    expect(new Set(seen)).toEqual(new Set(['a', 'b', 'c']));
    expect(readAgenda(bob.open).map((i) => i.id)).toEqual(seen);
    updateAgendaItem(bob, 'b', { durationMinutes: 5 });
    Y.applyUpdate(alice.open, Y.encodeStateAsUpdate(bob.open));
    expect(ids(alice.open)).toEqual(seen);
  });

  it('marks a removed item instead of deleting it: notes, decision and a colleague’s later typing survive, and it restores', () => {
    const secretary = docsWith(item('a'), item('b'));
    const henrik = new Y.Doc();
    setDecision(secretary.open, 'a', { title: 'Mandat' });
    sync(secretary.open, henrik);
    removeAgendaItem(secretary, 'a', 'secretary', '2026-11-30T10:00:00.000Z');
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Henriks noter')]);
    henrik.getXmlFragment(MEETING_FIELDS.notes('a')).push([p]);
    sync(secretary.open, henrik);

    expect(readAgenda(henrik).map((i) => i.id)).toEqual(['b']);
    expect(removedAgendaItems(henrik)).toMatchObject([{ id: 'a', removedBy: 'secretary' }]);
    expect(secretary.open.getXmlFragment(MEETING_FIELDS.notes('a')).toString()).toContain('Henriks noter');
    restoreAgendaItem(secretary, 'a');
    expect(readAgenda(secretary.open).map((i) => i.id)).toEqual(['a', 'b']);
    expect(readDecision(secretary.open, 'a')?.title).toBe('Mandat');
  });

  it('moves notes and decision into the closed document when an item becomes confidential, and back', () => {
    const docs = docsWith(item('a'));
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Forhandlingsstrategi')]);
    docs.open.getXmlFragment(MEETING_FIELDS.notes('a')).insert(0, [p]);
    setDecision(docs.open, 'a', { title: 'Mandat', status: 'adopted', tags: ['udbud'] });
    updateAgendaItem(docs, 'a', { confidential: true });
    expect(docs.open.getXmlFragment(MEETING_FIELDS.notes('a')).toString()).not.toContain('Forhandlingsstrategi');
    expect(readDecision(docs.open, 'a')).toBeNull();
    expect(readDecision(docs.closed, 'a')).toMatchObject({ title: 'Mandat', tags: ['udbud'], issues: [] });
    updateAgendaItem(docs, 'a', { confidential: false });
    expect(docs.open.getXmlFragment(MEETING_FIELDS.notes('a')).toString()).toContain('Forhandlingsstrategi');
    expect(readDecision(docs.open, 'a')?.title).toBe('Mandat');
  });

  it('refuses to change confidentiality without the closed document', () => {
    const docs = docsWith(item('a'));
    expect(() => updateAgendaItem({ open: docs.open }, 'a', { confidential: true })).toThrow();
  });

  it('flags a decision that fails validation with its reasons instead of dropping it', () => {
    const doc = new Y.Doc();
    setDecision(doc, 'a', { title: 'Mærker', status: 'adopted', tags: ['x'.repeat(81), 'ok'] });
    const read = readDecision(doc, 'a');
    expect(read?.tags).toEqual(['x'.repeat(80), 'ok']);
    expect(read?.issues).toEqual([expect.stringContaining('tags.0')]);
  });

  it('removes and restores action points', () => {
    const doc = new Y.Doc();
    addActionPoint(doc, { id: 'x', title: 'Følg op', due: '2027-01-01' });
    removeActionPoint(doc, 'x', 'chair');
    expect(readActions(doc)).toEqual([]);
    restoreActionPoint(doc, 'x');
    expect(readActions(doc)).toEqual([{ id: 'x', title: 'Følg op', due: '2027-01-01', issues: [] }]);
  });

  it('never throws on malformed agenda items, decisions, attendance or action points, and flags what it keeps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(anyRecord, anyValue)),
        anyRecord,
        fc.dictionary(fc.string(), anyValue),
        (entries, decision, attendance) => {
          const doc = new Y.Doc();
          doc.transact(() => {
            for (const entry of entries) {
              doc.getArray(MEETING_FIELDS.agenda).push([toYjs(entry)]);
              doc.getArray(MEETING_FIELDS.actions).push([toYjs(entry)]);
            }
            const map = doc.getMap(MEETING_FIELDS.decision('a'));
            for (const [k, v] of Object.entries(decision)) map.set(k, toYjs(v, true));
            for (const [k, v] of Object.entries(attendance))
              doc.getMap(MEETING_FIELDS.attendance).set(k, toYjs(v, true));
          });
          const agenda = readAgendaEntries(doc);
          for (const i of agenda) expect(typeof i.title).toBe('string');
          expect(readDecision(doc, 'a') === null || typeof readDecision(doc, 'a')?.text === 'string').toBe(true);
          readAttendance(doc);
          for (const a of readActionEntries(doc)) expect(typeof a.title).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('meeting migrations', () => {
  it('turns schema 1 strings into collaborative text and lists, once, keeping every word', () => {
    const doc = new Y.Doc();
    const v1 = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ ...item('a', 'Rammearkitektur'), presenterId: 'm5' })) v1.set(k, v);
    doc.getArray(MEETING_FIELDS.agenda).push([v1]);
    const decision = doc.getMap(MEETING_FIELDS.decision('a'));
    decision.set('title', 'Principper');
    decision.set('text', 'Rådet vedtager seks principper.');
    decision.set('status', 'adopted');
    decision.set('tags', ['arkitektur']);
    decision.set('supersedes', ['2011-001']);
    const action = new Y.Map<unknown>();
    action.set('id', 'x');
    action.set('title', 'Udsend notat');
    doc.getArray(MEETING_FIELDS.actions).push([action]);
    const before = { agenda: readAgenda(doc), decision: readDecision(doc, 'a'), actions: readActions(doc) };

    expect(schemaVersionOf(doc)).toBe(1);
    expect(migrateDocument('meeting:m1', doc)).toEqual([2]);
    expect(migrateDocument('meeting:m1', doc)).toEqual([]);
    expect(schemaVersionOf(doc)).toBe(2);
    expect(decision.get('text')).toBeInstanceOf(Y.Text);
    expect(decision.get('tags')).toBeInstanceOf(Y.Array);
    expect(v1.get('title')).toBeInstanceOf(Y.Text);
    expect({ agenda: readAgenda(doc), decision: readDecision(doc, 'a'), actions: readActions(doc) }).toEqual(before);
  });

  it('leaves an empty document alone', () => {
    const doc = new Y.Doc();
    expect(migrateDocument('meeting:m1', doc)).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc).length).toBeLessThan(3);
  });
});
