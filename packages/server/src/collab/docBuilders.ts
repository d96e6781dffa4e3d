import { type AgendaItem, fields } from '@council/shared';
import * as Y from 'yjs';

/**
 * Builders for the document shapes in DESIGN.md, used by the demo data and the test factories, so
 * that both write documents exactly as the web app does.
 */
export function appendParagraphs(fragment: Y.XmlFragment, paragraphs: string[]): void {
  fragment.insert(
    fragment.length,
    paragraphs.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
}

export function toYMap(value: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(value)) if (v !== undefined) map.set(k, v);
  return map;
}

export interface MeetingContent {
  agenda: AgendaItem[];
  notes?: Record<string, string[]>;
  decisions?: Record<string, { title: string; text: string; status: string; supersedes?: string[]; tags?: string[] }>;
  attendance?: Record<string, 'present' | 'absent' | 'apologies'>;
  actions?: { id: string; title: string; assigneeId?: string; due?: string; itemId?: string; groupId?: string }[];
}

/** Fills `meeting:<id>` and, for confidential items, `meeting:<id>:closed`. */
export function buildMeetingDocs(content: MeetingContent): { open: Y.Doc; closed: Y.Doc } {
  const open = new Y.Doc();
  const closed = new Y.Doc();
  open.getArray(fields.agenda).push(content.agenda.map((item) => toYMap({ ...item })));
  for (const item of content.agenda) {
    const doc = item.confidential ? closed : open;
    const notes = content.notes?.[item.id];
    if (notes) appendParagraphs(doc.getXmlFragment(fields.notes(item.id)), notes);
    const decision = content.decisions?.[item.id];
    if (decision) {
      const map = doc.getMap(fields.decision(item.id));
      for (const [k, v] of Object.entries({ supersedes: [], tags: [], ...decision })) map.set(k, v);
    }
  }
  const attendance = open.getMap(fields.attendance);
  for (const [personId, presence] of Object.entries(content.attendance ?? {})) attendance.set(personId, presence);
  open.getArray(fields.actions).push((content.actions ?? []).map((a) => toYMap(a)));
  return { open, closed };
}

export interface TaskContent {
  id: string;
  title: string;
  status: 'todo' | 'doing' | 'blocked' | 'done';
  assigneeId?: string;
  due?: string;
  order: string;
  description?: string;
}

export function buildGroupDoc(mandate: string[], tasks: TaskContent[]): Y.Doc {
  const doc = new Y.Doc();
  appendParagraphs(doc.getXmlFragment(fields.mandate), mandate);
  const map = doc.getMap(fields.tasks);
  for (const { id, ...task } of tasks) map.set(id, toYMap(task));
  return doc;
}

export interface InitiativeContent {
  id: string;
  title: string;
  theme: string;
  status: 'planned' | 'active' | 'paused' | 'done';
  ownerGroupId?: string;
  startDate?: string;
  endDate?: string;
  description: string[];
  benefits: { id: string; description: string; kind: string }[];
  indicators: {
    id: string;
    name: string;
    unit: string;
    baseline: number;
    target: number;
    measurements: { date: string; value: number }[];
  }[];
}

export function buildPlanDoc(initiatives: InitiativeContent[]): Y.Doc {
  const doc = new Y.Doc();
  const map = doc.getMap(fields.initiatives);
  for (const { id, description, benefits, indicators, ...rest } of initiatives) {
    const initiative = toYMap(rest);
    const benefitArray = new Y.Array();
    benefitArray.push(benefits);
    initiative.set('benefits', benefitArray);
    const indicatorArray = new Y.Array<Y.Map<unknown>>();
    indicatorArray.push(
      indicators.map(({ measurements, ...indicator }) => {
        const m = toYMap(indicator);
        const points = new Y.Array();
        points.push(measurements);
        m.set('measurements', points);
        return m;
      }),
    );
    initiative.set('indicators', indicatorArray);
    map.set(id, initiative);
    appendParagraphs(doc.getXmlFragment(fields.description(id)), description);
  }
  return doc;
}
