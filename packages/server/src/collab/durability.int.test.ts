import type { ChildProcess } from 'node:child_process';
import { docNames } from '@council/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { openDatabase } from '../db/connection.ts';
import { loginAt, startChildServer } from '../testing/childServer.ts';
import { Factory } from '../testing/factories.ts';
import { notesText, write } from '../testing/notes.ts';
import { connectClient, startTestServer, tempDatabaseFile, waitFor } from '../testing/server.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function typeLines(doc: Y.Doc, lines: string[]) {
  for (const line of lines) write(doc, line);
}

async function seed(databaseFile: string) {
  const db = openDatabase(databaseFile);
  const factory = new Factory(db);
  const person = await factory.person({ role: 'secretary' });
  const meeting = await factory.meeting({ status: 'in-session' });
  db.close();
  return { person, name: docNames.meeting(meeting.id) };
}

describe('durability', () => {
  it('loses no acknowledged edit when the server is killed with SIGKILL', async () => {
    const databaseFile = tempDatabaseFile();
    const { person, name } = await seed(databaseFile);
    const first = await startChildServer(databaseFile, children);
    const token = await loginAt(first.port, person.email, person.password);
    const client = await connectClient(`ws://127.0.0.1:${first.port}/collab`, name, token);
    const lines = Array.from({ length: 40 }, (_, i) => `Beslutning nr. ${i + 1} er ført til referat.`);
    typeLines(client.doc, lines);
    await client.synced();
    // Killed well inside Hocuspocus's 2-second store debounce: only the update log can save us.
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    client.destroy();

    const second = await startChildServer(databaseFile, children);
    const token2 = await loginAt(second.port, person.email, person.password);
    const reader = await connectClient(`ws://127.0.0.1:${second.port}/collab`, name, token2);
    const text = notesText(reader.doc);
    for (const line of lines) expect(text).toContain(line);
    reader.destroy();
  });

  it('keeps a document warm for a grace period after its last client leaves, then unloads it compacted', async () => {
    const server = await startTestServer(undefined, null, { COUNCIL_DOCUMENT_GRACE_MS: '400' });
    const meeting = await server.factory.meeting();
    const name = docNames.meeting(meeting.id);
    const { token } = await server.signIn('chair');
    const loaded = () => server.council.hocuspocus.documents.get(name);

    const first = await connectClient(server.wsUrl, name, token);
    typeLines(first.doc, ['Før genindlæsning']);
    await first.synced();
    const document = loaded();
    first.destroy();
    await waitFor(() => server.council.hocuspocus.getConnectionsCount() === 0, 'the client to leave');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(loaded()).toBe(document); // kept through the store that followed the departure

    // Reopened within the grace period: the same document in memory, and a new grace period after.
    const second = await connectClient(server.wsUrl, name, token);
    expect(loaded()).toBe(document);
    expect(notesText(second.doc)).toContain('Før genindlæsning');
    second.destroy();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(loaded()).toBe(document);

    await waitFor(() => loaded() === undefined, 'the grace period to end', 2000);
    const log = server.council.db.prepare('SELECT count(*) AS n FROM document_updates WHERE name = ?').get(name);
    expect(log).toEqual({ n: 0 });
    const third = await connectClient(server.wsUrl, name, token);
    expect(notesText(third.doc)).toContain('Før genindlæsning');
    third.destroy();
    await server.stop();
  });

  it('keeps only as many left documents warm as its memory budget allows, letting the oldest go first', async () => {
    // 40 lines are about 120 structs, estimated at 36 KB: a 50 KB budget holds one such document.
    const server = await startTestServer(undefined, null, { COUNCIL_DOCUMENT_GRACE_MB: String(50 / 1024) });
    const { token } = await server.signIn('chair');
    const lines = Array.from({ length: 40 }, (_, i) => `Linje ${i}`);
    const names: string[] = [];
    for (let i = 0; i < 2; i++) {
      const name = docNames.meeting((await server.factory.meeting()).id);
      const client = await connectClient(server.wsUrl, name, token);
      typeLines(client.doc, lines);
      await client.synced();
      client.destroy();
      await waitFor(() => server.council.hocuspocus.getConnectionsCount() === 0, 'the client to leave');
      names.push(name);
    }
    const [first, second] = names as [string, string];
    await waitFor(() => !server.council.hocuspocus.documents.has(first), 'the first document to make room');
    expect(server.council.hocuspocus.documents.has(second)).toBe(true);
    await server.stop();
  });

  it('keeps edits across an orderly restart, with the log compacted into the state', async () => {
    const first = await startTestServer();
    const meeting = await first.factory.meeting();
    const { token } = await first.signIn('chair');
    const client = await connectClient(first.wsUrl, docNames.meeting(meeting.id), token);
    typeLines(client.doc, ['Første afsnit', 'Andet afsnit']);
    await client.synced();
    client.destroy();
    await first.stop();

    const db = openDatabase(first.databaseFile);
    const logRows = db
      .prepare('SELECT count(*) AS n FROM document_updates WHERE name = ?')
      .get(docNames.meeting(meeting.id)) as { n: number };
    expect(logRows.n).toBe(0);
    db.close();

    const second = await startTestServer(first.databaseFile);
    const { token: token2 } = await second.signIn('chair');
    const reader = await connectClient(second.wsUrl, docNames.meeting(meeting.id), token2);
    expect(notesText(reader.doc)).toContain('Andet afsnit');
    reader.destroy();
    await second.stop();
  });
});
