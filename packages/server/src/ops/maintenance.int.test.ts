import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { docNames, GROUP_FIELDS, MEETING_FIELDS } from '@council/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { blobDirOf } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { DiskBlobStore } from '../domains/papers/blobStore.ts';
import { pdfWithPages, uploadPaper } from '../testing/papers.ts';
import { connectClient, startTestServer, tempDatabaseFile, waitFor } from '../testing/server.ts';
import { backupBlobsOf, backupDatabase, collectGarbage, reindex, restoreDatabase } from './maintenance.ts';

const serverDir = path.resolve(import.meta.dirname, '../..');

function cli(args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('backup and restore', () => {
  it('backs up a running server and restores into a database that serves the same document', async () => {
    const server = await startTestServer();
    const meeting = await server.factory.meeting();
    const { token } = await server.signIn('secretary');
    const client = await connectClient(server.wsUrl, docNames.meeting(meeting.id), token);
    client.doc.getXmlFragment(MEETING_FIELDS.notes('i1')).insert(0, [new Y.XmlText('Sikkerhedskopieret tekst')]);
    await client.synced();

    const backup = path.join(path.dirname(tempDatabaseFile()), 'backup.sqlite');
    await backupDatabase(server.council.db, backup);
    client.doc.getXmlFragment(MEETING_FIELDS.notes('i1')).insert(0, [new Y.XmlText('Efter backup ')]);
    await client.synced();
    client.destroy();
    await server.stop();

    restoreDatabase(backup, server.databaseFile);
    const restored = await startTestServer(server.databaseFile);
    const reader = await connectClient(
      restored.wsUrl,
      docNames.meeting(meeting.id),
      (await restored.signIn('chair')).token,
    );
    const text = reader.doc.getXmlFragment(MEETING_FIELDS.notes('i1')).toString();
    expect(text).toContain('Sikkerhedskopieret tekst');
    expect(text).not.toContain('Efter backup');
    reader.destroy();
    await restored.stop();
  });

  it('backs up and restores the papers’ files with the database, and collects only unreferenced old ones', async () => {
    const server = await startTestServer();
    const meeting = await server.factory.meeting({ status: 'published' });
    const chair = await server.person('chair');
    const pdf = await pdfWithPages(['Budgetbilag']);
    const uploaded = await uploadPaper(server.url, chair.token, meeting.id, 'i1', pdf, 'Budget.pdf');
    expect(uploaded.status).toBe(201);
    const backup = path.join(path.dirname(tempDatabaseFile()), 'backup.sqlite');
    const blobDir = blobDirOf({ blobDir: null, databaseFile: server.databaseFile });
    cli(['backup', backup], { COUNCIL_DB: server.databaseFile });
    await server.stop();

    // A new machine: an empty data folder, then the backup restored into it with its files.
    const fresh = tempDatabaseFile();
    openDatabase(fresh).close();
    const freshBlobs = blobDirOf({ blobDir: null, databaseFile: fresh });
    expect(cli(['restore', backup], { COUNCIL_DB: fresh })).toContain('Restored');
    const restored = await startTestServer(fresh);
    const reader = await restored.person('observer');
    const file = await fetch(`${restored.url}/api/papers/${uploaded.body.id}/file`, {
      headers: { authorization: `Bearer ${reader.token}` },
    });
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    await restored.stop();

    // Without its files, a backup that lists papers is refused, and nothing is replaced.
    fs.rmSync(backupBlobsOf(backup), { recursive: true });
    const empty = tempDatabaseFile();
    openDatabase(empty).close();
    expect(() => restoreDatabase(backup, empty, blobDirOf({ blobDir: null, databaseFile: empty }))).toThrow(
      /paper files/,
    );

    // gc: an orphan younger than the grace period stays, an old one goes, a referenced one always stays.
    const store = new DiskBlobStore(freshBlobs);
    const orphan = await store.stage(Readable.from([Buffer.from('forældreløs')]), 100);
    await orphan.commit();
    const db = openDatabase(fresh);
    expect(collectGarbage(db, store, 3_600_000)).toEqual({ removed: 0, kept: 2 });
    expect(collectGarbage(db, store, 3_600_000, Date.now() + 7_200_000)).toEqual({ removed: 1, kept: 1 });
    expect(store.has(orphan.sha256)).toBe(false);
    expect(store.list().map((b) => b.size)).toEqual([pdf.length]);
    db.close();
    expect(fs.existsSync(blobDir)).toBe(true);
  });

  it('refuses to restore a file that is not a Council database, leaving the database alone', () => {
    const databaseFile = tempDatabaseFile();
    openDatabase(databaseFile).close();
    const before = fs.readFileSync(databaseFile);
    const bogus = `${databaseFile}.bogus`;
    fs.writeFileSync(bogus, 'not a database at all');
    expect(() => restoreDatabase(bogus, databaseFile)).toThrow();
    expect(fs.readFileSync(databaseFile).equals(before)).toBe(true);
  });
});

describe('reindex', () => {
  it('rebuilds the task read model from the group documents', async () => {
    const server = await startTestServer();
    const lead = await server.factory.person({ role: 'group_lead' });
    const group = await server.factory.group({ members: [{ personId: lead.id, role: 'lead' }] });
    const login = await server.api('POST', '/api/auth/login', { body: { email: lead.email, password: lead.password } });
    const client = await connectClient(server.wsUrl, docNames.group(group.id), login.body.token);
    const task = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({
      title: 'Beskriv beskedformat',
      status: 'doing',
      assigneeId: lead.id,
      order: 'a0',
    }))
      task.set(k, v);
    client.doc.getMap(GROUP_FIELDS.tasks).set('t1', task);
    await client.synced();
    const count = () =>
      (server.council.db.prepare('SELECT count(*) AS n FROM tasks WHERE group_id = ?').get(group.id) as { n: number })
        .n;
    await waitFor(() => count() === 1, 'the projector to write the task');

    server.council.db.prepare('DELETE FROM tasks').run();
    expect(count()).toBe(0);
    await reindex(server.council.db);
    expect(
      server.council.db.prepare('SELECT title, status, assignee_id FROM tasks WHERE group_id = ?').get(group.id),
    ).toEqual({
      title: 'Beskriv beskedformat',
      status: 'doing',
      assignee_id: lead.id,
    });
    client.destroy();
    await server.stop();
  });
});

describe('the council command', () => {
  it('creates a person who can sign in, and resets their password', async () => {
    const databaseFile = tempDatabaseFile();
    const created = cli(
      ['create-person', '--email', 'ida@kolding.example', '--name', 'Ida Holm', '--role', 'network_architect'],
      {
        COUNCIL_DB: databaseFile,
        COUNCIL_PASSWORD: 'første adgangskode',
      },
    );
    expect(created).toContain('Created Ida Holm <ida@kolding.example> as network_architect');
    cli(['reset-password', '--email', 'ida@kolding.example'], {
      COUNCIL_DB: databaseFile,
      COUNCIL_PASSWORD: 'anden adgangskode',
    });

    const server = await startTestServer(databaseFile);
    const old = await server.api('POST', '/api/auth/login', {
      body: { email: 'ida@kolding.example', password: 'første adgangskode' },
    });
    expect(old.status).toBe(401);
    const now = await server.api('POST', '/api/auth/login', {
      body: { email: 'ida@kolding.example', password: 'anden adgangskode' },
    });
    expect(now.status).toBe(200);
    await server.stop();
  });

  it('refuses an invalid role with a message and a non-zero exit', () => {
    expect(() =>
      cli(['create-person', '--email', 'x@y.dk', '--name', 'X', '--role', 'king'], {
        COUNCIL_DB: tempDatabaseFile(),
        COUNCIL_PASSWORD: 'long enough pw',
      }),
    ).toThrow(/Invalid input/);
  });
});
