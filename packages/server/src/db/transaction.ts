import type { Db } from './connection.ts';

/**
 * Runs `work` in one SQLite transaction. The repositories are async in shape but synchronous
 * underneath, so `work` finishes within microtasks and no other request's statements can slip in
 * between; `work` must therefore await repository calls only, never real I/O.
 */
export async function inTransaction<T>(db: Db, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
