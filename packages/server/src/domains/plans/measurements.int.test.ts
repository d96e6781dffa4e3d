import { docNames, findIndicator, PLAN_FIELDS, readIndicator } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectClient, startTestServer, type TestServer, waitFor } from '../../testing/server.ts';

let server: TestServer;
let planId: string;
let groupId: string;
let leadToken: string;
beforeAll(async () => {
  server = await startTestServer();
  const lead = await server.factory.person({ role: 'group_lead' });
  groupId = (await server.factory.group({ members: [{ personId: lead.id, role: 'lead' }] })).id;
  leadToken = (await server.api('POST', '/api/auth/login', { body: { email: lead.email, password: lead.password } }))
    .body.token;
  const indicator = (id: string) => ({
    id,
    name: 'Kommuner tilsluttet',
    unit: 'kommuner',
    baseline: 0,
    target: 98,
    measurements: [{ date: '2026-03-31', value: 6 }],
  });
  planId = (
    await server.factory.plan([
      {
        id: 'ini1',
        title: 'Fælles beskedfordeler',
        theme: 'Data',
        status: 'active',
        ownerGroupId: groupId,
        startDate: '2026-01-01',
        endDate: '2027-12-31',
        description: ['Én beskedfordeler.'],
        benefits: [],
        indicators: [indicator('ind1')],
      },
      {
        id: 'ini2',
        title: 'Selvbetjening',
        theme: 'Borgeren',
        status: 'active',
        description: [],
        benefits: [],
        indicators: [indicator('ind2')],
      },
    ])
  ).id;
});
afterAll(() => server.stop());

const url = (initiative: string, indicator: string, plan = planId) =>
  `/api/plans/${plan}/initiatives/${initiative}/indicators/${indicator}/measurements`;
const values = (doc: Y.Doc, initiative: string, indicator: string) =>
  readIndicator(findIndicator(doc, initiative, indicator) as Y.Map<unknown>).measurements.map((m) => m.value);

describe('measurements', () => {
  it('writes into the live document, so that a watching chart gets the point at once', async () => {
    const member = await server.signIn('council_member');
    const watcher = await connectClient(server.wsUrl, docNames.plan(planId), (await server.signIn('observer')).token);
    const res = await server.api('POST', url('ini2', 'ind2'), {
      token: member.token,
      body: { date: '2026-06-30', value: 19 },
    });
    expect(res.status).toBe(201);
    await waitFor(() => values(watcher.doc, 'ini2', 'ind2').includes(19), 'the point to arrive live');
    watcher.destroy();
    const audit = server.council.db
      .prepare("SELECT count(*) AS n FROM audit WHERE action = 'plan.measurement'")
      .get() as { n: number };
    expect(audit.n).toBe(1);
  });

  it('lets the lead of the owning group add to their initiative only, and nobody else outside the council', async () => {
    expect(
      (await server.api('POST', url('ini1', 'ind1'), { token: leadToken, body: { date: '2026-06-30', value: 19 } }))
        .status,
    ).toBe(201);
    const other = await server.api('POST', url('ini2', 'ind2'), {
      token: leadToken,
      body: { date: '2026-06-30', value: 20 },
    });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    const architect = await server.signIn('network_architect');
    expect(
      (
        await server.api('POST', url('ini1', 'ind1'), {
          token: architect.token,
          body: { date: '2026-06-30', value: 20 },
        })
      ).status,
    ).toBe(403);
    expect((await server.api('POST', url('ini1', 'ind1'), { body: { date: '2026-06-30', value: 20 } })).status).toBe(
      401,
    );
  });

  it('answers bad input with 400 naming the field, and applies nothing', async () => {
    const { token } = await server.signIn('chair');
    const reader = await connectClient(server.wsUrl, docNames.plan(planId), token);
    const before = values(reader.doc, 'ini1', 'ind1');
    const cases: [string, unknown, string][] = [
      [url('ini1', 'ind1'), { date: '2026-06-30', value: 'nitten' }, 'value'],
      [url('ini1', 'ind1'), { date: '30/06/2026', value: 19 }, 'date'],
      [url('ini1', 'ind1'), { date: '2026-06-30' }, 'value'],
      [url('ini1', 'nope'), { date: '2026-06-30', value: 19 }, 'indicatorId'],
      [url('nope', 'ind1'), { date: '2026-06-30', value: 19 }, 'initiativeId'],
    ];
    for (const [path, body, field] of cases) {
      const res = await server.api('POST', path, { token, body });
      expect(res.status, field).toBe(400);
      expect(res.body.error.issues[0].path, field).toEqual([field]);
    }
    expect(
      (await server.api('POST', url('ini1', 'ind1', 'p-unknown'), { token, body: { date: '2026-06-30', value: 1 } }))
        .status,
    ).toBe(404);
    await new Promise((r) => setTimeout(r, 100));
    expect(values(reader.doc, 'ini1', 'ind1')).toEqual(before);
    reader.destroy();
  });

  it('projects initiatives into the read model and exports the plan as CSV', async () => {
    const { token } = await server.signIn('observer');
    const plan = (await server.api('GET', `/api/plans/${planId}`, { token })).body;
    expect(plan.initiativeCount).toBe(2);
    const csv = await fetch(`${server.url}/api/plans/${planId}/export.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain(
      '"initiative_id","initiative","theme","status","owner_group","start","end","indicator","unit","baseline","target","date","value"',
    );
    expect(
      lines.some((l) =>
        l.startsWith(
          '"ini1","Fælles beskedfordeler","Data","active","Testgruppe","2026-01-01","2027-12-31","Kommuner tilsluttet","kommuner","0","98","2026-03-31","6"',
        ),
      ),
    ).toBe(true);
    expect((await server.api('GET', '/api/plans/p-nope', { token })).status).toBe(404);
    const doc = await connectClient(server.wsUrl, docNames.plan(planId), token);
    expect(doc.doc.getMap(PLAN_FIELDS.initiatives).size).toBe(2);
    doc.destroy();
  });
});

describe('plans and initiatives over REST', () => {
  it('creates plans for the council only, refusing a period that ends before it starts', async () => {
    const { token } = await server.signIn('secretary');
    const created = await server.api('POST', '/api/plans', {
      token,
      body: { title: 'Strategi 2030–2033', periodStart: '2030-01-01', periodEnd: '2033-12-31' },
    });
    expect(created.status).toBe(201);
    const backwards = await server.api('POST', '/api/plans', {
      token,
      body: { title: 'X', periodStart: '2030-01-01', periodEnd: '2029-01-01' },
    });
    expect(backwards.body.error.issues[0].path).toEqual(['periodEnd']);
    expect(
      (
        await server.api('POST', '/api/plans', {
          token: leadToken,
          body: { title: 'X', periodStart: '2030-01-01', periodEnd: '2031-01-01' },
        })
      ).status,
    ).toBe(403);
  });

  it('changes an initiative in the live document, names the bad field, applies nothing on error, and links decisions both ways', async () => {
    const { token } = await server.signIn('chair');
    const reader = await connectClient(server.wsUrl, docNames.plan(planId), token);
    const initiative = () =>
      reader.doc.getMap<Y.Map<unknown>>(PLAN_FIELDS.initiatives).get('ini1')?.toJSON() as Record<string, unknown>;
    const before = initiative();
    const backwards = await server.api('PATCH', `/api/plans/${planId}/initiatives/ini1`, {
      token,
      body: { title: 'Nyt navn', endDate: '2025-01-01' },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues[0].path).toEqual(['endDate']);
    const badStatus = await server.api('PATCH', `/api/plans/${planId}/initiatives/ini1`, {
      token,
      body: { status: 'someday' },
    });
    expect(badStatus.body.error.issues[0].path).toEqual(['status']);
    expect(
      (await server.api('PATCH', `/api/plans/${planId}/initiatives/nope`, { token, body: { title: 'X' } })).body.error
        .issues[0].path,
    ).toEqual(['initiativeId']);
    await new Promise((r) => setTimeout(r, 100));
    expect(initiative()).toEqual(before);

    // A decision that starts the initiative, linked from the decision page.
    const meeting = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [{ id: 'i1', title: 'Beskedfordeler', kind: 'decision', durationMinutes: 10, confidential: false }],
        decisions: { i1: { title: 'Fælles beskedfordeler igangsættes', text: '', status: 'adopted' } },
      },
    });
    await server.api('POST', `/api/meetings/${meeting.id}/approve`, { token, body: { confirm: ['attendance'] } });
    const [decision] = (await server.api('GET', `/api/decisions?meeting=${meeting.id}`, { token })).body.items;
    const ok = await server.api('PATCH', `/api/plans/${planId}/initiatives/ini1`, {
      token,
      body: { status: 'paused', decisionNumbers: [decision.number] },
    });
    expect(ok.status).toBe(204);
    await waitFor(() => initiative().status === 'paused', 'the change to arrive live');
    reader.destroy();
    let linked: { initiatives: { id: string }[] } = { initiatives: [] };
    for (let i = 0; i < 30 && linked.initiatives.length === 0; i++) {
      linked = (await server.api('GET', `/api/decisions/${decision.number}`, { token })).body;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(linked.initiatives).toEqual([{ planId, id: 'ini1', title: 'Fælles beskedfordeler' }]);
    expect(
      (await server.api('PATCH', `/api/plans/${planId}/initiatives/ini1`, { token: leadToken, body: { title: 'X' } }))
        .status,
    ).toBe(403);
  });
});
