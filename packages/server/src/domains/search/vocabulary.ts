import type { Db } from '../../db/connection.ts';
import { type Candidate, candidatePieces, maxEdits, nearest } from './spelling.ts';
import { stemOf, wordsOf } from './words.ts';

/**
 * The vocabulary of the search index: `search_words` (migration 015) counts, per word and
 * visibility, the search rows that contain it, and keeps each word's Danish stem. Search reads it
 * twice: for the forms of a query word's stem, and for spelling suggestions. Keeping the visibility
 * is what keeps suggestions from leaking: a word that only occurs in a confidential item or a
 * closed group is never offered to someone who may not read it, exactly as its rows are never shown
 * to them.
 */

/** Changes to the counts, gathered over a transaction and written once: indexing 1,000 decisions repeats most words. */
export class VocabularyChanges {
  private readonly deltas = new Map<string, number>();

  /** Counts the words of a row in (+1) or out (-1). */
  add(text: string, visibility: string, sign: 1 | -1): void {
    for (const word of wordsOf(text)) {
      const key = `${visibility}\u0000${word}`;
      this.deltas.set(key, (this.deltas.get(key) ?? 0) + sign);
    }
  }

  write(db: Db): void {
    const upsert = db.prepare(
      `INSERT INTO search_words (word, visibility, docs, stem) VALUES (?, ?, ?, ?)
       ON CONFLICT (word, visibility) DO UPDATE SET docs = docs + excluded.docs`,
    );
    const subtract = db.prepare('UPDATE search_words SET docs = docs - ? WHERE word = ? AND visibility = ?');
    const dropUnused = db.prepare('DELETE FROM search_words WHERE word = ? AND visibility = ? AND docs <= 0');
    for (const [key, delta] of this.deltas) {
      if (delta === 0) continue;
      const [visibility, word] = key.split('\u0000') as [string, string];
      if (delta > 0) upsert.run(word, visibility, delta, stemOf(word));
      else {
        subtract.run(-delta, word, visibility);
        dropUnused.run(word, visibility);
      }
    }
    this.deltas.clear();
  }
}

/** More forms than any Danish word has; it bounds the query a stem can expand into. */
const MAX_FORMS = 32;

/**
 * The words of the index with this stem ("støttesystemer", "støttesystemet" for "støttesystem").
 * Drawn from every visibility: they only widen the query, whose hits are still filtered, so a form
 * the reader may not see can only match rows that contain it and that they may see.
 */
export function formsOf(db: Db, stem: string): string[] {
  return db
    .prepare<[string], { word: string }>(`SELECT DISTINCT word FROM search_words WHERE stem = ? LIMIT ${MAX_FORMS}`)
    .all(stem)
    .map((r) => r.word);
}

/** Bounds the work for a word whose pieces are very common; far more than any real lookup reads. */
const MAX_CANDIDATES = 5000;

/**
 * The word of the vocabulary the reader may see that is nearest to `word` (lower case), or null.
 * `visible` is the list of visibilities the reader may see, or null for all of them (the council).
 * One edit is tried first, with long pieces that read few entries; two only when that finds nothing.
 */
export function suggest(db: Db, word: string, visible: string[] | null): string | null {
  const length = [...word].length;
  const allowed = maxEdits(length);
  const visibility = visible ? `AND w.visibility IN (${visible.map(() => '?').join(', ')})` : '';
  const lookup = db.prepare<(string | number)[], Candidate>(
    `SELECT w.word, sum(w.docs) AS docs FROM search_words_fts f JOIN search_words w ON w.id = f.rowid
     WHERE search_words_fts MATCH ? AND length(w.word) BETWEEN ? AND ? ${visibility}
     GROUP BY w.word LIMIT ${MAX_CANDIDATES}`,
  );
  for (let edits = 1; edits <= allowed; edits++) {
    const match = candidatePieces(word, edits)
      .map((piece) => `"${piece.replaceAll('"', '""')}"`)
      .join(' OR ');
    const candidates = lookup.all(match, length - edits, length + edits, ...(visible ?? []));
    const best = nearest(word, candidates, edits);
    if (best) return best.word;
  }
  return null;
}
