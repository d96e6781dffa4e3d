import { COLLAB_CLOSE, docNames, MEETING_FIELDS, readAgenda, schemaVersionOf } from '@council/shared';
import { MessageType, type onCloseParameters, type onMessageParameters } from '@hocuspocus/provider';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Db } from '../db/connection.ts';
import { openDatabase } from '../db/connection.ts';
import { notesText, storedDoc, write } from '../testing/notes.ts';
import { connectClient, startTestServer, type TestClient, tempDatabaseFile, waitFor } from '../testing/server.ts';
import { SqliteDocumentStore } from './DocumentStore.ts';
import { STORE_FAILED } from './DurableLogExtension.ts';

/**
 * Makes every append to the update log fail, as a full disk, an I/O error or a read-only database
 * would, on this connection only (a TEMP trigger) and without touching anything else the server writes.
 */
function failAppends(db: Db, failing: boolean): void {
  db.exec(
    failing
      ? `CREATE TEMP TRIGGER appends_fail BEFORE INSERT ON main.document_updates
         BEGIN SELECT RAISE(ABORT, 'simulated disk full'); END`
      : 'DROP TRIGGER temp.appends_fail',
  );
}

/** What a client is told: how many SyncStatus acknowledgements it got, and the close codes of its socket. */
function watch(client: TestClient) {
  const seen = { acks: 0, closes: [] as number[] };
  client.provider.on('message', ({ message }: onMessageParameters) => {
    message.readVarString();
    if (message.readVarUint() === MessageType.SyncStatus) seen.acks += 1;
  });
  client.socket.on('close', ({ event }: onCloseParameters) => seen.closes.push(event.code));
  return seen;
}

describe('a failed write is never acknowledged', () => {
  it('refuses edits it cannot store, drops the document unstored, and stores them when the client resends', async () => {
    const server = await startTestServer();
    const meeting = await server.factory.meeting({ status: 'in-session' });
    const name = docNames.meeting(meeting.id);
    const { token } = await server.signIn('secretary');
    const writer = await connectClient(server.wsUrl, name, token);
    const viewer = await connectClient(server.wsUrl, name, token);
    const before = ['Før fejlen 1', 'Før fejlen 2', 'Før fejlen 3'];
    for (const line of before) write(writer.doc, line);
    await writer.synced();
    await waitFor(() => notesText(viewer.doc).includes('Før fejlen 3'), 'the viewer to see the stored lines');
    const writerSaw = watch(writer);
    const viewerSaw = watch(viewer);
    expect((await server.api('GET', '/api/health')).status).toBe(200);

    failAppends(server.council.db, true);
    write(writer.doc, 'Under fejlen 1');
    await waitFor(() => writerSaw.acks > 0 || writerSaw.closes.length > 0, 'the server to answer the edit');
    expect(writerSaw.acks).toBe(0);
    expect(writerSaw.closes).toEqual([STORE_FAILED.code]);
    await waitFor(() => viewerSaw.closes.includes(STORE_FAILED.code), 'the viewer to be closed');
    expect(writer.provider.hasUnsyncedChanges).toBe(true);
    // Written while the provider reconnects: pending, in the client's Y.Doc only.
    write(writer.doc, 'Under fejlen 2');

    const health = await server.api('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ok: false, reason: expect.stringContaining('simulated disk full') });

    // The provider keeps reconnecting and resending; each try is refused the same way.
    await waitFor(() => writerSaw.closes.length >= 2, 'the writer to retry and be closed again', 10_000);
    expect(writerSaw.acks).toBe(0);
    // Nobody else got what was not stored, and nothing stored it: the pending stores run now.
    expect(notesText(viewer.doc)).not.toContain('Under fejlen');
    await server.council.settle();
    const onDisk = notesText(await storedDoc(server.council.db, name));
    for (const line of before) expect(onDisk).toContain(line);
    expect(onDisk).not.toContain('Under fejlen');
    expect((await server.api('GET', '/api/health')).status).toBe(503);

    failAppends(server.council.db, false);
    expect((await server.api('GET', '/api/health')).status).toBe(200);
    await waitFor(() => !writer.provider.hasUnsyncedChanges, 'the writer to resend and be acknowledged', 10_000);
    expect(writerSaw.acks).toBeGreaterThan(0);
    await waitFor(() => notesText(viewer.doc).includes('Under fejlen 2'), 'the viewer to see the edits', 10_000);
    const afterRecovery = notesText(await storedDoc(server.council.db, name));
    for (const line of [...before, 'Under fejlen 1', 'Under fejlen 2']) expect(afterRecovery).toContain(line);
    // The log has no gap or stray row from the failed appends or the health probes.
    const rows = server.council.db.prepare('SELECT name, seq FROM document_updates ORDER BY name, seq').all() as {
      name: string;
      seq: number;
    }[];
    expect(rows.every((row) => row.name === name)).toBe(true);
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => (rows[0]?.seq ?? 0) + i));
    writer.destroy();
    viewer.destroy();
    await server.stop();

    const restarted = await startTestServer(server.databaseFile);
    const { token: token2 } = await restarted.signIn('chair');
    const reader = await connectClient(restarted.wsUrl, name, token2);
    const text = notesText(reader.doc);
    for (const line of [...before, 'Under fejlen 1', 'Under fejlen 2']) expect(text).toContain(line);
    reader.destroy();
    await restarted.stop();
  });
});

describe('a server-side change that cannot be stored', () => {
  it('fails instead of reporting success, and is not kept', async () => {
    const server = await startTestServer();
    const name = docNames.meeting((await server.factory.meeting({ status: 'in-session' })).id);
    const connection = await server.council.hocuspocus.openDirectConnection(name);
    failAppends(server.council.db, true);
    await expect(connection.transact((doc) => write(doc, 'Fra serveren'))).rejects.toThrow();
    await connection.disconnect();
    failAppends(server.council.db, false);
    await server.council.settle();
    expect(notesText(await storedDoc(server.council.db, name))).not.toContain('Fra serveren');
    const { token } = await server.signIn('chair');
    const reader = await connectClient(server.wsUrl, name, token);
    expect(notesText(reader.doc)).not.toContain('Fra serveren');
    reader.destroy();
    await server.stop();
  });
});

describe('SqliteDocumentStore when a write fails', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);

  it('leaves no row and takes no seq, and reports the failure until a write succeeds', async () => {
    const db = openDatabase(tempDatabaseFile());
    const store = new SqliteDocumentStore(db);
    expect(store.writeFailure()).toBeNull();
    expect(store.appendUpdate('a', bytes(1))).toBe(1);

    failAppends(db, true);
    expect(() => store.appendUpdate('a', bytes(2))).toThrow('simulated disk full');
    expect(db.inTransaction).toBe(false);
    const failure = store.writeFailure(); // probes, and fails the same way
    expect(failure).toMatchObject({ error: expect.stringContaining('simulated disk full') });
    expect(store.writeFailure()?.since).toBe(failure?.since);

    failAppends(db, false);
    expect(store.writeFailure()).toBeNull(); // the probe wrote
    expect(store.appendUpdate('a', bytes(3))).toBe(2);
    expect((await store.load('a')).updates.map((update) => [...update])).toEqual([[1], [3]]);
    expect(await store.names()).toEqual(['a']); // the probe's row is gone
    db.close();
  });

  it('does not open a document whose migration cannot be stored, and says it is storage, not a refusal', async () => {
    const server = await startTestServer();
    const meeting = await server.factory.meeting({ status: 'in-session' });
    const name = docNames.meeting(meeting.id);
    // A schema-1 document: a plain-string title and no version, as the previous release wrote it.
    const legacy = new Y.Doc();
    const item = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({
      id: 'i1',
      title: 'Gammelt punkt',
      kind: 'discussion',
      durationMinutes: 5,
      confidential: false,
    }))
      item.set(k, v);
    legacy.getArray(MEETING_FIELDS.agenda).push([item]);
    await new SqliteDocumentStore(server.council.db).compact(name, Y.encodeStateAsUpdate(legacy), 0);
    const { token } = await server.signIn('secretary');

    failAppends(server.council.db, true);
    await expect(connectClient(server.wsUrl, name, token)).rejects.toThrow(COLLAB_CLOSE.storeFailed.reason);
    expect(server.council.hocuspocus.documents.has(name)).toBe(false);
    failAppends(server.council.db, false);

    const client = await connectClient(server.wsUrl, name, token);
    expect(schemaVersionOf(client.doc)).toBe(2);
    expect(readAgenda(client.doc).map((i) => i.title)).toEqual(['Gammelt punkt']);
    client.destroy();
    await server.stop();
  });
});
