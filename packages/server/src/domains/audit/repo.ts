import type { AuditEntry, AuditPage } from '@council/shared';
import type { Db } from '../../db/connection.ts';

export class AuditRepo {
  constructor(private readonly db: Db) {}

  async record(actorId: string | null, action: string, resource: string, details: object = {}): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO audit (at, actor_id, actor_name, action, resource, details)
         VALUES (?, ?, (SELECT name FROM people WHERE id = ?), ?, ?, ?)`,
      )
      .run(new Date().toISOString(), actorId, actorId, action, resource, JSON.stringify(details));
  }

  /** How many `action` rows a resource has had since its latest `since` row (all of them if none). */
  async countSince(resource: string, action: string, since: string): Promise<number> {
    const row = this.db
      .prepare<[string, string, string, string], { n: number }>(
        `SELECT count(*) AS n FROM audit WHERE resource = ? AND action = ?
         AND id > coalesce((SELECT max(id) FROM audit WHERE resource = ? AND action = ?), 0)`,
      )
      .get(resource, action, resource, since);
    return row?.n ?? 0;
  }

  /** Newest first, a page at a time (keyset on id); `area` is the first part of the action, `resource` one resource. */
  async list(filter: { area?: string; resource?: string; before?: number; limit: number }): Promise<AuditPage> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.area) {
      where.push('a.action LIKE ?');
      params.push(`${filter.area}.%`);
    }
    if (filter.resource) {
      where.push('a.resource = ?');
      params.push(filter.resource);
    }
    if (filter.before) {
      where.push('a.id < ?');
      params.push(filter.before);
    }
    const rows = this.db
      .prepare<(string | number)[], Omit<AuditEntry, 'details'> & { details: string }>(
        `SELECT a.id, a.at, a.actor_id AS actorId, a.actor_name AS actorName, a.action, a.resource, a.details
         FROM audit a
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY a.id DESC LIMIT ?`,
      )
      .all(...params, filter.limit + 1);
    const entries = rows.slice(0, filter.limit).map((row) => ({ ...row, details: JSON.parse(row.details) }));
    return { entries, nextBefore: rows.length > filter.limit ? (entries.at(-1)?.id ?? null) : null };
  }
}
