import { docNames, readTasks } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server.ts';
import { DEMO_PASSWORD, seedDemoIfEmpty } from './demo.ts';

/** The README's first command starts Council on this data: it must load, and load once. */
let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  expect(await seedDemoIfEmpty(server.council)).not.toBeNull();
  const login = await server.api('POST', '/api/auth/login', {
    body: { email: 'formand@council.example', password: DEMO_PASSWORD },
  });
  token = login.body.token;
}, 60_000);
afterAll(() => server.stop());

describe('the demo data', () => {
  it('signs in the chair with the documented password, and is not loaded twice', async () => {
    expect(token).toEqual(expect.any(String));
    expect(await seedDemoIfEmpty(server.council)).toBeNull();
  });

  it('has approved meetings with numbered decisions, their approvals dated on the meeting day', async () => {
    const register = await server.api('GET', '/api/decisions', { token });
    expect(register.body.items.map((d: { number: string }) => d.number)).toContain('2011-001');
    const approvals = await server.api('GET', '/api/audit?area=meeting', { token });
    const first = approvals.body.entries.find((e: { resource: string }) => e.resource === 'meeting:m-2011-11-11');
    expect(first).toMatchObject({ action: 'meeting.approve' });
    expect(first.at.slice(0, 10)).toBe('2011-11-11');
  });

  it("has the council's action points, one done and one open", async () => {
    const actions = (await server.api('GET', '/api/actions', { token })).body;
    expect(actions.filter((a: { doneAt: string | null }) => a.doneAt === null)).toHaveLength(1);
    expect(actions.filter((a: { doneAt: string | null }) => a.doneAt !== null)).toHaveLength(1);
  });

  it('gives the home pages something to show: the lead a volunteer waiting, an architect a call that matches', async () => {
    const signIn = async (email: string) =>
      (await server.api('POST', '/api/auth/login', { body: { email, password: DEMO_PASSWORD } })).body.token as string;
    const lead = await server.api('GET', '/api/home', { token: await signIn('mads.nielsen@esbjerg.example') });
    expect(lead.body.volunteers).toHaveLength(1);
    const architect = await server.api('GET', '/api/home', { token: await signIn('morten.joergensen@koege.example') });
    expect(architect.body.calls.map((c: { id: string }) => c.id)).toEqual(['c-beskedfordeler']);
    const chair = await server.api('GET', '/api/home', { token });
    expect(chair.body.nextSteps.map((s: { step: string }) => s.step)).toContain('publish');
  });

  it('has no task left open for years: the 2012 action point the data group took on is done on its board', async () => {
    const board = await server.council.hocuspocus.openDirectConnection(docNames.group('g-data'));
    let tasks: { title: string; due?: string; status: string }[] = [];
    await board.transact((doc) => {
      tasks = readTasks(doc);
    });
    await board.disconnect();
    expect(tasks.find((t) => t.title === 'Indsaml erfaringer med borgervendt support')).toMatchObject({
      status: 'done',
    });
    const stale = tasks.filter((t) => t.status !== 'done' && t.due !== undefined && t.due < '2026-01-01');
    expect(stale).toEqual([]);
  });

  it('starts with no notifications and no mail: the history it writes is news to nobody', async () => {
    const count = (table: string) =>
      (server.council.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('notifications')).toBe(0);
    expect(count('mail_outbox')).toBe(0);
  });
});
