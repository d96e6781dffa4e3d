import {
  type ActionPoint,
  type AgendaItem,
  type ApprovalProblem,
  type Attendance,
  type Checked,
  contentDoc,
  type Decision,
  type ItemProceedings,
  readActions,
  readAgenda,
  readAttendance,
  readDecision,
} from '@council/shared';
import type * as Y from 'yjs';
import type { NewDecision } from '../decisions/repo.ts';

/** A meeting as approval and the minutes read it from its two documents, with the shared readers. */
export interface MeetingRecord {
  /** Items on the agenda (removed ones are not), each checked. */
  agenda: Checked<AgendaItem>[];
  /** Decisions of decision items, by item id, read from the document the item's notes live in. */
  decisions: Map<string, Checked<Decision>>;
  attendance: Map<string, Attendance>;
  actions: Checked<ActionPoint>[];
}

export interface MeetingParts {
  open: Y.Doc;
  closed: Y.Doc;
}

export function readMeetingRecord(docs: MeetingParts): MeetingRecord {
  const agenda = readAgenda(docs.open);
  const decisions = new Map<string, Checked<Decision>>();
  for (const item of agenda) {
    if (item.kind !== 'decision') continue;
    const decision = readDecision(contentDoc(item, docs) as Y.Doc, item.id);
    if (decision) decisions.set(item.id, decision);
  }
  return { agenda, decisions, attendance: readAttendance(docs.open), actions: readActions(docs.open) };
}

/** What approved minutes leave for later meetings: postponed decisions and every action point. */
export function followupsOf(content: MeetingRecord) {
  const postponed = content.agenda.flatMap((item) => {
    const decision = content.decisions.get(item.id);
    if (decision?.status !== 'postponed') return [];
    const title = decision.title || item.title;
    return [
      {
        kind: 'postponed' as const,
        refId: item.id,
        title,
        assigneeId: null,
        due: null,
        groupId: null,
        confidential: item.confidential,
      },
    ];
  });
  const actions = content.actions.map((a) => ({
    kind: 'action' as const,
    refId: a.id,
    title: a.title,
    assigneeId: a.assigneeId ?? null,
    due: a.due ?? null,
    groupId: a.groupId ?? null,
    confidential: false,
  }));
  return [...postponed, ...actions];
}

/**
 * The register entries approval writes: every decision item whose decision is no longer proposed,
 * with its vote, minuted views and conflicts of interest, where any were recorded.
 */
export function decisionsToRecord(
  meeting: { id: string; startsAt: string },
  content: MeetingRecord,
  proceedings: Map<string, ItemProceedings> = new Map(),
): NewDecision[] {
  return content.agenda.flatMap((item) => {
    const d = content.decisions.get(item.id);
    if (!d || d.status === 'proposed') return [];
    const recorded = proceedings.get(item.id);
    return [
      {
        title: d.title || item.title,
        text: d.text,
        status: d.status,
        tags: d.tags,
        supersedes: d.supersedes,
        meetingId: meeting.id,
        itemId: item.id,
        decidedOn: meeting.startsAt.slice(0, 10),
        confidential: item.confidential,
        proceedings: recorded
          ? { vote: recorded.vote, dissents: recorded.dissents, conflicts: recorded.conflicts }
          : null,
      },
    ];
  });
}

/**
 * What stops an approval: a decision item without a decision (or one still proposed), and any
 * decision, action point or item whose data fails its validator. Approval refuses until they are
 * mended rather than drop or cut anything of the record.
 */
export function approvalProblems(record: MeetingRecord): ApprovalProblem[] {
  const problems: ApprovalProblem[] = [];
  for (const item of record.agenda) {
    if (item.issues.length > 0)
      problems.push({ code: 'item_invalid', itemId: item.id, title: item.title, reasons: item.issues });
    if (item.kind !== 'decision') continue;
    const decision = record.decisions.get(item.id);
    if (!decision || decision.status === 'proposed')
      problems.push({ code: 'decision_missing', itemId: item.id, title: item.title, reasons: [] });
    else if (decision.issues.length > 0)
      problems.push({
        code: 'decision_invalid',
        itemId: item.id,
        title: decision.title || item.title,
        reasons: decision.issues,
      });
  }
  for (const action of record.actions) {
    if (action.issues.length > 0)
      problems.push({ code: 'action_invalid', actionId: action.id, title: action.title, reasons: action.issues });
  }
  return problems;
}
