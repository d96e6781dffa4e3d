import { type AgendaItem, Attendance, DecisionDraft, fields, readAgenda } from '@council/shared';
import type * as Y from 'yjs';
import { z } from 'zod';
import type { Logger } from '../../logger.ts';
import type { NewDecision } from '../decisions/repo.ts';

export const ActionPoint = z.object({
  id: z.string().min(1),
  title: z.string().min(1).max(500),
  assigneeId: z.string().optional(),
  due: z.iso.date().optional(),
  itemId: z.string().optional(),
  groupId: z.string().optional(),
});
export type ActionPoint = z.infer<typeof ActionPoint>;

export interface MeetingContent {
  agenda: AgendaItem[];
  /** Decision drafts of decision items, by item id, read from the document the item's notes live in. */
  decisions: Map<string, DecisionDraft>;
  attendance: Map<string, z.infer<typeof Attendance>>;
  actions: ActionPoint[];
}

/** The document of an item: confidential items keep notes and decision in the closed document. */
export const docFor = (item: AgendaItem, open: Y.Doc, closed: Y.Doc) => (item.confidential ? closed : open);

/**
 * Reads a meeting's documents against the schemas in shared. Whatever does not match is skipped with
 * a warning, so that one malformed entry never blocks the valid rest (e.g. approval).
 */
export function readMeetingContent(open: Y.Doc, closed: Y.Doc, logger: Logger, meetingId: string): MeetingContent {
  const skip = (what: string, issues: unknown) =>
    logger.warn({ meetingId, what, issues }, 'skipped invalid entry in meeting document');
  const agenda = readAgenda(open, (issues) => skip('agenda item', issues));
  const decisions = new Map<string, DecisionDraft>();
  for (const item of agenda) {
    if (item.kind !== 'decision') continue;
    const map = docFor(item, open, closed).getMap(fields.decision(item.id));
    if (map.size === 0) continue;
    const parsed = DecisionDraft.safeParse(map.toJSON());
    if (parsed.success) decisions.set(item.id, parsed.data);
    else skip(`decision ${item.id}`, parsed.error.issues);
  }
  const attendance = new Map<string, z.infer<typeof Attendance>>();
  for (const [personId, value] of open.getMap(fields.attendance)) {
    const parsed = Attendance.safeParse(value);
    if (parsed.success) attendance.set(personId, parsed.data);
    else skip(`attendance ${personId}`, parsed.error.issues);
  }
  const actions: ActionPoint[] = [];
  for (const entry of open.getArray(fields.actions).toArray()) {
    const parsed = ActionPoint.safeParse(toJson(entry));
    if (parsed.success) actions.push(parsed.data);
    else skip('action point', parsed.error.issues);
  }
  return { agenda, decisions, attendance, actions };
}

function toJson(value: unknown): unknown {
  return value && typeof value === 'object' && 'toJSON' in value ? (value as { toJSON(): unknown }).toJSON() : value;
}

/** What approved minutes leave for later meetings: postponed decisions and every action point. */
export function followupsOf(content: MeetingContent) {
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

/** The register entries approval writes: every decision item whose decision is no longer proposed. */
export function decisionsToRecord(meeting: { id: string; startsAt: string }, content: MeetingContent): NewDecision[] {
  return content.agenda.flatMap((item) => {
    const d = content.decisions.get(item.id);
    if (!d || d.status === 'proposed') return [];
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
      },
    ];
  });
}
