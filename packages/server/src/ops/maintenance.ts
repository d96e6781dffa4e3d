import fs from 'node:fs';
import { migrateDocument } from '@council/shared';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { SqliteDocumentStore } from '../collab/DocumentStore.ts';
import type { Db } from '../db/connection.ts';
import { DecisionsRepo } from '../domains/decisions/repo.ts';
import { projectDocument } from '../domains/projections.ts';
import { indexDecisions, indexPeople } from '../domains/search/indexer.ts';

/** Online backup: SQLite's backup API copies a consistent snapshot while the server keeps writing. */
export async function backupDatabase(db: Db, destination: string): Promise<void> {
  if (fs.existsSync(destination)) throw new Error(`${destination} exists; choose a new file name.`);
  await db.backup(destination);
}

/**
 * Replaces the database file with a backup. The server must be stopped: a running server would keep
 * writing to the file it has open. The backup is checked before anything is replaced.
 */
export function restoreDatabase(backup: string, databaseFile: string): void {
  const check = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`The backup fails SQLite's integrity check: ${integrity}`);
    const hasSchema = check.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get();
    if (!hasSchema) throw new Error('The file is not a Council database.');
  } finally {
    check.close();
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  fs.copyFileSync(backup, databaseFile);
}

/**
 * Brings every document to the current shape and rebuilds every read model and the search index
 * from them; returns how many documents were projected. Run with the server stopped: a migration is
 * appended to the document's update log, as the server would log it.
 */
export async function reindex(db: Db): Promise<number> {
  const store = new SqliteDocumentStore(db);
  const names = await store.names();
  for (const name of names) {
    const { state, updates } = await store.load(name);
    const doc = new Y.Doc();
    if (state) Y.applyUpdate(doc, state);
    for (const update of updates) Y.applyUpdate(doc, update);
    const log = (update: Uint8Array) => store.appendUpdate(name, update);
    doc.on('update', log);
    migrateDocument(name, doc);
    doc.off('update', log);
    projectDocument(db, name, doc);
    doc.destroy();
  }
  indexPeople(db);
  indexDecisions(db, await new DecisionsRepo(db).all(true));
  return names.length;
}
