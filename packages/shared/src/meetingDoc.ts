import * as Y from 'yjs';
import { fields } from './documents.ts';
import { AgendaItem, type DecisionDraft } from './schemas.ts';

/**
 * Typed edits of a meeting's documents (`meeting:<id>` and `meeting:<id>:closed`), shared by the web
 * app, scripts and tests so that every client writes the shapes DESIGN.md promises.
 */
export interface MeetingDocs {
  open: Y.Doc;
  /** Absent for readers who may not open the closed document; they cannot edit confidential items. */
  closed?: Y.Doc;
}

const agendaOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>(fields.agenda);

function indexOfItem(doc: Y.Doc, id: string): number {
  return agendaOf(doc)
    .toArray()
    .findIndex((m) => m instanceof Y.Map && m.get('id') === id);
}

/**
 * The agenda as the schema reads it, in order, each item once; entries that fail the schema are
 * skipped (and reported to `onInvalid`). Y.Array has no move, so a move deletes the item and inserts
 * a copy: two people moving the same item at once leave two copies. The first in the array counts
 * (the order converges, so every client keeps the same one), and the next agenda edit removes the
 * others (`dropDuplicates`).
 */
export function readAgenda(doc: Y.Doc, onInvalid?: (issues: unknown) => void): AgendaItem[] {
  const seen = new Set<string>();
  const items: AgendaItem[] = [];
  for (const entry of agendaOf(doc).toArray()) {
    const parsed = AgendaItem.safeParse(entry instanceof Y.Map ? entry.toJSON() : entry);
    if (!parsed.success) onInvalid?.(parsed.error.issues);
    else if (!seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      items.push(parsed.data);
    }
  }
  return items;
}

/** Deletes every copy of an item after its first (see readAgenda); each agenda edit runs it first. */
function dropDuplicates(doc: Y.Doc): void {
  const agenda = agendaOf(doc);
  const seen = new Set<unknown>();
  const copies: number[] = [];
  agenda.forEach((entry, index) => {
    const id = entry instanceof Y.Map ? entry.get('id') : undefined;
    if (id === undefined) return;
    if (seen.has(id)) copies.push(index);
    seen.add(id);
  });
  for (const index of copies.reverse()) agenda.delete(index, 1);
}

function itemMap(item: AgendaItem): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(item)) if (v !== undefined) map.set(k, v);
  return map;
}

export function addAgendaItem(docs: MeetingDocs, item: AgendaItem, index?: number): void {
  const agenda = agendaOf(docs.open);
  docs.open.transact(() => {
    dropDuplicates(docs.open);
    agenda.insert(Math.min(index ?? agenda.length, agenda.length), [itemMap(item)]);
  });
}

/** Changes fields of an item; making it confidential moves its notes and decision to the closed document. */
export function updateAgendaItem(docs: MeetingDocs, id: string, patch: Partial<Omit<AgendaItem, 'id'>>): void {
  dropDuplicates(docs.open);
  const map = agendaOf(docs.open).get(indexOfItem(docs.open, id));
  if (!(map instanceof Y.Map)) return;
  if (patch.confidential !== undefined && patch.confidential !== map.get('confidential')) {
    if (!docs.closed) throw new Error('Changing confidentiality needs the closed document');
    const [from, to] = patch.confidential ? [docs.open, docs.closed] : [docs.closed, docs.open];
    moveItemContent(id, from, to);
  }
  docs.open.transact(() => {
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) map.delete(k);
      else map.set(k, v);
    }
  });
}

export function removeAgendaItem(docs: MeetingDocs, id: string): void {
  dropDuplicates(docs.open);
  const index = indexOfItem(docs.open, id);
  if (index < 0) return;
  for (const doc of [docs.open, docs.closed]) {
    if (!doc) continue;
    doc.transact(() => {
      const notes = doc.getXmlFragment(fields.notes(id));
      notes.delete(0, notes.length);
      const decision = doc.getMap(fields.decision(id));
      for (const key of [...decision.keys()]) decision.delete(key);
    });
  }
  agendaOf(docs.open).delete(index, 1);
}

/**
 * Moves an item to a new position. Y.Array has no move, so the item is re-inserted with its fields:
 * an edit of the item's fields made at the same moment by someone else is lost, and a concurrent
 * move of the same item leaves a copy (see readAgenda). Notes and decisions are keyed by the item's
 * id, not stored in it, so they are never affected.
 */
export function moveAgendaItem(docs: MeetingDocs, id: string, toIndex: number): void {
  const agenda = agendaOf(docs.open);
  docs.open.transact(() => {
    dropDuplicates(docs.open);
    const from = indexOfItem(docs.open, id);
    const map = agenda.get(from);
    if (from < 0 || !(map instanceof Y.Map)) return;
    const target = Math.max(0, Math.min(toIndex, agenda.length - 1));
    if (target === from) return;
    const copy = itemMap(map.toJSON() as AgendaItem);
    agenda.delete(from, 1);
    agenda.insert(target, [copy]);
  });
}

export function setDecision(doc: Y.Doc, itemId: string, patch: Partial<DecisionDraft>): void {
  const map = doc.getMap<unknown>(fields.decision(itemId));
  doc.transact(() => {
    if (map.size === 0) {
      map.set('title', '');
      map.set('text', '');
      map.set('status', 'proposed');
      map.set('supersedes', []);
      map.set('tags', []);
    }
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) map.set(k, v);
  });
}

export function setAttendance(doc: Y.Doc, personId: string, value: 'present' | 'absent' | 'apologies'): void {
  doc.getMap(fields.attendance).set(personId, value);
}

export interface ActionPointInput {
  id: string;
  title: string;
  assigneeId?: string;
  due?: string;
  itemId?: string;
  groupId?: string;
}

export function addActionPoint(doc: Y.Doc, action: ActionPointInput): void {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(action)) if (v !== undefined && v !== '') map.set(k, v);
  doc.getArray(fields.actions).push([map]);
}

export function removeActionPoint(doc: Y.Doc, id: string): void {
  const actions = doc.getArray<Y.Map<unknown>>(fields.actions);
  const index = actions.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === id);
  if (index >= 0) actions.delete(index, 1);
}

/** Copies notes and decision of an item into another document and clears them where they were. */
function moveItemContent(id: string, from: Y.Doc, to: Y.Doc): void {
  const source = from.getXmlFragment(fields.notes(id));
  const target = to.getXmlFragment(fields.notes(id));
  const sourceDecision = from.getMap<unknown>(fields.decision(id));
  const targetDecision = to.getMap<unknown>(fields.decision(id));
  to.transact(() => {
    target.insert(
      target.length,
      source.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText),
    );
    for (const [k, v] of sourceDecision) targetDecision.set(k, v);
  });
  from.transact(() => {
    source.delete(0, source.length);
    for (const k of [...sourceDecision.keys()]) sourceDecision.delete(k);
  });
}
