import * as Y from 'yjs';
import { z } from 'zod';
import { TEXT_LIMITS } from '../limits.ts';
import { DecisionNumber, Id, IsoDate } from '../primitives.ts';
import { type Checked, checkEntry } from './entries.ts';
import { clearRemoved, markRemoved, Removal } from './removal.ts';
import { listOf, newList, newText, replaceList, replaceText, textOf } from './text.ts';
import { META_FIELD, type Migration, migrate } from './version.ts';

/**
 * `meeting:<id>`, the open part of a meeting: its agenda, attendance and action points, and the
 * notes and decision of every item that is not confidential (those live in `meeting:<id>:closed`,
 * see meetingClosed.ts, with the same shapes). docs/documents.md describes it; this file is the
 * one declaration of it.
 */
export const MEETING_FIELDS = {
  meta: META_FIELD,
  /** Y.Array of Y.Map (AgendaItem; `title` a Y.Text), in agenda order. */
  agenda: 'agenda',
  /** Y.Map personId → Attendance. */
  attendance: 'attendance',
  /** Y.Array of Y.Map (ActionPoint; `title` a Y.Text). */
  actions: 'actions',
  /** Y.XmlFragment: the minutes of one item (Tiptap). */
  notes: (itemId: string) => `notes:${itemId}`,
  /** Y.Map (Decision; `title` and `text` Y.Text, `supersedes` and `tags` Y.Array) of a decision item. */
  decision: (itemId: string) => `decision:${itemId}`,
} as const;

export const AGENDA_KINDS = ['information', 'discussion', 'decision'] as const;

export const AgendaItem = z.object({
  id: Id,
  title: z.string().max(TEXT_LIMITS.agendaTitle),
  kind: z.enum(AGENDA_KINDS),
  presenterId: Id.optional(),
  durationMinutes: z.number().int().min(0).max(600),
  confidential: z.boolean(),
  ...Removal,
});
export type AgendaItem = z.infer<typeof AgendaItem>;
/** An item as it is written: removal is its own step. */
export type AgendaItemInput = Omit<AgendaItem, 'removedAt' | 'removedBy'>;

export const DECISION_STATUSES = ['proposed', 'adopted', 'rejected', 'postponed'] as const;
export const DecisionStatus = z.enum(DECISION_STATUSES);

export const Decision = z.object({
  title: z.string().max(TEXT_LIMITS.decisionTitle),
  text: z.string().max(TEXT_LIMITS.decisionText),
  status: DecisionStatus,
  supersedes: z.array(DecisionNumber).max(TEXT_LIMITS.tags),
  tags: z.array(z.string().trim().min(1).max(TEXT_LIMITS.tag)).max(TEXT_LIMITS.tags),
});
export type Decision = z.infer<typeof Decision>;

export const ATTENDANCE_VALUES = ['present', 'absent', 'apologies'] as const;
export const Attendance = z.enum(ATTENDANCE_VALUES);
export type Attendance = z.infer<typeof Attendance>;

export const ActionPoint = z.object({
  id: Id,
  title: z.string().trim().min(1).max(TEXT_LIMITS.actionTitle),
  assigneeId: Id.optional(),
  due: IsoDate.optional(),
  itemId: Id.optional(),
  groupId: Id.optional(),
  ...Removal,
});
export type ActionPoint = z.infer<typeof ActionPoint>;
export type ActionPointInput = Omit<ActionPoint, 'removedAt' | 'removedBy'>;

export interface MeetingDocs {
  open: Y.Doc;
  /** Absent for readers who may not open the closed document; they cannot edit confidential items. */
  closed?: Y.Doc;
}

/** The document that holds an item's notes and decision. */
export function contentDoc(item: Pick<AgendaItem, 'confidential'>, docs: MeetingDocs): Y.Doc | undefined {
  return item.confidential ? docs.closed : docs.open;
}

// ---- readers -------------------------------------------------------------------------------

const agendaOf = (doc: Y.Doc) => doc.getArray<unknown>(MEETING_FIELDS.agenda);
const actionsOf = (doc: Y.Doc) => doc.getArray<unknown>(MEETING_FIELDS.actions);

function idOf(entry: unknown): string | undefined {
  const id = entry instanceof Y.Map ? entry.get('id') : (entry as { id?: unknown } | null)?.id;
  return Id.safeParse(id).success ? (id as string) : undefined;
}

/** Entries of a list by id, the first copy of each; entries without a usable id are skipped. */
function entriesById<T>(list: Y.Array<unknown>, check: (entry: unknown, id: string) => T): T[] {
  const seen = new Set<string>();
  const result: T[] = [];
  for (const entry of list.toArray()) {
    const id = idOf(entry);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    result.push(check(entry, id));
  }
  return result;
}

/**
 * Every agenda item, removed ones included, in order, each once. Y.Array has no move, so a move
 * deletes the item and inserts a copy: two people moving the same item at once leave two copies.
 * The first in the array counts (the order converges, so every client keeps the same one), and the
 * next agenda edit removes the others. An item whose confidentiality is unreadable is taken as
 * confidential, so that nothing is shown to more people than it may be.
 */
export function readAgendaEntries(doc: Y.Doc): Checked<AgendaItem>[] {
  return entriesById(agendaOf(doc), (entry, id) =>
    checkEntry(AgendaItem, entry, { id, title: '', kind: 'discussion', durationMinutes: 0, confidential: true }),
  );
}

/** The agenda: every item not removed. */
export const readAgenda = (doc: Y.Doc) => readAgendaEntries(doc).filter((item) => !item.removedAt);
/** Items removed from the agenda, which can be restored until approval. */
export const removedAgendaItems = (doc: Y.Doc) => readAgendaEntries(doc).filter((item) => item.removedAt);

const EMPTY_DECISION: Decision = { title: '', text: '', status: 'proposed', supersedes: [], tags: [] };

/** The decision of an item, or null when none has been started. */
export function readDecision(doc: Y.Doc, itemId: string): Checked<Decision> | null {
  const map = doc.getMap<unknown>(MEETING_FIELDS.decision(itemId));
  if (map.size === 0) return null;
  return checkEntry(Decision, map, EMPTY_DECISION);
}

/** Attendance by person; values that are not an attendance are skipped. */
export function readAttendance(doc: Y.Doc): Map<string, Attendance> {
  const result = new Map<string, Attendance>();
  for (const [personId, value] of doc.getMap<unknown>(MEETING_FIELDS.attendance)) {
    const parsed = Attendance.safeParse(value);
    if (parsed.success && Id.safeParse(personId).success) result.set(personId, parsed.data);
  }
  return result;
}

export function readActionEntries(doc: Y.Doc): Checked<ActionPoint>[] {
  return entriesById(actionsOf(doc), (entry, id) => checkEntry(ActionPoint, entry, { id, title: '' }));
}
export const readActions = (doc: Y.Doc) => readActionEntries(doc).filter((a) => !a.removedAt);
export const removedActions = (doc: Y.Doc) => readActionEntries(doc).filter((a) => a.removedAt);

// ---- writers -------------------------------------------------------------------------------

function findMap(list: Y.Array<unknown>, id: string): Y.Map<unknown> | undefined {
  const found = list.toArray().find((entry) => entry instanceof Y.Map && entry.get('id') === id);
  return found instanceof Y.Map ? found : undefined;
}

/** Deletes every copy of an item after its first (see readAgendaEntries); each agenda edit runs it first. */
function dropDuplicates(doc: Y.Doc): void {
  const agenda = agendaOf(doc);
  const seen = new Set<string>();
  const copies: number[] = [];
  agenda.forEach((entry, index) => {
    const id = idOf(entry);
    if (id === undefined) return;
    if (seen.has(id)) copies.push(index);
    seen.add(id);
  });
  for (const index of copies.reverse()) agenda.delete(index, 1);
}

function mapOf(values: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') map.set(k, v);
  return map;
}

/** A copy of a map whose collaborative values are copied too (a Yjs type can live in one place only). */
function cloneMap(map: Y.Map<unknown>): Y.Map<unknown> {
  const copy = new Y.Map<unknown>();
  for (const [k, v] of map) copy.set(k, v instanceof Y.AbstractType ? v.clone() : v);
  return copy;
}

/** The live text of an item's title, for an editor to bind; null when there is no such item. */
export function agendaItemTitle(doc: Y.Doc, itemId: string): Y.Text | null {
  const title = findMap(agendaOf(doc), itemId)?.get('title');
  return title instanceof Y.Text ? title : null;
}

export function addAgendaItem(docs: MeetingDocs, item: AgendaItemInput, index?: number): void {
  const agenda = agendaOf(docs.open);
  docs.open.transact(() => {
    dropDuplicates(docs.open);
    agenda.insert(Math.min(index ?? agenda.length, agenda.length), [mapOf({ ...item, title: newText(item.title) })]);
    const content = contentDoc(item, docs);
    // The decision's text fields exist before anyone types, so two people never create them at once.
    if (item.kind === 'decision' && content) content.transact(() => ensureDecision(content, item.id));
  });
}

/** Changes fields of an item; making it confidential moves its notes and decision to the closed document. */
export function updateAgendaItem(docs: MeetingDocs, id: string, patch: Partial<Omit<AgendaItemInput, 'id'>>): void {
  dropDuplicates(docs.open);
  const map = findMap(agendaOf(docs.open), id);
  if (!map) return;
  const confidential = patch.confidential ?? map.get('confidential') === true;
  if (patch.confidential !== undefined && patch.confidential !== (map.get('confidential') === true)) {
    if (!docs.closed) throw new Error('Changing confidentiality needs the closed document');
    const [from, to] = patch.confidential ? [docs.open, docs.closed] : [docs.closed, docs.open];
    moveItemContent(id, from, to);
  }
  docs.open.transact(() => {
    for (const [k, v] of Object.entries(patch)) {
      const current = map.get(k);
      if (k === 'title' && current instanceof Y.Text) replaceText(current, String(v));
      else if (k === 'title') map.set(k, newText(String(v)));
      else if (v === undefined) map.delete(k);
      else map.set(k, v);
    }
  });
  const content = contentDoc({ confidential }, docs);
  if (patch.kind === 'decision' && content) content.transact(() => ensureDecision(content, id));
}

/** Marks an item removed: its notes and decision stay where they are, and it can be restored. */
export function removeAgendaItem(docs: MeetingDocs, id: string, by: string, at = new Date().toISOString()): void {
  docs.open.transact(() => {
    dropDuplicates(docs.open);
    const map = findMap(agendaOf(docs.open), id);
    if (map) markRemoved(map, by, at);
  });
}

export function restoreAgendaItem(docs: MeetingDocs, id: string): void {
  docs.open.transact(() => {
    const map = findMap(agendaOf(docs.open), id);
    if (map) clearRemoved(map);
  });
}

/**
 * Moves an item to a new position. Y.Array has no move, so the item is re-inserted as a copy: an
 * edit of the item's own fields made in the same instant by someone else is lost, and a concurrent
 * move of the same item leaves a copy (see readAgendaEntries). Notes and decisions are keyed by the
 * item's id, not stored in it, so they are never affected.
 */
export function moveAgendaItem(docs: MeetingDocs, id: string, toIndex: number): void {
  const agenda = agendaOf(docs.open);
  docs.open.transact(() => {
    dropDuplicates(docs.open);
    const from = agenda.toArray().findIndex((entry) => entry instanceof Y.Map && entry.get('id') === id);
    const map = agenda.get(from);
    if (from < 0 || !(map instanceof Y.Map)) return;
    const target = Math.max(0, Math.min(toIndex, agenda.length - 1));
    if (target === from) return;
    const copy = cloneMap(map);
    agenda.delete(from, 1);
    agenda.insert(target, [copy]);
  });
}

/** The decision map of an item, created with empty collaborative fields if it does not exist yet. */
export function ensureDecision(doc: Y.Doc, itemId: string): Y.Map<unknown> {
  const map = doc.getMap<unknown>(MEETING_FIELDS.decision(itemId));
  if (map.size === 0) {
    map.set('title', newText());
    map.set('text', newText());
    map.set('status', 'proposed');
    map.set('supersedes', newList());
    map.set('tags', newList());
  }
  return map;
}

/** The live text of a decision's heading or wording, for an editor to bind. */
export function decisionText(doc: Y.Doc, itemId: string, field: 'title' | 'text'): Y.Text | null {
  const value = doc.getMap<unknown>(MEETING_FIELDS.decision(itemId)).get(field);
  return value instanceof Y.Text ? value : null;
}

/** The live list of a decision's tags or superseded decisions. */
export function decisionList(doc: Y.Doc, itemId: string, field: 'tags' | 'supersedes'): Y.Array<string> | null {
  const value = doc.getMap<unknown>(MEETING_FIELDS.decision(itemId)).get(field);
  return value instanceof Y.Array ? (value as Y.Array<string>) : null;
}

/** Sets fields of a decision as a whole (REST, seed data); editors change the live text directly. */
export function setDecision(doc: Y.Doc, itemId: string, patch: Partial<Decision>): void {
  doc.transact(() => {
    const map = ensureDecision(doc, itemId);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      const current = map.get(k);
      if (current instanceof Y.Text) replaceText(current, String(v));
      else if (current instanceof Y.Array) replaceList(current, v as string[]);
      else map.set(k, v);
    }
  });
}

export function setAttendance(doc: Y.Doc, personId: string, value: Attendance): void {
  doc.getMap(MEETING_FIELDS.attendance).set(personId, value);
}

/** Takes back apologies someone sent (they will come after all); any other record of them stays. */
export function withdrawApologies(doc: Y.Doc, personId: string): void {
  const attendance = doc.getMap(MEETING_FIELDS.attendance);
  if (attendance.get(personId) === 'apologies') attendance.delete(personId);
}

export function addActionPoint(doc: Y.Doc, action: ActionPointInput): void {
  actionsOf(doc).push([mapOf({ ...action, title: newText(action.title) })]);
}

export function actionTitle(doc: Y.Doc, id: string): Y.Text | null {
  const title = findMap(actionsOf(doc), id)?.get('title');
  return title instanceof Y.Text ? title : null;
}

export function removeActionPoint(doc: Y.Doc, id: string, by: string, at = new Date().toISOString()): void {
  doc.transact(() => {
    const map = findMap(actionsOf(doc), id);
    if (map) markRemoved(map, by, at);
  });
}

export function restoreActionPoint(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    const map = findMap(actionsOf(doc), id);
    if (map) clearRemoved(map);
  });
}

/** Copies notes and decision of an item into another document and clears them where they were. */
function moveItemContent(id: string, from: Y.Doc, to: Y.Doc): void {
  const source = from.getXmlFragment(MEETING_FIELDS.notes(id));
  const target = to.getXmlFragment(MEETING_FIELDS.notes(id));
  const sourceDecision = from.getMap<unknown>(MEETING_FIELDS.decision(id));
  const targetDecision = to.getMap<unknown>(MEETING_FIELDS.decision(id));
  to.transact(() => {
    target.insert(
      target.length,
      source.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText),
    );
    for (const [k, v] of sourceDecision) targetDecision.set(k, v instanceof Y.AbstractType ? v.clone() : v);
  });
  from.transact(() => {
    source.delete(0, source.length);
    for (const k of [...sourceDecision.keys()]) sourceDecision.delete(k);
  });
}

// ---- migrations ----------------------------------------------------------------------------

/** Schema 1 kept text as strings, rewritten whole per keystroke; schema 2 makes it collaborative. */
function textFieldsToYText(map: Y.Map<unknown>, keys: readonly string[]): void {
  for (const key of keys) {
    const value = map.get(key);
    if (typeof value === 'string') map.set(key, newText(value));
  }
}

function listFieldsToYArray(map: Y.Map<unknown>, keys: readonly string[]): void {
  for (const key of keys) {
    const value = map.get(key);
    if (value instanceof Y.Array) continue;
    map.set(key, newList((listOf(value) ?? []).filter((v): v is string => typeof v === 'string')));
  }
}

/** Decision maps of either part of a meeting, schema 1 → 2. */
export function migrateDecisionMaps(doc: Y.Doc): void {
  for (const [name] of doc.share) {
    if (!name.startsWith('decision:')) continue;
    const map = doc.getMap<unknown>(name);
    if (map.size === 0) continue;
    for (const key of ['title', 'text']) {
      const value = map.get(key);
      if (!(value instanceof Y.Text)) map.set(key, newText(textOf(value) ?? ''));
    }
    listFieldsToYArray(map, ['supersedes', 'tags']);
  }
}

export const MEETING_MIGRATIONS: readonly Migration[] = [
  {
    to: 2,
    up(doc) {
      for (const entry of agendaOf(doc).toArray()) if (entry instanceof Y.Map) textFieldsToYText(entry, ['title']);
      for (const entry of actionsOf(doc).toArray()) if (entry instanceof Y.Map) textFieldsToYText(entry, ['title']);
      migrateDecisionMaps(doc);
      for (const item of readAgenda(doc))
        if (item.kind === 'decision' && !item.confidential) ensureDecision(doc, item.id);
    },
  },
];

export const migrateMeeting = (doc: Y.Doc) => migrate(doc, MEETING_MIGRATIONS);
