import {
  ATTENDEE_ROLES,
  docNames,
  fragmentText,
  MEETING_FIELDS,
  type MeetingStatus,
  readActions,
  readAgenda,
} from '@council/shared';
import type * as Y from 'yjs';
import type { Db } from '../../db/connection.ts';
import { projectionNotifier } from '../notifications/notifier.ts';
import type { Editors, FlaggedEntry } from '../projections.ts';
import { type IndexRow, replaceSource } from '../search/indexer.ts';
import { contentHash, SignaturesRepo } from './signatures.ts';

/** Approved minutes are read in their rendered form, at the item; otherwise in the live agenda. */
const itemUrl = (meetingId: string, itemId: string, status: MeetingStatus) =>
  status === 'approved'
    ? `/meetings/${meetingId}?tab=minutes#item-${itemId}`
    : `/meetings/${meetingId}?tab=agenda&item=${itemId}`;

const meetingVisibility = (status: MeetingStatus) => (status === 'draft' ? 'council' : 'all');

/** A meeting that exists and is not deleted. */
const liveMeeting = (db: Db, meetingId: string) =>
  db
    .prepare<[string], { title: string; status: MeetingStatus }>(
      'SELECT title, status FROM meetings WHERE id = ? AND deleted_at IS NULL',
    )
    .get(meetingId);

/**
 * A meeting's agenda items and their notes. A confidential item's title is as visible as the
 * meeting (it stays on the public agenda); its notes are indexed as a separate, council-only row.
 */
export function projectMeeting(db: Db, meetingId: string, open: Y.Doc, editors?: Editors): FlaggedEntry[] {
  const meeting = liveMeeting(db, meetingId);
  if (!meeting) {
    // A deleted meeting is found nowhere: neither in search nor on anyone's home page.
    replaceSource(db, docNames.meeting(meetingId), []);
    replaceAgendaItems(db, meetingId, []);
    return [];
  }
  const type = meeting.status === 'approved' ? 'minutes' : 'agenda';
  const rows: IndexRow[] = [];
  const agenda = readAgenda(open);
  for (const item of agenda) {
    const notes = item.confidential ? '' : fragmentText(open.getXmlFragment(MEETING_FIELDS.notes(item.id)));
    rows.push({
      type,
      ref: `${meetingId}:${item.id}`,
      title: item.title,
      body: `${meeting.title}\n${notes}`,
      url: itemUrl(meetingId, item.id, meeting.status),
      visibility: meetingVisibility(meeting.status),
    });
  }
  replaceSource(db, docNames.meeting(meetingId), rows);
  db.transaction(() => {
    if (editors && meeting.status === 'published') tellAgendaChanged(db, meetingId, meeting.title, agenda, editors);
    if (editors && meeting.status === 'minutes-draft')
      clearChangedSignatures(db, meetingId, meeting.title, 'open', open, editors);
    replaceAgendaItems(db, meetingId, agenda);
  })();
  return [
    ...agenda.filter((i) => i.issues.length > 0).map((i) => ({ entry: `agenda item ${i.id}`, issues: i.issues })),
    ...readActions(open)
      .filter((a) => a.issues.length > 0)
      .map((a) => ({ entry: `action point ${a.id}`, issues: a.issues })),
  ];
}

/** The agenda as the home page reads it: each item's place, title and presenter. */
function replaceAgendaItems(db: Db, meetingId: string, agenda: ReturnType<typeof readAgenda>): void {
  const insert = db.prepare(
    'INSERT INTO agenda_items (meeting_id, item_id, position, title, presenter_id) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    db.prepare('DELETE FROM agenda_items WHERE meeting_id = ?').run(meetingId);
    agenda.forEach((item, position) => {
      insert.run(meetingId, item.id, position, item.title, item.presenterId ?? null);
    });
  })();
}

/**
 * A published agenda whose items changed (added, removed, moved, retitled) since the last projection
 * is told to the council and the presenters, at most once an hour per meeting: a secretary typing a
 * new title is one change, not one per keystroke. In the projection's transaction, like the read model.
 */
function tellAgendaChanged(
  db: Db,
  meetingId: string,
  title: string,
  agenda: ReturnType<typeof readAgenda>,
  editors: Editors,
): void {
  const before = db
    .prepare<[string], { id: string; title: string }>(
      'SELECT item_id AS id, title FROM agenda_items WHERE meeting_id = ? ORDER BY position',
    )
    .all(meetingId);
  const same =
    before.length === agenda.length && before.every((b, i) => b.id === agenda[i]?.id && b.title === agenda[i]?.title);
  if (same) return;
  const council = db
    .prepare<string[], { id: string }>(
      `SELECT id FROM people WHERE role IN (${ATTENDEE_ROLES.map(() => '?').join(', ')})`,
    )
    .all(...ATTENDEE_ROLES)
    .map((p) => p.id);
  projectionNotifier(db).notify({
    kind: 'agendaChanged',
    recipients: [...council, ...agenda.flatMap((i) => i.presenterId ?? [])],
    actorId: editors.size === 1 ? ([...editors][0] as string) : null,
    dedupeKey: `agendaChanged:${meetingId}:${new Date().toISOString().slice(0, 13)}`,
    values: { meeting: title },
    url: `/meetings/${meetingId}`,
  });
}

/**
 * Draft minutes changed after someone signed them: their signature no longer holds. It is cleared
 * and they are told, so that they can look again and sign anew (the one who changed it too: their
 * signature was of the earlier text).
 */
function clearChangedSignatures(
  db: Db,
  meetingId: string,
  title: string,
  part: 'open' | 'closed',
  doc: Y.Doc,
  editors: Editors,
): void {
  const cleared = new SignaturesRepo(db).clearChanged(meetingId, part, contentHash(doc));
  if (cleared.length === 0) return;
  projectionNotifier(db).notify({
    kind: 'signatureCleared',
    recipients: cleared,
    actorId: null,
    dedupeKey: `signatureCleared:${meetingId}:${new Date().toISOString()}:${editors.size}`,
    values: { meeting: title },
    url: `/meetings/${meetingId}?tab=signatures`,
  });
}

/** Notes of confidential items, from `meeting:<id>:closed`: for the council only. */
export function projectClosedMeeting(db: Db, meetingId: string, closed: Y.Doc, editors?: Editors): FlaggedEntry[] {
  const meeting = liveMeeting(db, meetingId);
  if (!meeting) {
    replaceSource(db, docNames.meetingClosed(meetingId), []);
    return [];
  }
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
  replaceSource(db, docNames.meetingClosed(meetingId), rows);
  if (editors && meeting.status === 'minutes-draft') {
    clearChangedSignatures(db, meetingId, meeting.title, 'closed', closed, editors);
  }
  return [];
}
