import { type Actor, COUNCIL_ROLES, type SearchHit, type SearchType } from '@council/shared';
import type { Db } from '../../db/connection.ts';
import { ftsQuery } from './ftsQuery.ts';

export class SearchRepo {
  constructor(private readonly db: Db) {}

  /**
   * Ranked hits the actor may see: rows visible to all, the council's rows for the council, and a
   * closed group's rows for its members. Title matches weigh five times body matches.
   */
  async search(actor: Actor, query: { q: string; type?: SearchType; limit: number }): Promise<SearchHit[]> {
    const match = ftsQuery(query.q);
    if (!match) return [];
    const where = ['search_fts MATCH ?'];
    const params: (string | number)[] = [match];
    if (query.type) where.push('s.type = ?') && params.push(query.type);
    if (!COUNCIL_ROLES.includes(actor.role)) {
      const groups = Object.keys(actor.groups).map((id) => `group:${id}`);
      where.push(`s.visibility IN (${['all', ...groups].map(() => '?').join(', ')})`);
      params.push('all', ...groups);
    }
    return this.db
      .prepare<(string | number)[], SearchHit>(
        `SELECT s.type, s.ref, s.title, s.url, snippet(search_fts, 1, char(2), char(3), '…', 16) AS snippet
         FROM search_fts JOIN search_docs s ON s.id = search_fts.rowid
         WHERE ${where.join(' AND ')}
         ORDER BY bm25(search_fts, 5.0, 1.0) LIMIT ?`,
      )
      .all(...params, query.limit);
  }
}
