import { docNames, GROUP_FIELDS } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, startTestServer, type TestServer, waitFor } from '../../testing/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function member(role: 'group_lead' | 'group_member' = 'group_member') {
  const person = await server.factory.person({ role });
  return person;
}
const login = async (p: { email: string; password: string }) =>
  (await server.api('POST', '/api/auth/login', { body: { email: p.email, password: p.password } })).body
    .token as string;

describe('tasks', () => {
  it('adds a task over REST to the live board, validating assignee and date', async () => {
    const lead = await member('group_lead');
    const group = await server.factory.group({ members: [{ personId: lead.id, role: 'lead' }] });
    const token = await login(lead);
    const watcher = await connectClient(server.wsUrl, docNames.group(group.id), token);

    const created = await server.api('POST', `/api/groups/${group.id}/tasks`, {
      token,
      body: { title: 'Beskriv beskedformat', assigneeId: lead.id, due: '2027-01-15' },
    });
    expect(created.status).toBe(201);
    await waitFor(() => watcher.doc.getMap(GROUP_FIELDS.tasks).has(created.body.id), 'the task to appear live');
    watcher.destroy();

    const unknown = await server.api('POST', `/api/groups/${group.id}/tasks`, {
      token,
      body: { title: 'X', assigneeId: 'nobody' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0].path).toEqual(['assigneeId']);
    const badDate = await server.api('POST', `/api/groups/${group.id}/tasks`, {
      token,
      body: { title: 'X', due: '15/01/2027' },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.issues[0].path).toEqual(['due']);
    const outsider = await server.signIn('network_architect');
    expect(
      (await server.api('POST', `/api/groups/${group.id}/tasks`, { token: outsider.token, body: { title: 'X' } }))
        .status,
    ).toBe(403);
    const closed = await server.factory.group({ visibility: 'closed' });
    expect(
      (await server.api('POST', `/api/groups/${closed.id}/tasks`, { token: outsider.token, body: { title: 'X' } }))
        .status,
    ).toBe(404);
  });

  it('keeps and flags a task with an unknown assignee or a date that is no date in the live document', async () => {
    const lead = await member('group_lead');
    const group = await server.factory.group({ members: [{ personId: lead.id, role: 'lead' }] });
    const token = await login(lead);
    const client = await connectClient(server.wsUrl, docNames.group(group.id), token);
    const task = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({
      title: 'Skæv opgave',
      status: 'todo',
      assigneeId: 'ghost',
      due: 'i morgen',
      order: 'a0',
    }))
      task.set(k, v);
    client.doc.getMap(GROUP_FIELDS.tasks).set('bad', task);
    await client.synced();
    client.destroy();
    let tasks: { id: string; needsAttention: boolean }[] = [];
    for (let i = 0; i < 30 && tasks.length === 0; i++) {
      tasks = (await server.api('GET', `/api/tasks?group=${group.id}`, { token })).body;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(tasks).toEqual([expect.objectContaining({ id: 'bad', title: 'Skæv opgave', needsAttention: true })]);
  });

  it('survives a member writing a task whose title is an object and whose description is 900 KB: flagged, cut, every route below 500', async () => {
    const lead = await member('group_lead');
    const writer = await member('group_member');
    const group = await server.factory.group({
      members: [
        { personId: lead.id, role: 'lead' },
        { personId: writer.id, role: 'member' },
      ],
    });
    const client = await connectClient(server.wsUrl, docNames.group(group.id), await login(writer));
    const task = new Y.Map<unknown>();
    task.set('title', { nested: 'object' });
    task.set('status', 'todo');
    task.set('order', 'a0');
    task.set('description', 'x'.repeat(900_000));
    client.doc.getMap(GROUP_FIELDS.tasks).set('evil', task);
    await client.synced();
    client.destroy();
    const token = await login(lead);
    let tasks: { id: string; title: string; needsAttention: boolean }[] = [];
    for (let i = 0; i < 30 && tasks.length === 0; i++) {
      tasks = (await server.api('GET', `/api/tasks?group=${group.id}`, { token })).body;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(tasks).toEqual([expect.objectContaining({ id: 'evil', title: '', needsAttention: true })]);
    const search = server.council.db
      .prepare<[string], { n: number }>(
        "SELECT max(length(body)) AS n FROM search_docs WHERE type = 'task' AND ref = ?",
      )
      .get(`${group.id}:evil`);
    expect(search?.n).toBeLessThanOrEqual(5_100);
    expect((await server.api('GET', `/api/groups/${group.id}`, { token })).status).toBe(200);
    const patch = await server.api('PATCH', `/api/groups/${group.id}`, { token, body: { status: 'active' } });
    expect(patch.status).toBe(200);
    expect((await server.api('POST', `/api/groups/${group.id}/tasks`, { token, body: { title: 'Ny' } })).status).toBe(
      201,
    );
  });

  it("lists my tasks across groups, and never a closed group's tasks to outsiders", async () => {
    const me = await member();
    const open = await server.factory.group({ visibility: 'open', members: [{ personId: me.id, role: 'member' }] });
    const secret = await server.factory.group({ visibility: 'closed', members: [{ personId: me.id, role: 'member' }] });
    const token = await login(me);
    for (const [g, title, due] of [
      [open.id, 'Åben opgave', '2027-02-01'],
      [secret.id, 'Lukket opgave', '2026-01-01'],
    ] as const) {
      const res = await server.api('POST', `/api/groups/${g}/tasks`, {
        token,
        body: { title, assigneeId: me.id, due },
      });
      expect(res.status).toBe(201);
    }
    let mine: { title: string }[] = [];
    for (let i = 0; i < 30 && mine.length < 2; i++) {
      mine = (await server.api('GET', '/api/tasks?assignee=me', { token })).body;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(mine.map((t) => t.title)).toEqual(['Lukket opgave', 'Åben opgave']); // by due date
    const outsider = await server.signIn('network_architect');
    const seen = (await server.api('GET', `/api/tasks?assignee=${me.id}`, { token: outsider.token })).body;
    expect(seen.map((t: { title: string }) => t.title)).toEqual(['Åben opgave']);
    expect((await server.api('GET', '/api/tasks?status=later', { token })).status).toBe(400);
  });
});
