import { type ChildProcess, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docNames } from '@council/shared';
import { HocuspocusProvider, HocuspocusProviderWebsocket, type onCloseParameters } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openDatabase } from '../db/connection.ts';
import { loginAt, startChildServer } from '../testing/childServer.ts';
import { Factory } from '../testing/factories.ts';
import { notesText, write } from '../testing/notes.ts';
import { connectClient, type TestClient, waitFor } from '../testing/server.ts';
import { STORE_FAILED } from './DurableLogExtension.ts';

/**
 * The data folder on a real 4 MB tmpfs: notes are written until the disk is full, the server is
 * killed, the disk enlarged, and every acknowledged update must be there after a restart. Needs a
 * tmpfs mount (root, or CAP_SYS_ADMIN); where mounting is not allowed the test skips itself.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'council-disk-full-'));
const databaseFile = path.join(dir, 'council.sqlite');
let cannotMount: string | null = null;
const children: ChildProcess[] = [];

beforeAll(() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    cannotMount = String((error as { stderr?: Buffer }).stderr ?? error).trim() || 'mount failed';
    console.log(`disk-full test skipped: cannot mount a tmpfs here (${cannotMount})`);
  }
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  if (!cannotMount) execFileSync('umount', ['-l', dir]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes one line and resolves with whether the server acknowledged it or closed for want of storage. */
function writeLine(client: TestClient, line: string): Promise<'acknowledged' | 'refused'> {
  return new Promise((resolve) => {
    const done = (outcome: 'acknowledged' | 'refused') => {
      client.provider.off('unsyncedChanges', onUnsynced);
      client.socket.off('close', onClose);
      resolve(outcome);
    };
    const onUnsynced = ({ number }: { number: number }) => number === 0 && done('acknowledged');
    const onClose = ({ event }: onCloseParameters) => event.code === STORE_FAILED.code && done('refused');
    client.provider.on('unsyncedChanges', onUnsynced);
    client.socket.on('close', onClose);
    write(client.doc, line);
  });
}

describe('a full disk', () => {
  it('loses no acknowledged update: the server refuses what it cannot store', async (context) => {
    if (cannotMount) context.skip(`cannot mount a tmpfs: ${cannotMount}`);
    const db = openDatabase(databaseFile);
    const factory = new Factory(db);
    const person = await factory.person({ role: 'secretary' });
    const name = docNames.meeting((await factory.meeting({ status: 'in-session' })).id);
    db.close();

    const first = await startChildServer(databaseFile, children);
    const writer = await connectClient(
      `ws://127.0.0.1:${first.port}/collab`,
      name,
      await loginAt(first.port, person.email, person.password),
    );
    const acknowledged: string[] = [];
    let refused = 0;
    // About 1 KB per update: 5,000 of them cannot fit in 4 MB.
    const filler = 'Referatet fylder. '.repeat(55);
    for (let i = 0; refused === 0 && i < 5000; i++) {
      const line = `Note ${i}: ${filler}`;
      if ((await writeLine(writer, line)) === 'acknowledged') acknowledged.push(line);
      else refused += 1;
    }
    expect(refused).toBe(1);
    expect(acknowledged.length).toBeGreaterThan(10);
    const health = await fetch(`http://127.0.0.1:${first.port}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, reason: expect.stringContaining('SQLITE_FULL') });
    // Written while the server cannot store them: the client keeps them.
    const pending = ['Skrevet mens disken var fuld 1', 'Skrevet mens disken var fuld 2'];
    for (const line of pending) write(writer.doc, line);
    expect(writer.provider.hasUnsyncedChanges).toBe(true);

    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    writer.destroy(); // the provider goes, its Y.Doc with the unsent lines stays
    execFileSync('mount', ['-o', 'remount,size=64m', dir]);

    const check = openDatabase(databaseFile);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const second = await startChildServer(databaseFile, children);
    const token = await loginAt(second.port, person.email, person.password);
    const reader = await connectClient(`ws://127.0.0.1:${second.port}/collab`, name, token);
    const text = notesText(reader.doc);
    const missing = acknowledged.filter((line) => !text.includes(line));
    expect(missing).toEqual([]);

    // The same Y.Doc, reconnected: what the server refused reaches it now.
    const socket = new HocuspocusProviderWebsocket({
      url: `ws://127.0.0.1:${second.port}/collab`,
      WebSocketPolyfill: WebSocket,
    });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: writer.doc, token });
    provider.attach();
    await waitFor(() => provider.synced && !provider.hasUnsyncedChanges, 'the unsent lines to be stored', 10_000);
    await waitFor(() => pending.every((line) => notesText(reader.doc).includes(line)), 'the reader to see them');
    provider.destroy();
    socket.destroy();
    reader.destroy();
  });
});
