import type * as Y from 'yjs';

/**
 * Every document records the version of its shape in `meta.schemaVersion`. A document without one
 * was written before versions existed (schema 1); an empty document has no shape yet. Migrations run
 * when the server loads a document and in `council reindex`; each is idempotent, so running one on a
 * document that is already of its shape changes nothing.
 */
export const META_FIELD = 'meta';

export function schemaVersionOf(doc: Y.Doc): number {
  const version = doc.getMap(META_FIELD).get('schemaVersion');
  return typeof version === 'number' && Number.isInteger(version) && version > 0 ? version : 1;
}

export interface Migration {
  /** The version this migration produces, from the one before it. */
  to: number;
  up(doc: Y.Doc): void;
}

/** Origin of the transaction that migrates, so observers (undo managers) can ignore it. */
export const MIGRATION_ORIGIN = 'council:migration';

const isEmpty = (doc: Y.Doc) =>
  [...doc.share.values()].every((type) => type._start === null && (type._map?.size ?? 0) === 0);

/** Runs the migrations a document needs, in one transaction; returns the versions it went through. */
export function migrate(doc: Y.Doc, migrations: readonly Migration[]): number[] {
  const current = migrations.at(-1)?.to ?? 1;
  if (isEmpty(doc)) return [];
  const from = schemaVersionOf(doc);
  const pending = migrations.filter((m) => m.to > from);
  if (pending.length === 0) return [];
  doc.transact(() => {
    for (const migration of pending) migration.up(doc);
    doc.getMap(META_FIELD).set('schemaVersion', current);
  }, MIGRATION_ORIGIN);
  return pending.map((m) => m.to);
}

/** Marks a document written by today's writers as of the current version (seed data, tests). */
export function stampVersion(doc: Y.Doc, migrations: readonly Migration[]): void {
  doc.getMap(META_FIELD).set('schemaVersion', migrations.at(-1)?.to ?? 1);
}
