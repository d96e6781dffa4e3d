import type { ExtractionState, Paper, PaperKind, PaperVersion } from '@council/shared';
import type { Db } from '../../db/connection.ts';

interface PaperRow {
  id: string;
  meeting_id: string;
  item_id: string;
  position: number;
  title: string;
  removed_at: string | null;
  removed_by: string | null;
  removed_by_name: string | null;
}

interface VersionRow {
  paper_id: string;
  version: number;
  sha256: string;
  size: number;
  kind: PaperKind;
  file_name: string;
  uploaded_by: string;
  uploaded_by_name: string;
  uploaded_at: string;
  extraction: ExtractionState;
  pages: number | null;
}

export interface NewVersion {
  sha256: string;
  size: number;
  kind: PaperKind;
  fileName: string;
  uploadedBy: string;
  uploadedAt: string;
  extraction: ExtractionState;
}

/** A version whose text the extraction worker has yet to read. */
export interface PendingExtraction {
  paperId: string;
  meetingId: string;
  version: number;
  sha256: string;
  kind: PaperKind;
}

/** Pages stored per transaction when a paper's text is saved. */
const PAGE_BATCH = 500;

const VERSION_COLUMNS = `v.paper_id, v.version, v.sha256, v.size, v.kind, v.file_name, v.uploaded_by,
  p.name AS uploaded_by_name, v.uploaded_at, v.extraction,
  (SELECT COUNT(*) FROM paper_pages pg WHERE pg.paper_id = v.paper_id AND pg.version = v.version) AS pages`;

/** The papers' metadata; their bytes are in the blob store. */
export class PapersRepo {
  constructor(private readonly db: Db) {}

  /** Every paper of a meeting, removed ones included, with its versions, in each item's order. */
  forMeeting(meetingId: string): Paper[] {
    const papers = this.db
      .prepare<[string], PaperRow>(
        `SELECT papers.*, p.name AS removed_by_name FROM papers LEFT JOIN people p ON p.id = papers.removed_by
         WHERE meeting_id = ? ORDER BY item_id, position, created_at`,
      )
      .all(meetingId);
    const versions = this.db
      .prepare<[string], VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM paper_versions v JOIN people p ON p.id = v.uploaded_by
         WHERE v.paper_id IN (SELECT id FROM papers WHERE meeting_id = ?) ORDER BY v.version DESC`,
      )
      .all(meetingId);
    return assemble(papers, versions);
  }

  byId(paperId: string): Paper | null {
    const paper = this.db
      .prepare<[string], PaperRow>(
        `SELECT papers.*, p.name AS removed_by_name FROM papers LEFT JOIN people p ON p.id = papers.removed_by
         WHERE papers.id = ?`,
      )
      .get(paperId);
    if (!paper) return null;
    const versions = this.db
      .prepare<[string], VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM paper_versions v JOIN people p ON p.id = v.uploaded_by
         WHERE v.paper_id = ? ORDER BY v.version DESC`,
      )
      .all(paperId);
    return assemble([paper], versions)[0] ?? null;
  }

  /** Bytes a meeting's papers take, every version counted (each is kept). */
  usedBytes(meetingId: string): number {
    return (
      this.db
        .prepare<[string], { used: number | null }>(
          `SELECT SUM(v.size) AS used FROM paper_versions v JOIN papers ON papers.id = v.paper_id
           WHERE papers.meeting_id = ?`,
        )
        .get(meetingId)?.used ?? 0
    );
  }

  create(
    paper: { id: string; meetingId: string; itemId: string; title: string; by: string; at: string },
    version: NewVersion,
  ): void {
    const next =
      this.db
        .prepare<[string, string], { next: number }>(
          'SELECT COALESCE(MAX(position) + 1, 0) AS next FROM papers WHERE meeting_id = ? AND item_id = ?',
        )
        .get(paper.meetingId, paper.itemId)?.next ?? 0;
    this.db
      .prepare(
        `INSERT INTO papers (id, meeting_id, item_id, position, title, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(paper.id, paper.meetingId, paper.itemId, next, paper.title, paper.by, paper.at);
    this.addVersion(paper.id, version);
  }

  /** The next version of a paper; returns its number. */
  addVersion(paperId: string, version: NewVersion): number {
    const number =
      this.db
        .prepare<[string], { next: number }>(
          'SELECT COALESCE(MAX(version) + 1, 1) AS next FROM paper_versions WHERE paper_id = ?',
        )
        .get(paperId)?.next ?? 1;
    this.db
      .prepare(
        `INSERT INTO paper_versions (paper_id, version, sha256, size, kind, file_name, uploaded_by, uploaded_at, extraction)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        paperId,
        number,
        version.sha256,
        version.size,
        version.kind,
        version.fileName,
        version.uploadedBy,
        version.uploadedAt,
        version.extraction,
      );
    return number;
  }

  rename(paperId: string, title: string): void {
    this.db.prepare('UPDATE papers SET title = ? WHERE id = ?').run(title, paperId);
  }

  /** Moves a paper to `position` among its item's papers that are not removed, renumbering them. */
  move(paperId: string, meetingId: string, itemId: string, position: number): void {
    const ids = this.db
      .prepare<[string, string], { id: string }>(
        'SELECT id FROM papers WHERE meeting_id = ? AND item_id = ? AND removed_at IS NULL ORDER BY position, created_at',
      )
      .all(meetingId, itemId)
      .map((r) => r.id)
      .filter((id) => id !== paperId);
    ids.splice(Math.min(position, ids.length), 0, paperId);
    const set = this.db.prepare('UPDATE papers SET position = ? WHERE id = ?');
    ids.forEach((id, index) => {
      set.run(index, id);
    });
  }

  setRemoved(paperId: string, removal: { by: string; at: string } | null): void {
    this.db
      .prepare('UPDATE papers SET removed_at = ?, removed_by = ? WHERE id = ?')
      .run(removal?.at ?? null, removal?.by ?? null, paperId);
  }

  pendingExtractions(): PendingExtraction[] {
    return this.db
      .prepare<[], PendingExtraction>(
        `SELECT v.paper_id AS paperId, papers.meeting_id AS meetingId, v.version, v.sha256, v.kind
         FROM paper_versions v JOIN papers ON papers.id = v.paper_id WHERE v.extraction = 'pending'
         ORDER BY v.uploaded_at`,
      )
      .all();
  }

  /**
   * Stores what the worker read (or that it could not), with `also` (an outbox entry) in the last
   * transaction. The pages go in batches, each its own transaction with the event loop free between
   * them (10,000 pages in one held it for 0.4 s); the version says `done` only with the last, so a
   * crash in between leaves it `pending`, to be read again (its first batch clears what was there).
   */
  async saveExtraction(
    paperId: string,
    version: number,
    result: { pages: string[] } | { error: string },
    also: () => void,
  ): Promise<void> {
    const pages = 'pages' in result ? result.pages : [];
    const insert = this.db.prepare('INSERT INTO paper_pages (paper_id, version, page, text) VALUES (?, ?, ?, ?)');
    const batch = (from: number) =>
      this.db.transaction(() => {
        if (from === 0)
          this.db.prepare('DELETE FROM paper_pages WHERE paper_id = ? AND version = ?').run(paperId, version);
        pages.slice(from, from + PAGE_BATCH).forEach((text, index) => {
          insert.run(paperId, version, from + index + 1, text);
        });
      })();
    for (let from = 0; from < pages.length || from === 0; from += PAGE_BATCH) {
      batch(from);
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE paper_versions SET extraction = ?, extraction_error = ? WHERE paper_id = ? AND version = ?')
        .run('pages' in result ? 'done' : 'failed', 'error' in result ? result.error : null, paperId, version);
      also();
    })();
  }

  /** The text of each current version's pages of a meeting's papers that are not removed. */
  currentPages(meetingId: string): { paperId: string; itemId: string; title: string; page: number; text: string }[] {
    return this.db
      .prepare<[string], { paperId: string; itemId: string; title: string; page: number; text: string }>(
        `SELECT papers.id AS paperId, papers.item_id AS itemId, papers.title, pg.page, pg.text
         FROM papers JOIN paper_pages pg ON pg.paper_id = papers.id
         WHERE papers.meeting_id = ? AND papers.removed_at IS NULL
           AND pg.version = (SELECT MAX(version) FROM paper_versions WHERE paper_id = papers.id)
         ORDER BY papers.id, pg.page`,
      )
      .all(meetingId);
  }

  /** Whether any version of any paper refers to the blob. */
  referenced(): Set<string> {
    return new Set(
      this.db
        .prepare<[], { sha256: string }>('SELECT DISTINCT sha256 FROM paper_versions')
        .all()
        .map((r) => r.sha256),
    );
  }
}

function assemble(papers: PaperRow[], versions: VersionRow[]): Paper[] {
  const byPaper = new Map<string, PaperVersion[]>();
  for (const v of versions) {
    const list = byPaper.get(v.paper_id) ?? [];
    list.push({
      version: v.version,
      fileName: v.file_name,
      kind: v.kind,
      size: v.size,
      sha256: v.sha256,
      uploadedAt: v.uploaded_at,
      uploadedBy: { id: v.uploaded_by, name: v.uploaded_by_name },
      extraction: v.extraction,
      pages: v.extraction === 'done' ? v.pages : null,
    });
    byPaper.set(v.paper_id, list);
  }
  return papers.flatMap((p) => {
    const list = byPaper.get(p.id) ?? [];
    const current = list[0];
    if (!current) return [];
    return [
      {
        id: p.id,
        meetingId: p.meeting_id,
        itemId: p.item_id,
        title: p.title,
        current,
        versions: list,
        removedAt: p.removed_at,
        removedBy: p.removed_by && p.removed_by_name ? { id: p.removed_by, name: p.removed_by_name } : null,
      },
    ];
  });
}
