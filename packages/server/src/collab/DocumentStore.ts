import type { Db } from '../db/connection.ts';

export interface StoredDocument {
  /** Compacted state, or null for a document never compacted. */
  state: Uint8Array | null;
  /** Updates accepted since that state, oldest first. */
  updates: Uint8Array[];
}

/**
 * Where collaboration documents live. `appendUpdate` must be durable when it returns (the SQLite
 * implementation writes synchronously, so the caller may acknowledge right after); `compact`
 * replaces the state and drops the log entries it covers.
 */
export interface DocumentStore {
  load(name: string): Promise<StoredDocument>;
  appendUpdate(name: string, update: Uint8Array): number;
  /** Replace state and drop the log entries with seq ≤ throughSeq. */
  compact(name: string, state: Uint8Array, throughSeq: number): Promise<void>;
  logLength(name: string): number;
  names(): Promise<string[]>;
}

export class SqliteDocumentStore implements DocumentStore {
  private readonly stmts;
  /** The next seq of each document with a log, so that an append is one INSERT (this process is the only writer). */
  private readonly nextSeq = new Map<string, number>();

  constructor(private readonly db: Db) {
    this.stmts = {
      state: db.prepare<[string], { state: Buffer }>('SELECT state FROM documents WHERE name = ?'),
      updates: db.prepare<[string], { data: Buffer }>('SELECT data FROM document_updates WHERE name = ? ORDER BY seq'),
      lastSeq: db.prepare<[string], { seq: number | null }>(
        'SELECT max(seq) AS seq FROM document_updates WHERE name = ?',
      ),
      append: db.prepare<[string, number, Uint8Array]>(
        'INSERT INTO document_updates (name, seq, data) VALUES (?, ?, ?)',
      ),
      upsertState: db.prepare<[string, Uint8Array, string]>(
        `INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      ),
      dropLog: db.prepare<[string, number]>('DELETE FROM document_updates WHERE name = ? AND seq <= ?'),
      count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM document_updates WHERE name = ?'),
      names: db.prepare<[], { name: string }>(
        'SELECT name FROM documents UNION SELECT DISTINCT name FROM document_updates ORDER BY name',
      ),
    };
  }

  async load(name: string): Promise<StoredDocument> {
    const read = this.db.transaction(() => ({
      state: this.stmts.state.get(name)?.state ?? null,
      updates: this.stmts.updates.all(name).map((r) => r.data),
    }));
    return read();
  }

  appendUpdate(name: string, update: Uint8Array): number {
    const seq = this.nextSeq.get(name) ?? (this.stmts.lastSeq.get(name)?.seq ?? 0) + 1;
    this.stmts.append.run(name, seq, update);
    this.nextSeq.set(name, seq + 1);
    return seq;
  }

  async compact(name: string, state: Uint8Array, throughSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.stmts.upsertState.run(name, state, new Date().toISOString());
      this.stmts.dropLog.run(name, throughSeq);
    })();
    // The log is empty now unless something was appended after throughSeq; numbering may restart.
    if (this.nextSeq.get(name) === throughSeq + 1) this.nextSeq.delete(name);
  }

  logLength(name: string): number {
    return this.stmts.count.get(name)?.n ?? 0;
  }

  async names(): Promise<string[]> {
    return this.stmts.names.all().map((r) => r.name);
  }
}
