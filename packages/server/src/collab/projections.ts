import { fields, IsoDate, parseDocumentName, TaskStatus } from '@council/shared';
import * as Y from 'yjs';
import type { Db } from '../db/connection.ts';
import {
  indexClosedMeetingDocument,
  indexGroupDocument,
  indexMeetingDocument,
  indexPlanDocument,
} from '../domains/search/indexer.ts';

/**
 * Read models projected from documents. Each projection replaces everything it owns for one
 * document in one transaction, so it can run at any time, in any order, and `reindex` is simply
 * every projection over every document.
 */
export function projectDocument(db: Db, name: string, doc: Y.Doc): void {
  const ref = parseDocumentName(name);
  switch (ref?.kind) {
    case 'meeting':
      indexMeetingDocument(db, ref.meetingId, doc, name);
      break;
    case 'meetingClosed':
      indexClosedMeetingDocument(db, ref.meetingId, doc, name);
      break;
    case 'group':
      projectTasks(db, ref.groupId, doc);
      indexGroupDocument(db, ref.groupId, doc, name);
      break;
    case 'plan':
      projectInitiatives(db, ref.planId, doc);
      indexPlanDocument(db, ref.planId, doc, name);
      break;
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function projectTasks(db: Db, groupId: string, doc: Y.Doc): void {
  const tasks = doc.getMap<Y.Map<unknown>>(fields.tasks);
  const members = new Set(
    db
      .prepare<[string], { person_id: string }>('SELECT person_id FROM group_members WHERE group_id = ?')
      .all(groupId)
      .map((r) => r.person_id),
  );
  const insert = db.prepare(
    `INSERT INTO tasks (id, group_id, title, status, assignee_id, due, sort_order, needs_attention)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare('DELETE FROM tasks WHERE group_id = ?').run(groupId);
    for (const [id, task] of tasks) {
      if (!(task instanceof Y.Map)) continue;
      const title = String(task.get('title') ?? '');
      const status = String(task.get('status') ?? 'todo');
      const assigneeId = str(task.get('assigneeId'));
      const due = str(task.get('due'));
      const needsAttention =
        !title.trim() ||
        !TaskStatus.safeParse(status).success ||
        (assigneeId !== null && !members.has(assigneeId)) ||
        (due !== null && !IsoDate.safeParse(due).success);
      insert.run(id, groupId, title, status, assigneeId, due, String(task.get('order') ?? ''), Number(needsAttention));
    }
  })();
}

function projectInitiatives(db: Db, planId: string, doc: Y.Doc): void {
  const initiatives = doc.getMap<Y.Map<unknown>>(fields.initiatives);
  const insert = db.prepare(
    `INSERT INTO initiatives (id, plan_id, title, theme, status, owner_group_id, start_date, end_date, indicator_count, decision_numbers)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare('DELETE FROM initiatives WHERE plan_id = ?').run(planId);
    for (const [id, initiative] of initiatives) {
      if (!(initiative instanceof Y.Map)) continue;
      const indicators = initiative.get('indicators');
      insert.run(
        id,
        planId,
        String(initiative.get('title') ?? ''),
        String(initiative.get('theme') ?? ''),
        String(initiative.get('status') ?? 'planned'),
        str(initiative.get('ownerGroupId')),
        str(initiative.get('startDate')),
        str(initiative.get('endDate')),
        indicators instanceof Y.Array ? indicators.length : 0,
        JSON.stringify(decisionNumbers(initiative.get('decisionNumbers'))),
      );
    }
  })();
}

function decisionNumbers(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((n): n is string => typeof n === 'string' && /^\d{4}-\d{3,}$/.test(n))
    : [];
}
