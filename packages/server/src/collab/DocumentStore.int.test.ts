import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../db/connection.ts';
import { MIGRATIONS } from '../db/migrations/index.ts';
import { tempDatabaseFile } from '../testing/server.ts';
import { SqliteDocumentStore } from './DocumentStore.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const logOf = async (store: SqliteDocumentStore, name: string) =>
  (await store.load(name)).updates.map((update) => [...update]);

describe('SqliteDocumentStore', () => {
  it('keeps each document its own log, in order, through compaction and a restart', async () => {
    const file = tempDatabaseFile();
    const db = openDatabase(file);
    const store = new SqliteDocumentStore(db);
    expect(store.appendUpdate('a', bytes(1))).toBe(1);
    expect(store.appendUpdate('b', bytes(10))).toBe(1);
    expect(store.appendUpdate('a', bytes(2))).toBe(2);
    const throughSeq = store.appendUpdate('a', bytes(3));
    await store.compact('a', bytes(99), 2);
    expect(await logOf(store, 'a')).toEqual([[3]]);
    expect(await logOf(store, 'b')).toEqual([[10]]);

    await store.compact('a', bytes(98), throughSeq);
    expect(await store.load('a')).toEqual({ state: Buffer.from([98]), updates: [] });
    store.appendUpdate('a', bytes(4));
    db.close();

    const reopened = new SqliteDocumentStore(openDatabase(file));
    reopened.appendUpdate('a', bytes(5));
    reopened.appendUpdate('b', bytes(11));
    expect(await logOf(reopened, 'a')).toEqual([[4], [5]]);
    expect(await logOf(reopened, 'b')).toEqual([[10], [11]]);
    expect(reopened.logLength('a')).toBe(2);
    expect(await reopened.names()).toEqual(['a', 'b']);
  });

  it('keeps a log written before the log was keyed by document (migration 6)', async () => {
    const file = tempDatabaseFile();
    const before = new Database(file);
    before.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)');
    for (const m of MIGRATIONS.filter((m) => m.version < 6)) {
      before.exec(m.sql);
      before.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
    }
    const insert = before.prepare('INSERT INTO document_updates (name, data) VALUES (?, ?)');
    for (const [name, value] of [
      ['a', 1],
      ['b', 10],
      ['a', 2],
      ['b', 11],
      ['a', 3],
    ] as const)
      insert.run(name, bytes(value));
    migrate(before);
    before.close();

    const store = new SqliteDocumentStore(openDatabase(file));
    expect(await logOf(store, 'a')).toEqual([[1], [2], [3]]);
    expect(await logOf(store, 'b')).toEqual([[10], [11]]);
    store.appendUpdate('a', bytes(4));
    expect(await logOf(store, 'a')).toEqual([[1], [2], [3], [4]]);
  });
});
