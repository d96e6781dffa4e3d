import fs from 'node:fs';
import path from 'node:path';
import { migrateDocument } from '@council/shared';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { SqliteDocumentStore } from '../collab/DocumentStore.ts';
import type { Db } from '../db/connection.ts';
import { DecisionsRepo } from '../domains/decisions/repo.ts';
import { DiskBlobStore } from '../domains/papers/blobStore.ts';
import { PapersRepo } from '../domains/papers/repo.ts';
import { projectDocument } from '../domains/projections.ts';
import { indexDecisions, indexPeople } from '../domains/search/indexer.ts';

/** Where a backup keeps the papers' files: a folder beside the database file. */
export const backupBlobsOf = (backup: string) => `${backup}.blobs`;

/**
 * Online backup: SQLite's backup API copies a consistent snapshot while the server keeps writing;
 * then every blob that snapshot refers to is copied beside it (blobs never change, and one that is
 * referenced is never collected, so copying after the snapshot is consistent too).
 */
export async function backupDatabase(db: Db, destination: string, blobs?: DiskBlobStore): Promise<number> {
  if (fs.existsSync(destination)) throw new Error(`${destination} exists; choose a new file name.`);
  await db.backup(destination);
  if (!blobs) return 0;
  const snapshot = new Database(destination, { readonly: true });
  const referenced = [...new PapersRepo(snapshot).referenced()];
  snapshot.close();
  const copy = new DiskBlobStore(backupBlobsOf(destination));
  for (const sha256 of referenced) {
    fs.mkdirSync(path.dirname(copy.pathOf(sha256)), { recursive: true });
    fs.copyFileSync(blobs.pathOf(sha256), copy.pathOf(sha256));
  }
  return referenced.length;
}

/**
 * Replaces the database file with a backup. The server must be stopped: a running server would keep
 * writing to the file it has open. The backup is checked before anything is replaced.
 */
export function restoreDatabase(backup: string, databaseFile: string, blobDir?: string): void {
  const check = new Database(backup, { readonly: true, fileMustExist: true });
  let referenced: string[] = [];
  try {
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`The backup fails SQLite's integrity check: ${integrity}`);
    const hasSchema = check.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get();
    if (!hasSchema) throw new Error('The file is not a Council database.');
    const hasPapers = check.prepare("SELECT 1 FROM sqlite_master WHERE name = 'paper_versions'").get();
    if (hasPapers) referenced = [...new PapersRepo(check).referenced()];
  } finally {
    check.close();
  }
  // Every paper the backup lists must come back with it: checked before anything is replaced.
  const source = fs.existsSync(backupBlobsOf(backup)) ? new DiskBlobStore(backupBlobsOf(backup)) : null;
  const target = blobDir ? new DiskBlobStore(blobDir) : null;
  const missing = referenced.filter((sha256) => !source?.has(sha256) && !target?.has(sha256));
  if (missing.length > 0) {
    throw new Error(
      `The backup lists ${missing.length} paper files that are neither beside it nor in the blob folder.`,
    );
  }
  if (source && target) {
    for (const sha256 of referenced) {
      if (target.has(sha256)) continue;
      fs.mkdirSync(path.dirname(target.pathOf(sha256)), { recursive: true });
      fs.copyFileSync(source.pathOf(sha256), target.pathOf(sha256));
    }
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  fs.copyFileSync(backup, databaseFile);
}

/**
 * Removes blobs that no paper version refers to and that are older than `graceMs`: what a crash
 * left between storing a file and recording it. The grace period spares an upload in progress.
 */
export function collectGarbage(db: Db, blobs: DiskBlobStore, graceMs: number, now = Date.now()) {
  const referenced = new PapersRepo(db).referenced();
  let removed = 0;
  let kept = 0;
  for (const blob of blobs.list()) {
    if (referenced.has(blob.sha256) || now - blob.storedAt.getTime() < graceMs) kept++;
    else {
      blobs.remove(blob.sha256);
      removed++;
    }
  }
  return { removed, kept };
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
