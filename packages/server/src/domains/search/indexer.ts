import { type DecisionRecord, fields, type MeetingStatus, readAgenda } from '@council/shared';
import * as Y from 'yjs';
import { fragmentText } from '../../collab/docText.ts';
import type { Db } from '../../db/connection.ts';

/**
 * Writes the search index. Each function replaces every row of its source in one transaction, so
 * it can run after any change, in any order, and `reindex` is simply all of them.
 */
export interface IndexRow {
  type: 'minutes' | 'agenda' | 'decision' | 'group' | 'task' | 'initiative' | 'person';
  ref: string;
  title: string;
  body: string;
  url: string;
  visibility: string;
}

export function replaceSource(db: Db, source: string, rows: IndexRow[]): void {
  const insert = db.prepare(
    `INSERT INTO search_docs (type, ref, source, title, body, url, visibility) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (type, ref) DO UPDATE SET source = excluded.source, title = excluded.title, body = excluded.body,
       url = excluded.url, visibility = excluded.visibility`,
  );
  db.transaction(() => {
    const keep = new Set(rows.map((r) => `${r.type}\u0000${r.ref}`));
    const existing = db
      .prepare<[string], { id: number; type: string; ref: string }>(
        'SELECT id, type, ref FROM search_docs WHERE source = ?',
      )
      .all(source);
    for (const row of existing)
      if (!keep.has(`${row.type}\u0000${row.ref}`)) db.prepare('DELETE FROM search_docs WHERE id = ?').run(row.id);
    for (const r of rows) insert.run(r.type, r.ref, source, r.title, r.body, r.url, r.visibility);
  })();
}

/** Approved minutes are read in their rendered form, at the item; otherwise in the live agenda. */
const itemUrl = (meetingId: string, itemId: string, status: MeetingStatus) =>
  status === 'approved'
    ? `/meetings/${meetingId}?tab=minutes#item-${itemId}`
    : `/meetings/${meetingId}?tab=agenda&item=${itemId}`;

const meetingVisibility = (status: MeetingStatus) => (status === 'draft' ? 'council' : 'all');

/**
 * A meeting's agenda items and their notes. A confidential item's title is as visible as the
 * meeting (it stays on the public agenda); its notes are indexed as a separate, council-only row.
 */
export function indexMeetingDocument(db: Db, meetingId: string, open: Y.Doc, source: string): void {
  const meeting = db
    .prepare<[string], { title: string; status: MeetingStatus }>('SELECT title, status FROM meetings WHERE id = ?')
    .get(meetingId);
  if (!meeting) return;
  const type = meeting.status === 'approved' ? 'minutes' : 'agenda';
  const rows: IndexRow[] = [];
  for (const item of readAgenda(open)) {
    const notes = item.confidential ? '' : fragmentText(open.getXmlFragment(fields.notes(item.id)));
    rows.push({
      type,
      ref: `${meetingId}:${item.id}`,
      title: item.title,
      body: `${meeting.title}\n${notes}`,
      url: itemUrl(meetingId, item.id, meeting.status),
      visibility: meetingVisibility(meeting.status),
    });
  }
  replaceSource(db, source, rows);
}

/** Notes of confidential items, from `meeting:<id>:closed`: for the council only. */
export function indexClosedMeetingDocument(db: Db, meetingId: string, closed: Y.Doc, source: string): void {
  const meeting = db
    .prepare<[string], { title: string; status: MeetingStatus }>('SELECT title, status FROM meetings WHERE id = ?')
    .get(meetingId);
  if (!meeting) return;
  const titleOf = db.prepare<[string], { title: string }>(
    `SELECT title FROM search_docs WHERE ref = ? AND type IN ('agenda', 'minutes')`,
  );
  const rows: IndexRow[] = [];
  for (const [key, value] of closed.share) {
    if (!key.startsWith('notes:')) continue;
    const itemId = key.slice('notes:'.length);
    const text = fragmentText(closed.getXmlFragment(key));
    if (!text || !value) continue;
    rows.push({
      type: meeting.status === 'approved' ? 'minutes' : 'agenda',
      ref: `${meetingId}:${itemId}:closed`,
      title: titleOf.get(`${meetingId}:${itemId}`)?.title ?? meeting.title,
      body: `${meeting.title}\n${text}`,
      url: itemUrl(meetingId, itemId, meeting.status),
      visibility: 'council',
    });
  }
  replaceSource(db, source, rows);
}

export function indexDecisions(db: Db, decisions: DecisionRecord[]): void {
  const insert = db.prepare(
    `INSERT INTO search_docs (type, ref, source, title, body, url, visibility) VALUES ('decision', ?, 'decisions', ?, ?, ?, ?)
     ON CONFLICT (type, ref) DO UPDATE SET title = excluded.title, body = excluded.body, url = excluded.url, visibility = excluded.visibility`,
  );
  db.transaction(() => {
    for (const d of decisions) {
      insert.run(
        String(d.id),
        d.number ? `${d.number} ${d.title}` : d.title,
        `${d.text}\n${d.tags.join(' ')}\n${d.meetingTitle}`,
        d.number ? `/decisions/${d.number}` : `/meetings/${d.meetingId}?tab=agenda&item=${d.itemId}`,
        d.confidential ? 'council' : 'all',
      );
    }
  })();
}

export function indexGroupDocument(db: Db, groupId: string, doc: Y.Doc, source: string): void {
  const group = db
    .prepare<[string], { name: string; purpose: string; visibility: string }>(
      'SELECT name, purpose, visibility FROM groups WHERE id = ?',
    )
    .get(groupId);
  if (!group) return;
  const visibility = group.visibility === 'open' ? 'all' : `group:${groupId}`;
  const rows: IndexRow[] = [
    {
      type: 'group',
      ref: groupId,
      title: group.name,
      body: `${group.purpose}\n${fragmentText(doc.getXmlFragment(fields.mandate))}`,
      url: `/groups/${groupId}`,
      visibility,
    },
  ];
  for (const [taskId, task] of doc.getMap<Y.Map<unknown>>(fields.tasks)) {
    if (!(task instanceof Y.Map)) continue;
    rows.push({
      type: 'task',
      ref: `${groupId}:${taskId}`,
      title: String(task.get('title') ?? ''),
      body: `${String(task.get('description') ?? '')}\n${group.name}`,
      url: `/groups/${groupId}?task=${taskId}`,
      visibility,
    });
  }
  replaceSource(db, source, rows);
}

export function indexPlanDocument(db: Db, planId: string, doc: Y.Doc, source: string): void {
  const rows: IndexRow[] = [];
  for (const [id, initiative] of doc.getMap<Y.Map<unknown>>(fields.initiatives)) {
    if (!(initiative instanceof Y.Map)) continue;
    const benefits = initiative.get('benefits');
    const benefitText =
      benefits instanceof Y.Array
        ? benefits
            .toArray()
            .map((b) => String((b as { description?: string }).description ?? ''))
            .join('\n')
        : '';
    rows.push({
      type: 'initiative',
      ref: `${planId}:${id}`,
      title: String(initiative.get('title') ?? ''),
      body: `${String(initiative.get('theme') ?? '')}\n${fragmentText(doc.getXmlFragment(fields.description(id)))}\n${benefitText}`,
      url: `/plan/${planId}/initiatives/${id}`,
      visibility: 'all',
    });
  }
  replaceSource(db, source, rows);
}

export function indexPeople(db: Db): void {
  const people = db
    .prepare<[], { id: string; name: string; organisation: string; title: string; competencies: string }>(
      'SELECT id, name, organisation, title, competencies FROM people',
    )
    .all();
  replaceSource(
    db,
    'people',
    people.map((p) => ({
      type: 'person',
      ref: p.id,
      title: p.name,
      body: `${p.title}\n${p.organisation}\n${(JSON.parse(p.competencies) as string[]).join(' ')}`,
      url: `/network?person=${p.id}`,
      visibility: 'all',
    })),
  );
}
