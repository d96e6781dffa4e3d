import * as Y from 'yjs';
import { addTask, GROUP_FIELDS, GROUP_MIGRATIONS, migrateGroup, type NewTaskFields } from './group.ts';
import {
  type ActionPointInput,
  type AgendaItemInput,
  type Attendance,
  addActionPoint,
  addAgendaItem,
  contentDoc,
  type Decision,
  MEETING_FIELDS,
  MEETING_MIGRATIONS,
  migrateMeeting,
  setAttendance,
  setDecision,
} from './meeting.ts';
import { MEETING_CLOSED_MIGRATIONS, migrateMeetingClosed } from './meetingClosed.ts';
import { parseDocumentName } from './names.ts';
import {
  addBenefit,
  addIndicator,
  addInitiative,
  type Benefit,
  type IndicatorData,
  type Measurement,
  migratePlan,
  type NewInitiative,
  PLAN_FIELDS,
  PLAN_MIGRATIONS,
} from './plan.ts';
import { appendParagraphs } from './richText.ts';
import { stampVersion } from './version.ts';

export * from './entries.ts';
export * from './group.ts';
export * from './meeting.ts';
export * from './meetingClosed.ts';
export * from './names.ts';
export * from './plan.ts';
export * from './richText.ts';
export * from './text.ts';
export * from './version.ts';

/**
 * Brings a document of any kind to the current shape; returns the versions it went through (none
 * when it already had it). The server runs it on every load, `council reindex` on every document.
 */
export function migrateDocument(name: string, doc: Y.Doc): number[] {
  switch (parseDocumentName(name)?.kind) {
    case 'meeting':
      return migrateMeeting(doc);
    case 'meetingClosed':
      return migrateMeetingClosed(doc);
    case 'group':
      return migrateGroup(doc);
    case 'plan':
      return migratePlan(doc);
    default:
      return [];
  }
}

export interface MeetingSeed {
  agenda: AgendaItemInput[];
  notes?: Record<string, string[]>;
  decisions?: Record<string, Partial<Decision>>;
  attendance?: Record<string, Attendance>;
  actions?: ActionPointInput[];
}

/**
 * Whole documents written with the writers above, exactly as the web app would write them, and
 * stamped with the current schema version: for the demo data and the test factories.
 */
export function buildMeetingDocs(seed: MeetingSeed): { open: Y.Doc; closed: Y.Doc } {
  const docs = { open: new Y.Doc(), closed: new Y.Doc() };
  for (const item of seed.agenda) {
    addAgendaItem(docs, item);
    const doc = contentDoc(item, docs) as Y.Doc;
    const notes = seed.notes?.[item.id];
    if (notes) appendParagraphs(doc.getXmlFragment(MEETING_FIELDS.notes(item.id)), notes);
    const decision = seed.decisions?.[item.id];
    if (decision) setDecision(doc, item.id, decision);
  }
  for (const [personId, presence] of Object.entries(seed.attendance ?? {}))
    setAttendance(docs.open, personId, presence);
  for (const action of seed.actions ?? []) addActionPoint(docs.open, action);
  stampVersion(docs.open, MEETING_MIGRATIONS);
  stampVersion(docs.closed, MEETING_CLOSED_MIGRATIONS);
  return docs;
}

export function buildGroupDoc(mandate: string[], tasks: (NewTaskFields & { id: string })[]): Y.Doc {
  const doc = new Y.Doc();
  appendParagraphs(doc.getXmlFragment(GROUP_FIELDS.mandate), mandate);
  for (const { id, ...task } of tasks) addTask(doc, id, task);
  stampVersion(doc, GROUP_MIGRATIONS);
  return doc;
}

export interface InitiativeSeed extends NewInitiative {
  id: string;
  description: string[];
  benefits: Benefit[];
  indicators: (Omit<IndicatorData, 'measurements'> & { measurements: Measurement[] })[];
}

export function buildPlanDoc(initiatives: InitiativeSeed[]): Y.Doc {
  const doc = new Y.Doc();
  for (const { id, description, benefits, indicators, ...fields } of initiatives) {
    addInitiative(doc, id, fields);
    for (const benefit of benefits) addBenefit(doc, id, benefit);
    for (const { measurements, ...indicator } of indicators) addIndicator(doc, id, indicator, measurements);
    appendParagraphs(doc.getXmlFragment(PLAN_FIELDS.description(id)), description);
  }
  stampVersion(doc, PLAN_MIGRATIONS);
  return doc;
}
