import { type Actor, COUNCIL_ROLES, type SearchHit, type SearchType } from '@council/shared';
import type { Db } from '../../db/connection.ts';
import { ftsQuery, ftsWords } from './ftsQuery.ts';
import { snippet } from './snippet.ts';

/** How many of the newest matches are ranked; see `search`. */
const CANDIDATES = 300;

const tag = (value: string) => `"|${value.replaceAll('"', '""')}|"`;

/**
 * Search over the index that `indexer.ts` writes.
 *
 * Why not FTS5's bm25 over all matches: its cost grows with the number of matches (a common word
 * matches most of an archive), and its IDF statistics read whole posting lists. Instead FTS5 walks
 * matches newest first and stops after CANDIDATES (type and visibility are FTS columns, so that
 * filtering happens inside that walk), and those are ranked here: title matches first (all words in
 * the title, then some), then newest first. The cost stays flat as the archive grows; see
 * docs/benchmarks.md.
 */
export class SearchRepo {
  constructor(private readonly db: Db) {}

  /** Hits the actor may see: rows visible to all, the council's rows for the council, a closed group's for its members. */
  async search(actor: Actor, query: { q: string; type?: SearchType; limit: number }): Promise<SearchHit[]> {
    const words = ftsWords(query.q);
    if (words.length === 0) return [];
    const parts = [`{title body} : (${ftsQuery(query.q)})`];
    if (query.type) parts.push(`type : ${tag(query.type)}`);
    if (!COUNCIL_ROLES.includes(actor.role)) {
      const visible = ['all', ...Object.keys(actor.groups).map((id) => `group:${id}`)];
      parts.push(`(${visible.map((v) => `visibility : ${tag(v)}`).join(' OR ')})`);
    }
    const candidates = this.db
      .prepare<[string], { id: number; title: string }>(
        `SELECT s.id, s.title FROM search_fts JOIN search_docs s ON s.id = search_fts.rowid
         WHERE search_fts MATCH ? ORDER BY search_fts.rowid DESC LIMIT ${CANDIDATES}`,
      )
      .all(parts.join(' AND '));
    const lowerWords = words.map((w) => w.toLocaleLowerCase('da'));
    const titleScore = (title: string) => {
      const lower = title.toLocaleLowerCase('da');
      const found = lowerWords.filter((w) => lower.includes(w)).length;
      return found === lowerWords.length ? 2 : found > 0 ? 1 : 0;
    };
    const top = candidates
      .map((c, newest) => ({ id: c.id, score: titleScore(c.title), newest }))
      .sort((a, b) => b.score - a.score || a.newest - b.newest)
      .slice(0, query.limit);
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
        ? [{ type: row.type, ref: row.ref, title: row.title, url: row.url, snippet: snippet(row.body, lowerWords) }]
        : [];
    });
  }
}
