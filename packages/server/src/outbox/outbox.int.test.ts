import { docNames, readTasks } from '@council/shared';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.ts';
import { createLogger } from '../logger.ts';
import { Factory } from '../testing/factories.ts';
import { storedDoc } from '../testing/notes.ts';
import { startTestServer, tempDatabaseFile, waitFor } from '../testing/server.ts';
import { Outbox } from './Outbox.ts';

describe('the outbox', () => {
  it('applies at start what a crash left pending between a commit and its side effect, once', async () => {
    const databaseFile = tempDatabaseFile();
    // As an approval leaves it when the process dies right after its transaction: the entry is
    // committed, the task is not on the board yet.
    const db = openDatabase(databaseFile);
    const group = await new Factory(db).group();
    const entry = {
      groupId: group.id,
      taskId: 'm-1-a1',
      title: 'Beskriv beskedformat',
      due: '2027-03-01',
      description: 'Handlingspunkt fra Rådsmøde 4/2026',
    };
    const outbox = new Outbox(db, createLogger('silent'));
    outbox.add('group.task', entry);
    outbox.add('group.task', entry); // applied twice: still one task
    db.close();

    const server = await startTestServer(databaseFile);
    await waitFor(() => server.council.outbox.pending() === 0, 'the outbox to drain at start');
    await server.council.settle();
    const tasks = readTasks(await storedDoc(server.council.db, docNames.group(group.id)));
    expect(tasks).toEqual([
      expect.objectContaining({ id: 'm-1-a1', title: 'Beskriv beskedformat', due: '2027-03-01' }),
    ]);
    await server.stop();
  });

  it('keeps an entry that fails pending, with its error, without holding up the others', async () => {
    const server = await startTestServer();
    const group = await server.factory.group();
    server.council.outbox.add('group.task', { groupId: 'g-missing', taskId: 't', title: 'x', description: '' });
    server.council.outbox.add('group.task', { groupId: group.id, taskId: 't2', title: 'God', description: '' });
    await server.council.outbox.drain();
    const rows = server.council.db
      .prepare('SELECT done_at AS doneAt, attempts, last_error AS lastError FROM outbox ORDER BY id')
      .all() as { doneAt: string | null; attempts: number; lastError: string | null }[];
    expect(rows[0]).toMatchObject({ doneAt: null, attempts: 1 });
    expect(rows[0]?.lastError).toBeTruthy();
    expect(rows[1]?.doneAt).toEqual(expect.any(String));
    await server.stop();
  });
});
