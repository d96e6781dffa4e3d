import { docNames, GROUP_FIELDS } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, startTestServer, type TestServer, waitFor } from '../../testing/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function leadOf(visibility: 'open' | 'closed') {
  const lead = await server.signIn('group_lead');
  const group = await server.factory.group({ visibility, members: [{ personId: lead.personId, role: 'lead' }] });
  await server.api('PATCH', `/api/groups/${group.id}`, { token: lead.token, body: { purpose: 'Fælles sikkerhed' } });
  return { lead, group };
}

describe('a group’s visibility', () => {
  it('is not changed, nor any other field, by a PATCH that does not name it', async () => {
    const { lead, group } = await leadOf('closed');
    const saved = await server.api('PATCH', `/api/groups/${group.id}`, {
      token: lead.token,
      body: { status: 'active' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ visibility: 'closed', purpose: 'Fælles sikkerhed', status: 'active' });
    const observer = await server.signIn('observer');
    expect((await server.api('GET', `/api/groups/${group.id}`, { token: observer.token })).status).toBe(404);
    const sneaky = await server.api('PATCH', `/api/groups/${group.id}`, {
      token: lead.token,
      body: { visibility: 'open' },
    });
    expect(sneaky.status).toBe(400);
    expect((await server.api('GET', `/api/groups/${group.id}`, { token: lead.token })).body.visibility).toBe('closed');
  });

  it('keeps the report date within the group’s period, against the dates it has', async () => {
    const { lead, group } = await leadOf('open');
    const url = `/api/groups/${group.id}`;
    expect(
      (await server.api('PATCH', url, { token: lead.token, body: { startDate: '2027-01-01', endDate: '2027-06-30' } }))
        .status,
    ).toBe(200);
    const late = await server.api('PATCH', url, { token: lead.token, body: { reportDate: '2027-09-01' } });
    expect(late.status).toBe(400);
    expect(late.body.error.issues[0]).toMatchObject({
      path: ['reportDate'],
      params: { rule: 'report_outside_period' },
    });
    expect((await server.api('PATCH', url, { token: lead.token, body: { reportDate: '2027-04-01' } })).status).toBe(
      200,
    );
  });

  it('is its own audited step, for those who manage the group, and closing reaches open boards at once', async () => {
    const { lead, group } = await leadOf('open');
    const architect = await server.signIn('network_architect');
    const outsider = await server.signIn('group_member');
    const board = await connectClient(server.wsUrl, docNames.group(group.id), architect.token);
    const leadBoard = await connectClient(server.wsUrl, docNames.group(group.id), lead.token);
    let closed = false;
    board.provider.on('close', () => {
      closed = true;
    });

    const url = `/api/groups/${group.id}/visibility`;
    expect((await server.api('POST', url, { token: outsider.token, body: { visibility: 'closed' } })).status).toBe(403);
    expect((await server.api('POST', url, { token: lead.token, body: { visibility: 'secret' } })).status).toBe(400);
    expect((await server.api('POST', url, { body: { visibility: 'closed' } })).status).toBe(401);
    const res = await server.api('POST', url, { token: lead.token, body: { visibility: 'closed' } });
    expect(res.status).toBe(200);
    expect(res.body.visibility).toBe('closed');
    await waitFor(() => closed, 'the architect’s board to be closed');

    // A task added after the close never reaches the architect.
    const task = new Y.Map<unknown>();
    task.set('title', 'Efter lukningen');
    leadBoard.doc.getMap(GROUP_FIELDS.tasks).set('after', task);
    await leadBoard.synced();
    expect(board.doc.getMap(GROUP_FIELDS.tasks).has('after')).toBe(false);
    await expect(connectClient(server.wsUrl, docNames.group(group.id), architect.token)).rejects.toThrow(
      /authentication failed/,
    );
    expect((await server.api('GET', `/api/groups/${group.id}`, { token: architect.token })).status).toBe(404);
    const audit = server.council.db
      .prepare("SELECT details FROM audit WHERE action = 'group.visibility' AND resource = ?")
      .all(`group:${group.id}`) as { details: string }[];
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ from: 'open', to: 'closed' }]);
    for (const c of [board, leadBoard]) c.destroy();
  });

  it('names a closed group on no route to those who may not see it: decision pages, plan exports, lists, search', async () => {
    const chair = await server.signIn('chair');
    const meeting = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [{ id: 'i1', title: 'Sikkerhed', kind: 'decision', durationMinutes: 5, confidential: false }],
        decisions: { i1: { title: 'Nedsæt en lukket gruppe', text: '', status: 'adopted' } },
      },
    });
    const approved = await server.api('POST', `/api/meetings/${meeting.id}/approve`, {
      token: chair.token,
      body: { confirm: ['attendance'] },
    });
    const number = approved.body.decisions[0].number as string;
    const lead = await server.signIn('group_lead');
    const created = await server.api('POST', '/api/groups', {
      token: chair.token,
      body: {
        name: 'Hemmelig Sikkerhedsgruppe',
        visibility: 'closed',
        leadIds: [lead.personId],
        decisionNumber: number,
      },
    });
    expect(created.status).toBe(201);
    const plan = await server.factory.plan([
      {
        id: 'ini1',
        title: 'Sikker identitet',
        theme: 'Sikkerhed',
        status: 'active',
        ownerGroupId: created.body.id,
        description: [],
        benefits: [],
        indicators: [],
      },
    ]);
    await server.council.settle();
    const observer = await server.signIn('observer');
    for (const route of [
      `/api/decisions/${number}`,
      `/api/plans/${plan.id}/export.csv`,
      '/api/groups',
      '/api/search?q=Hemmelig',
      '/api/calls',
      '/api/tasks',
    ]) {
      const res = await fetch(`${server.url}${route}`, { headers: { authorization: `Bearer ${observer.token}` } });
      expect(res.status, route).toBe(200);
      expect(await res.text(), route).not.toContain('Hemmelig');
    }
    // The council still sees it named.
    const forChair = await server.api('GET', `/api/decisions/${number}`, { token: chair.token });
    expect(forChair.body.groups).toEqual([{ id: created.body.id, name: 'Hemmelig Sikkerhedsgruppe' }]);
  });
});
