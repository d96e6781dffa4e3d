import { type MeetingStatus, readAgenda } from '@council/shared';
import type * as Y from 'yjs';
import type { Db } from '../../db/connection.ts';
import { type IndexRow, replaceSource } from '../search/indexer.ts';
import { PapersRepo } from './repo.ts';

const sourceOf = (meetingId: string) => `papers:${meetingId}`;

/**
 * The text of a meeting's papers in the search index, one row per page, as visible as the paper's
 * item: a confidential item's papers are found by the council only, a draft meeting's by the
 * council only, and a removed item's or removed paper's not at all.
 *
 * The meeting's projection calls this after every change of its agenda with `onlyIfMoved`: pages
 * are then written again only when an item's visibility moved (typing in the notes rewrites
 * nothing, however long the papers are). Paper commands and the extraction worker write it whole.
 */
export function indexPapers(db: Db, meetingId: string, open: Y.Doc, onlyIfMoved = false): void {
  const meeting = db
    .prepare<[string], { status: MeetingStatus }>('SELECT status FROM meetings WHERE id = ? AND deleted_at IS NULL')
    .get(meetingId);
  const meetingVisibility = meeting?.status === 'draft' ? 'council' : 'all';
  const visibility = new Map(
    meeting ? readAgenda(open).map((item) => [item.id, item.confidential ? 'council' : meetingVisibility]) : [],
  );
  if (onlyIfMoved && unmoved(db, meetingId, visibility)) return;
  const rows: IndexRow[] = new PapersRepo(db).currentPages(meetingId).flatMap((page) => {
    const seen = visibility.get(page.itemId);
    if (!seen || !page.text.trim()) return [];
    return [
      {
        type: 'paper',
        ref: `${page.itemId}:${page.paperId}:${page.page}`,
        // The page is in the ref and the link; the web app says "side 3" in the reader's language.
        title: page.title,
        body: page.text,
        url: `/meetings/${meetingId}/papers/${page.paperId}?page=${page.page}`,
        visibility: seen,
      },
    ];
  });
  replaceSource(db, sourceOf(meetingId), rows);
}

/** Whether every indexed page is still as visible as its item, reading refs and visibilities only. */
function unmoved(db: Db, meetingId: string, visibility: Map<string, string>): boolean {
  const stored = db
    .prepare<[string], { ref: string; visibility: string }>(
      "SELECT DISTINCT substr(ref, 1, instr(ref, ':') - 1) AS ref, visibility FROM search_docs WHERE source = ?",
    )
    .all(sourceOf(meetingId));
  const indexed = new Set(stored.map((r) => r.ref));
  if (stored.some((r) => visibility.get(r.ref) !== r.visibility)) return false;
  // An item that came back (restored, or no longer confidential to nobody) may have pages to add.
  const withText = db
    .prepare<[string], { itemId: string }>(
      `SELECT DISTINCT papers.item_id AS itemId FROM papers JOIN paper_pages pg ON pg.paper_id = papers.id
       WHERE papers.meeting_id = ? AND papers.removed_at IS NULL`,
    )
    .all(meetingId);
  return withText.every((r) => indexed.has(r.itemId) || !visibility.has(r.itemId));
}
