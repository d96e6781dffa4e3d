import { type Actor, COUNCIL_ROLES, type SearchHit, type SearchResult, type SearchType } from '@council/shared';
import type { Db } from '../../db/connection.ts';
import { ftsWords } from './ftsQuery.ts';
import { snippet } from './snippet.ts';
import { formsOf, suggest } from './vocabulary.ts';
import { isPlainWord, minimalPhrases, stemOf } from './words.ts';

/** How many of the newest matches are ranked; see `search`. */
const CANDIDATES = 300;

const tag = (value: string) => `"|${value.replaceAll('"', '""')}|"`;
const phrase = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** A query word as searched. */
interface Term {
  lower: string;
  /** Its Danish stem, for a plain word: words of the text with this stem are marked in snippets. */
  stem: string | null;
  /** What it matches as trigram phrases: itself and the other forms of its stem in the index. */
  phrases: string[];
}

/**
 * The FTS5 condition for one word: any of its phrases anywhere in title or body. A trigram phrase
 * matches inside longer words, so Danish compounds match their parts. Every phrase is quoted, so
 * nothing a person types is FTS syntax.
 */
const termMatch = (t: Term) => `{title body} : (${t.phrases.map(phrase).join(' OR ')})`;

/** The visibilities an actor may see, or null for the council, who may see them all. */
function visibleTo(actor: Actor): string[] | null {
  if (COUNCIL_ROLES.includes(actor.role)) return null;
  return ['all', ...Object.keys(actor.groups).map((id) => `group:${id}`)];
}

/**
 * Search over the index that `indexer.ts` writes.
 *
 * Why not FTS5's bm25 over all matches: its cost grows with the number of matches (a common word
 * matches most of an archive), and its IDF statistics read whole posting lists. Instead FTS5 walks
 * matches newest first and stops after CANDIDATES (type and visibility are FTS columns, so that
 * filtering happens inside that walk), and those are ranked here: title matches first (all words in
 * the title, then some), then newest first. The cost stays flat as the archive grows; see
 * docs/benchmarks.md.
 *
 * It forgives: each word also finds the other forms of its Danish stem, and when the query finds
 * nothing, words that match nothing are replaced by the nearest word of the reader's own vocabulary
 * (`vocabulary.ts`), and the response says so.
 */
export class SearchRepo {
  constructor(private readonly db: Db) {}

  /**
   * A word and the forms of its stem that the index holds, as few phrases as cover them. Why forms
   * from the vocabulary rather than stems in the index: the vocabulary knows every word with that
   * stem, so the trigram index can be asked as it is. "kommunerne" becomes the phrase "kommune",
   * which finds "kommuner" and "kommunekontoret" but not "kommunikation", a word of another stem.
   * Stems as an extra FTS column did the same with a 40% larger index and slower queries (see
   * docs/benchmarks.md).
   */
  private termOf(word: string): Term {
    const lower = word.toLocaleLowerCase('da');
    if (!isPlainWord(lower)) return { lower, stem: null, phrases: [lower] };
    const stem = stemOf(lower);
    return { lower, stem, phrases: minimalPhrases([lower, ...formsOf(this.db, stem)]) };
  }

  /** Hits the actor may see: rows visible to all, the council's rows for the council, a closed group's for its members. */
  async search(actor: Actor, query: { q: string; type?: SearchType; limit: number }): Promise<SearchResult> {
    const words = ftsWords(query.q);
    if (words.length === 0) return { hits: [], correction: null };
    const visible = visibleTo(actor);
    const filter = { type: query.type, visible };
    const terms = words.map((w) => this.termOf(w));
    const hits = this.find(terms, filter, query.limit);
    if (hits.length > 0) return { hits, correction: null };

    // Nothing found: replace each word that finds nothing on its own by its nearest visible word.
    let corrected = false;
    const replaced = terms.map((term, i) => {
      const word = words[i] as string;
      if (!isPlainWord(word) || (terms.length > 1 && this.matches([term], filter))) return word;
      const suggestion = suggest(this.db, term.lower, visible);
      if (suggestion) corrected = true;
      return suggestion ?? word;
    });
    if (!corrected) return { hits: [], correction: null };
    const correctedHits = this.find(
      replaced.map((w) => this.termOf(w)),
      filter,
      query.limit,
    );
    // A suggestion is only made where it finds something, under the same filters as the query.
    return correctedHits.length > 0
      ? { hits: correctedHits, correction: { query: replaced.join(' ') } }
      : { hits: [], correction: null };
  }

  /** The FTS5 query: every word required, then the type and the visibilities. */
  private matchExpression(terms: Term[], filter: { type?: SearchType; visible: string[] | null }): string {
    const parts = terms.map(termMatch);
    if (filter.type) parts.push(`type : ${tag(filter.type)}`);
    if (filter.visible) parts.push(`(${filter.visible.map((v) => `visibility : ${tag(v)}`).join(' OR ')})`);
    return parts.join(' AND ');
  }

  private matches(terms: Term[], filter: { type?: SearchType; visible: string[] | null }): boolean {
    return (
      this.db
        .prepare<[string], { one: number }>('SELECT 1 AS one FROM search_fts WHERE search_fts MATCH ? LIMIT 1')
        .get(this.matchExpression(terms, filter)) !== undefined
    );
  }

  private find(terms: Term[], filter: { type?: SearchType; visible: string[] | null }, limit: number): SearchHit[] {
    const candidates = this.db
      .prepare<[string], { id: number; title: string; type: SearchType; ref: string }>(
        `SELECT s.id, s.title, s.type, s.ref FROM search_fts JOIN search_docs s ON s.id = search_fts.rowid
         WHERE search_fts MATCH ? ORDER BY search_fts.rowid DESC LIMIT ${CANDIDATES}`,
      )
      .all(this.matchExpression(terms, filter));
    const phrases = terms.flatMap((t) => t.phrases);
    const stems = terms.flatMap((t) => (t.stem ? [t.stem] : []));
    // Titles with every word first, then some; among equals, words as typed before other forms.
    const titleScore = (title: string) => {
      const lower = title.toLocaleLowerCase('da');
      const found = terms.filter((t) => t.phrases.some((p) => lower.includes(p))).length;
      const asTyped = terms.filter((t) => lower.includes(t.lower)).length;
      return (found === terms.length ? 2 : found > 0 ? 1 : 0) * (terms.length + 1) + asTyped;
    };
    const ranked = candidates
      .map((c, newest) => ({ id: c.id, ref: c.ref, type: c.type, score: titleScore(c.title), newest }))
      .sort((a, b) => b.score - a.score || a.newest - b.newest);
    const top = onePerPaper(ranked).slice(0, limit);
    if (top.length === 0) return [];
    const rows = this.db
      .prepare<
        number[],
        { id: number; type: SearchHit['type']; ref: string; title: string; url: string; body: string }
      >(`SELECT id, type, ref, title, url, body FROM search_docs WHERE id IN (${top.map(() => '?').join(', ')})`)
      .all(...top.map((t) => t.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return top.flatMap(({ id }) => {
      const row = byId.get(id);
      return row
        ? [
            {
              type: row.type,
              ref: row.ref,
              title: row.type === 'paper' && !row.title ? this.paperTitle(row.ref) : row.title,
              url: row.url,
              snippet: snippet(row.body, phrases, stems),
            },
          ]
        : [];
    });
  }

  /** A paper's title is indexed on its first page only (see papers/searchIndex.ts); a later page's hit borrows it. */
  private paperTitle(ref: string): string {
    const paper = ref.slice(0, ref.lastIndexOf(':') + 1);
    return (
      this.db
        .prepare<[string, string], { title: string }>(
          `SELECT title FROM search_docs WHERE type = 'paper' AND ref >= ? AND ref < ? AND title != '' LIMIT 1`,
        )
        .get(paper, `${paper.slice(0, -1)};`)?.title ?? ''
    );
  }
}

/**
 * A paper is indexed page by page (`<item>:<paper>:<page>`), but found once: its best-ranked page,
 * the first such page when several rank alike.
 */
function onePerPaper<T extends { type: SearchType; ref: string; score: number }>(ranked: T[]): T[] {
  const kept: T[] = [];
  const at = new Map<string, number>();
  const page = (ref: string) => Number(ref.slice(ref.lastIndexOf(':') + 1));
  for (const hit of ranked) {
    if (hit.type !== 'paper') {
      kept.push(hit);
      continue;
    }
    const paper = hit.ref.slice(0, hit.ref.lastIndexOf(':'));
    const index = at.get(paper);
    const best = index === undefined ? undefined : kept[index];
    if (index === undefined || !best) {
      at.set(paper, kept.length);
      kept.push(hit);
    } else if (best.score === hit.score && page(hit.ref) < page(best.ref)) kept[index] = hit;
  }
  return kept;
}
