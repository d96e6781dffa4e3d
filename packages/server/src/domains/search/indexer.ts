import type { DecisionRecord, SearchType } from '@council/shared';
import type { Db } from '../../db/connection.ts';
import { VocabularyChanges } from './vocabulary.ts';

/**
 * Writes the search index. Each function replaces every row of its source in one transaction, so
 * it can run after any change, in any order, and `reindex` is simply all of them.
 */
export interface IndexRow {
  type: SearchType;
  ref: string;
  title: string;
  body: string;
  url: string;
  visibility: string;
}

type StoredRow = IndexRow & { id: number; source: string };

/**
 * Writes rows of one source, keeping the vocabulary (`search_words`) in step. A row
 * whose content is unchanged is left alone: a projection rewrites a meeting's rows every few
 * seconds while someone types in one item, and rewriting the others cost FTS churn for nothing.
 */
class Writer {
  private readonly vocabulary = new VocabularyChanges();
  private readonly byKey;
  private readonly upsert;
  private readonly remove;

  constructor(private readonly db: Db) {
    this.byKey = db.prepare<[string, string], StoredRow>(
      'SELECT id, type, ref, source, title, body, url, visibility FROM search_docs WHERE type = ? AND ref = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO search_docs (type, ref, source, title, body, url, visibility) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (type, ref) DO UPDATE SET source = excluded.source, title = excluded.title, body = excluded.body,
         url = excluded.url, visibility = excluded.visibility`,
    );
    this.remove = db.prepare('DELETE FROM search_docs WHERE id = ?');
  }

  /** `old` is the row stored under the same type and ref, if the caller has read it already. */
  write(source: string, row: IndexRow, old = this.byKey.get(row.type, row.ref)): void {
    if (
      old &&
      old.source === source &&
      old.title === row.title &&
      old.body === row.body &&
      old.url === row.url &&
      old.visibility === row.visibility
    )
      return;
    if (old) this.vocabulary.add(`${old.title}\n${old.body}`, old.visibility, -1);
    this.vocabulary.add(`${row.title}\n${row.body}`, row.visibility, 1);
    this.upsert.run(row.type, row.ref, source, row.title, row.body, row.url, row.visibility);
  }

  delete(old: StoredRow): void {
    this.vocabulary.add(`${old.title}\n${old.body}`, old.visibility, -1);
    this.remove.run(old.id);
  }

  /** Writes the vocabulary's changes; call it last, inside the same transaction. */
  finish(): void {
    this.vocabulary.write(this.db);
  }
}

export function replaceSource(db: Db, source: string, rows: IndexRow[]): void {
  db.transaction(() => {
    const writer = new Writer(db);
    const existing = new Map(
      db
        .prepare<[string], StoredRow>(
          'SELECT id, type, ref, source, title, body, url, visibility FROM search_docs WHERE source = ?',
        )
        .all(source)
        .map((row) => [`${row.type}\u0000${row.ref}`, row]),
    );
    // The last row for a key wins, as it did when each row was simply upserted in turn.
    const wanted = new Map(rows.map((r) => [`${r.type}\u0000${r.ref}`, r]));
    for (const [key, row] of existing) if (!wanted.has(key)) writer.delete(row);
    for (const [key, r] of wanted) writer.write(source, r, existing.get(key));
    writer.finish();
  })();
}

export function indexDecisions(db: Db, decisions: DecisionRecord[]): void {
  db.transaction(() => {
    const writer = new Writer(db);
    for (const d of decisions) {
      writer.write('decisions', {
        type: 'decision',
        ref: String(d.id),
        title: d.number ? `${d.number} ${d.title}` : d.title,
        body: `${d.text}\n${d.tags.join(' ')}\n${d.meetingTitle}`,
        url: d.number ? `/decisions/${d.number}` : `/meetings/${d.meetingId}?tab=agenda&item=${d.itemId}`,
        visibility: d.confidential ? 'council' : 'all',
      });
    }
    writer.finish();
  })();
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
