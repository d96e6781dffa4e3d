import type { Db } from '../db/connection.ts';

export interface StoredDocument {
  /** Compacted state, or null for a document never compacted. */
  state: Uint8Array | null;
  /** Updates accepted since that state, oldest first. */
  updates: Uint8Array[];
}

/** Writes are failing: since when, and the last error. */
export interface WriteFailure {
  since: string;
  error: string;
}

/**
 * Where collaboration documents live. `appendUpdate` must be durable when it returns (the SQLite
 * implementation writes synchronously, so the caller may acknowledge right after) and throws when
 * it is not, leaving nothing behind; `compact` replaces the state and drops the log entries it covers.
 */
export interface DocumentStore {
  load(name: string): Promise<StoredDocument>;
  appendUpdate(name: string, update: Uint8Array): number;
  /** Replace state and drop the log entries with seq ≤ throughSeq. */
  compact(name: string, state: Uint8Array, throughSeq: number): Promise<void>;
  logLength(name: string): number;
  names(): Promise<string[]>;
  /** Null while writes work; after a failed write, whether they work again (it may try one). */
  writeFailure(): WriteFailure | null;
}

/** The probe's row: no document is named with a NUL byte, and the row never outlives its transaction. */
const PROBE_NAME = '\u0000health-probe';
/**
 * Not tiny: a write that fails for want of space has written some of its pages to the WAL first,
 * and a later write may reuse that room. On a full 4 MB tmpfs a 256-byte probe succeeded right after
 * an append had failed with SQLITE_FULL; 64 KB (17 pages) is more than a failed append of
 * ordinary edits leaves behind.
 */
const PROBE_BYTES = 64 * 1024;

export class SqliteDocumentStore implements DocumentStore {
  private readonly stmts;
  /** The next seq of each document with a log, so that an append is one INSERT (this process is the only writer). */
  private readonly nextSeq = new Map<string, number>();
  /** Set by a failed write, cleared by the next one that succeeds; what /api/health reports. */
  private failure: WriteFailure | null = null;

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
      dropAll: db.prepare<[string]>('DELETE FROM document_updates WHERE name = ?'),
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
    // One INSERT in autocommit mode: when it fails (disk full, I/O error, locked, read-only) SQLite
    // rolls it back whole, and nextSeq stays, so the next append takes the seq this one did not.
    try {
      this.stmts.append.run(name, seq, update);
    } catch (error) {
      throw this.failed(error);
    }
    this.failure = null;
    this.nextSeq.set(name, seq + 1);
    return seq;
  }

  async compact(name: string, state: Uint8Array, throughSeq: number): Promise<void> {
    try {
      this.db.transaction(() => {
        this.stmts.upsertState.run(name, state, new Date().toISOString());
        this.stmts.dropLog.run(name, throughSeq);
      })();
    } catch (error) {
      throw this.failed(error);
    }
    this.failure = null;
    // The log is empty now unless something was appended after throughSeq; numbering may restart.
    if (this.nextSeq.get(name) === throughSeq + 1) this.nextSeq.delete(name);
  }

  /**
   * Null when writes work. While a write has failed, each call tries a small write of the same
   * kind as an append (a row inserted into the log and deleted again, in one committed
   * transaction), so that health turns good as soon as the disk has room or the lock is gone
   * rather than at the next append, which comes only when a client resends, or never if all have
   * left. It is an insert into the log so that whatever makes appends fail makes it fail too.
   */
  writeFailure(): WriteFailure | null {
    if (!this.failure) return null;
    try {
      this.db.transaction(() => {
        this.stmts.append.run(PROBE_NAME, 0, new Uint8Array(PROBE_BYTES));
        this.stmts.dropAll.run(PROBE_NAME);
      })();
      this.failure = null;
    } catch (error) {
      this.failed(error);
    }
    return this.failure;
  }

  /** Notes a failed write (keeping when the failing began) and hands the error back to rethrow. */
  private failed(error: unknown): unknown {
    const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? `${error.code}: ` : '';
    this.failure = {
      since: this.failure?.since ?? new Date().toISOString(),
      error: code + (error instanceof Error ? error.message : String(error)),
    };
    return error;
  }

  logLength(name: string): number {
    return this.stmts.count.get(name)?.n ?? 0;
  }

  async names(): Promise<string[]> {
    return this.stmts.names.all().map((r) => r.name);
  }
}
