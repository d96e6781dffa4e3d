import type { DecisionRecord } from '@council/shared';
import type { Db } from '../../db/connection.ts';

/**
 * Writes the search index. Each function replaces every row of its source in one transaction, so
 * it can run after any change, in any order, and `reindex` is simply all of them.
 */
export interface IndexRow {
  type: 'minutes' | 'agenda' | 'decision' | 'group' | 'task' | 'initiative' | 'person';
  ref: string;
  title: string;
  body: string;
  url: string;
  visibility: string;
}

export function replaceSource(db: Db, source: string, rows: IndexRow[]): void {
  const insert = db.prepare(
    `INSERT INTO search_docs (type, ref, source, title, body, url, visibility) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (type, ref) DO UPDATE SET source = excluded.source, title = excluded.title, body = excluded.body,
       url = excluded.url, visibility = excluded.visibility`,
  );
  db.transaction(() => {
    const keep = new Set(rows.map((r) => `${r.type}\u0000${r.ref}`));
    const existing = db
      .prepare<[string], { id: number; type: string; ref: string }>(
        'SELECT id, type, ref FROM search_docs WHERE source = ?',
      )
      .all(source);
    for (const row of existing)
      if (!keep.has(`${row.type}\u0000${row.ref}`)) db.prepare('DELETE FROM search_docs WHERE id = ?').run(row.id);
    for (const r of rows) insert.run(r.type, r.ref, source, r.title, r.body, r.url, r.visibility);
  })();
}

export function indexDecisions(db: Db, decisions: DecisionRecord[]): void {
  const insert = db.prepare(
    `INSERT INTO search_docs (type, ref, source, title, body, url, visibility) VALUES ('decision', ?, 'decisions', ?, ?, ?, ?)
     ON CONFLICT (type, ref) DO UPDATE SET title = excluded.title, body = excluded.body, url = excluded.url, visibility = excluded.visibility`,
  );
  db.transaction(() => {
    for (const d of decisions) {
      insert.run(
        String(d.id),
        d.number ? `${d.number} ${d.title}` : d.title,
        `${d.text}\n${d.tags.join(' ')}\n${d.meetingTitle}`,
        d.number ? `/decisions/${d.number}` : `/meetings/${d.meetingId}?tab=agenda&item=${d.itemId}`,
        d.confidential ? 'council' : 'all',
      );
    }
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
