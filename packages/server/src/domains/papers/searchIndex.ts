import { type MeetingStatus, readAgenda } from '@council/shared';
import type * as Y from 'yjs';
import type { Db } from '../../db/connection.ts';
import { type IndexRow, replaceSource } from '../search/indexer.ts';
import { PapersRepo } from './repo.ts';

/**
 * A meeting's paper rows are written in slices (`papers:<meeting>:<paper>:<n>`, 50 pages each), each
 * its own short transaction: a 10,000-page paper indexed in one held the event loop for 1.9 s.
 */
const PAGES_PER_SLICE = 50;
const prefixOf = (meetingId: string) => `papers:${meetingId}:`;
const sliceOf = (meetingId: string, paperId: string, page: number) =>
  `${prefixOf(meetingId)}${paperId}:${Math.floor((page - 1) / PAGES_PER_SLICE)}`;

/**
 * The text of a meeting's papers in the search index, one row per page, as visible as the paper's
 * item: a confidential item's papers are found by the council only, a draft meeting's by the
 * council only, and a removed item's or removed paper's not at all.
 *
 * The meeting's projection calls this after every change of its agenda with `onlyIfMoved`: pages
 * are then written again only when an item's visibility moved (typing in the notes rewrites
 * nothing, however long the papers are). Paper commands and the extraction worker go through the
 * outbox to `indexPapersInSlices`, which lets the event loop run between slices.
 */
export function indexPapers(db: Db, meetingId: string, open: Y.Doc, onlyIfMoved = false): void {
  for (const _ of slices(db, meetingId, visibilityOf(db, meetingId, open), onlyIfMoved));
}

export async function indexPapersInSlices(db: Db, meetingId: string, visibility: Map<string, string>): Promise<void> {
  for (const _ of slices(db, meetingId, visibility, false)) await new Promise((resolve) => setImmediate(resolve));
}

/** Who may find each item's papers, by item id: its items that are not removed, of a meeting that is not deleted. */
export function visibilityOf(db: Db, meetingId: string, open: Y.Doc): Map<string, string> {
  const meeting = db
    .prepare<[string], { status: MeetingStatus }>('SELECT status FROM meetings WHERE id = ? AND deleted_at IS NULL')
    .get(meetingId);
  const meetingVisibility = meeting?.status === 'draft' ? 'council' : 'all';
  return new Map(
    meeting ? readAgenda(open).map((item) => [item.id, item.confidential ? 'council' : meetingVisibility]) : [],
  );
}

/** Writes one slice per step: stale slices emptied, then each wanted slice replaced. */
function* slices(db: Db, meetingId: string, visibility: Map<string, string>, onlyIfMoved: boolean): Generator<void> {
  if (onlyIfMoved && unmoved(db, meetingId, visibility)) return;
  const wanted = new Map<string, IndexRow[]>();
  const titled = new Set<string>();
  for (const page of new PapersRepo(db).currentPages(meetingId)) {
    const seen = visibility.get(page.itemId);
    if (!seen || !page.text.trim()) continue;
    // The title on the first page only: on every page, a word of it made every page a hit, and a
    // long paper crowded everything else out of the candidates a search ranks.
    const title = titled.has(page.paperId) ? '' : page.title;
    titled.add(page.paperId);
    const source = sliceOf(meetingId, page.paperId, page.page);
    if (!wanted.has(source)) wanted.set(source, []);
    wanted.get(source)?.push({
      type: 'paper',
      ref: `${page.itemId}:${page.paperId}:${page.page}`,
      // The page is in the ref and the link; the web app says "side 3" in the reader's language.
      title,
      body: page.text,
      url: `/meetings/${meetingId}/papers/${page.paperId}?page=${page.page}`,
      visibility: seen,
    });
  }
  for (const source of storedSources(db, meetingId)) {
    if (wanted.has(source)) continue;
    replaceSource(db, source, []);
    yield;
  }
  for (const [source, rows] of wanted) {
    replaceSource(db, source, rows);
    yield;
  }
}

/** The meeting's slices in the index: a range of the source index, not a LIKE (whose % an id could hold). */
function storedSources(db: Db, meetingId: string): string[] {
  const prefix = prefixOf(meetingId);
  return db
    .prepare<[string, string], { source: string }>(
      'SELECT DISTINCT source FROM search_docs WHERE source >= ? AND source < ?',
    )
    .all(prefix, `${prefix.slice(0, -1)};`)
    .map((r) => r.source);
}

/** Whether every indexed page is still as visible as its item, reading refs and visibilities only. */
function unmoved(db: Db, meetingId: string, visibility: Map<string, string>): boolean {
  const prefix = prefixOf(meetingId);
  const stored = db
    .prepare<[string, string], { ref: string; visibility: string }>(
      `SELECT DISTINCT substr(ref, 1, instr(ref, ':') - 1) AS ref, visibility FROM search_docs
       WHERE source >= ? AND source < ?`,
    )
    .all(prefix, `${prefix.slice(0, -1)};`);
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
