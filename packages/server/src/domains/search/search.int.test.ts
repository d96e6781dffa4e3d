import { appendParagraphs, docNames, GROUP_FIELDS, ROLES, type Role } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, startTestServer, type TestServer, waitFor } from '../../testing/server.ts';

let server: TestServer;
const tokens = {} as Record<Role, string>;
let member: { token: string };
let closedGroupId: string;
let meetingId: string;

const get = (path: string, role: Role | string) =>
  server.api('GET', path, { token: role in tokens ? tokens[role as Role] : role });
const titles = (hits: { title: string }[]) => hits.map((h) => h.title);

beforeAll(async () => {
  server = await startTestServer();
  for (const role of ROLES) tokens[role] = (await server.signIn(role)).token;

  const first = await server.factory.meeting({
    status: 'minutes-draft',
    title: 'Opstartsmøde',
    content: {
      agenda: [{ id: 'i1', title: 'Gevinster', kind: 'decision', durationMinutes: 10, confidential: false }],
      decisions: {
        i1: { title: 'Få indikatorer', text: 'Start med få indikatorer.', status: 'adopted', tags: ['indikatorer'] },
      },
    },
  });
  server.council.db.prepare("UPDATE meetings SET starts_at = '2011-11-11T09:00:00+01:00' WHERE id = ?").run(first.id);
  expect(
    (
      await server.api('POST', `/api/meetings/${first.id}/approve`, {
        token: tokens.chair,
        body: { confirm: ['attendance'] },
      })
    ).status,
  ).toBe(200);

  const meeting = await server.factory.meeting({
    status: 'minutes-draft',
    title: 'Rådsmøde om styring',
    content: {
      agenda: [
        { id: 'i1', title: 'Aktiv it-arkitekturstyring', kind: 'decision', durationMinutes: 30, confidential: false },
        { id: 'i2', title: 'Leverandørforhandling', kind: 'decision', durationMinutes: 20, confidential: true },
        { id: 'i3', title: 'Fælles sikkerhedspolitik', kind: 'decision', durationMinutes: 10, confidential: false },
        { id: 'i4', title: 'Cloud-strategi', kind: 'decision', durationMinutes: 10, confidential: false },
      ],
      notes: {
        i1: ['Botanikeren klipper og poder: styringen høster gevinsterne.'],
        i2: ['Hemmelig forhandlingsstrategi om arkitektur.'],
      },
      decisions: {
        i1: {
          title: 'Aktiv it-arkitekturstyring',
          text: 'Rådet vedtager aktiv styring.',
          status: 'adopted',
          tags: ['styring'],
          supersedes: [],
        },
        i2: { title: 'Fortroligt forhandlingsmandat', text: 'Mandat om arkitektur.', status: 'adopted' },
        i3: { title: 'Sikkerhedspolitik udsat', text: '', status: 'postponed' },
        i4: { title: '=HYPERLINK("x") Cloud først', text: 'Forkastet.', status: 'rejected' },
      },
    },
  });
  meetingId = meeting.id;
  expect(
    (
      await server.api('POST', `/api/meetings/${meeting.id}/approve`, {
        token: tokens.chair,
        body: { confirm: ['attendance'] },
      })
    ).status,
  ).toBe(200);

  // A later meeting supersedes the first decision.
  const later = await server.factory.meeting({
    status: 'minutes-draft',
    title: 'Rådsmøde 2',
    content: {
      agenda: [{ id: 'i1', title: 'Indikatorer', kind: 'decision', durationMinutes: 10, confidential: false }],
      decisions: { i1: { title: 'Revideret indikatorsæt', text: '', status: 'adopted', supersedes: ['2011-001'] } },
    },
  });
  server.council.db.prepare("UPDATE meetings SET starts_at = '2012-05-10T09:00:00+02:00' WHERE id = ?").run(later.id);
  await server.api('POST', `/api/meetings/${later.id}/approve`, {
    token: tokens.chair,
    body: { confirm: ['attendance'] },
  });

  await server.factory.meeting({
    status: 'draft',
    title: 'Kladde',
    content: {
      agenda: [
        {
          id: 'd1',
          title: 'Hemmelig kladde om arkitekturråd',
          kind: 'discussion',
          durationMinutes: 5,
          confidential: false,
        },
      ],
    },
  });

  const memberPerson = await server.factory.person({ role: 'group_member', name: 'Gruppemedlem' });
  closedGroupId = (
    await server.factory.group({ visibility: 'closed', members: [{ personId: memberPerson.id, role: 'member' }] })
  ).id;
  member = (
    await server.api('POST', '/api/auth/login', {
      body: { email: memberPerson.email, password: memberPerson.password },
    })
  ).body;
  const lead = await connectClient(server.wsUrl, docNames.group(closedGroupId), member.token);
  appendParagraphs(lead.doc.getXmlFragment(GROUP_FIELDS.mandate), [
    'Gruppen beskriver sikkerhedsarkitektur for kommunerne.',
  ]);
  await lead.synced();
  lead.destroy();
  await waitFor(
    () =>
      (server.council.db.prepare("SELECT count(*) AS n FROM search_docs WHERE type = 'group'").get() as { n: number })
        .n > 0,
    'the group to be indexed',
  );
});
afterAll(() => server.stop());

describe('search', () => {
  it('matches Danish compounds and letters, case-insensitively, with highlighted snippets', async () => {
    const hits = (await get('/api/search?q=arkitektur', 'chair')).body;
    expect(titles(hits)).toContain('Aktiv it-arkitekturstyring');
    const notes = (await get('/api/search?q=HØSTER', 'observer')).body;
    expect(notes[0]).toMatchObject({ type: 'minutes', url: `/meetings/${meetingId}?tab=minutes#item-i1` });
    expect(notes[0].snippet).toContain('\u0002høster\u0003');
  });

  it('never shows a reader what they may not see', async () => {
    const forArchitect = titles((await get('/api/search?q=arkitektur', 'network_architect')).body).join(' | ');
    expect(forArchitect).toContain('Aktiv it-arkitekturstyring');
    expect(forArchitect).not.toContain('Hemmelig kladde'); // draft agenda
    expect(forArchitect).not.toContain('Fortroligt forhandlingsmandat'); // confidential decision
    expect(forArchitect).not.toContain('Testgruppe'); // closed group
    const secret = (await get('/api/search?q=forhandlingsstrategi', 'observer')).body;
    expect(secret).toEqual([]);

    const forCouncil = titles((await get('/api/search?q=arkitektur', 'council_member')).body).join(' | ');
    for (const t of ['Hemmelig kladde', 'Fortroligt forhandlingsmandat', 'Testgruppe', 'Leverandørforhandling'])
      expect(forCouncil).toContain(t);
    expect(titles((await get('/api/search?q=sikkerhedsarkitektur', member.token)).body)).toContain('Testgruppe');
  });

  it('filters by type and limits', async () => {
    const decisions = (await get('/api/search?q=arkitektur&type=decision', 'chair')).body;
    expect(decisions.every((h: { type: string }) => h.type === 'decision')).toBe(true);
    expect((await get('/api/search?q=arkitektur&limit=1', 'chair')).body).toHaveLength(1);
  });

  it('answers FTS syntax with results, and empty or huge queries with a clear 400', async () => {
    for (const q of ['"arkitektur', 'arkitektur*', 'NEAR(arkitektur styring)', '-arkitektur', '(((', 'it', 'a OR b']) {
      const res = await get(`/api/search?q=${encodeURIComponent(q)}`, 'chair');
      expect(res.status, q).toBe(200);
      expect(Array.isArray(res.body), q).toBe(true);
    }
    expect((await get('/api/search?q=', 'chair')).body.error.code).toBe('validation_failed');
    expect((await get(`/api/search?q=${'x'.repeat(300)}`, 'chair')).status).toBe(400);
    expect((await get('/api/search?q=arkitektur&type=everything', 'chair')).status).toBe(400);
    expect((await server.api('GET', '/api/search?q=arkitektur')).status).toBe(401);
  });

  it('follows live documents within seconds', async () => {
    const group = await server.factory.group({ visibility: 'open' });
    const admin = await connectClient(server.wsUrl, docNames.group(group.id), tokens.admin);
    const task = new Y.Map<unknown>();
    task.set('title', 'Kortlæg fagsystemintegrationer');
    admin.doc.getMap(GROUP_FIELDS.tasks).set('t1', task);
    await admin.synced();
    admin.destroy();
    const start = Date.now();
    let hits: { title: string }[] = [];
    while (Date.now() - start < 5000) {
      hits = (await get('/api/search?q=fagsystemintegrationer', 'observer')).body;
      if (hits.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(titles(hits)).toEqual(['Kortlæg fagsystemintegrationer']);
  });

  it('follows a document that never stops changing, at most a few seconds behind', async () => {
    const group = await server.factory.group({ visibility: 'open' });
    const lead = await connectClient(server.wsUrl, docNames.group(group.id), tokens.admin);
    const tasks = lead.doc.getMap(GROUP_FIELDS.tasks);
    const task = new Y.Map<unknown>();
    task.set('title', 'Afdæk snitfladeejerskab');
    tasks.set('t1', task);
    // Someone keeps typing in the same document: the projection may not wait for a pause.
    const typing = setInterval(() => (tasks.get('t1') as Y.Map<unknown>).set('description', `${Date.now()}`), 100);
    try {
      const start = Date.now();
      let hits: { title: string }[] = [];
      while (Date.now() - start < 6000 && !hits.length) {
        await new Promise((r) => setTimeout(r, 200));
        hits = (await get('/api/search?q=snitfladeejerskab', 'observer')).body;
      }
      expect(titles(hits)).toEqual(['Afdæk snitfladeejerskab']);
    } finally {
      clearInterval(typing);
      lead.destroy();
    }
  });
});

describe('decision register', () => {
  it('filters by status, tag, year, meeting and text', async () => {
    const numbers = async (query: string, role: Role = 'chair') =>
      (await get(`/api/decisions?${query}`, role)).body.items.map(
        (d: { number: string | null; title: string }) => d.number ?? d.title,
      );
    expect(await numbers('status=superseded')).toEqual(['2011-001']);
    expect(await numbers('status=postponed')).toEqual(['Sikkerhedspolitik udsat']);
    expect(await numbers('status=rejected')).toEqual(['=HYPERLINK("x") Cloud først']);
    expect(await numbers('tag=styring')).toEqual(['2026-001']);
    expect(await numbers('year=2012')).toEqual(['2012-001']);
    expect(await numbers(`meeting=${meetingId}&status=adopted&sort=oldest`)).toEqual(['2026-001', '2026-002']);
    expect(await numbers(`meeting=${meetingId}&status=adopted`, 'observer')).toEqual(['2026-001']);
    expect(await numbers('q=arkitekturstyring')).toEqual(['2026-001']);
    expect((await get('/api/decisions?status=maybe', 'chair')).status).toBe(400);
    expect((await get('/api/decisions?limit=1000', 'chair')).status).toBe(400);
  });

  it('pages with a cursor through everything, without gaps or repeats', async () => {
    const all = (await get('/api/decisions?limit=200', 'chair')).body.items.map((d: { id: number }) => d.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: number }[]; nextCursor: string | null } } = await get(
        `/api/decisions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        'chair',
      );
      seen.push(...page.body.items.map((d) => d.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect((await get('/api/decisions?cursor=garbage', 'chair')).body.error.message).toContain('cursor');
  });

  it('pages a text filter in register order, both ways, as each reader may see it', async () => {
    type Page = { items: { id: number; title: string; text: string }[]; nextCursor: string | null };
    const pageThrough = async (query: string, role: Role) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = (await get(`/api/decisions?${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, role))
          .body;
        seen.push(...page.items.map((d) => d.id));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    for (const role of ['chair', 'observer'] as const) {
      for (const sort of ['newest', 'oldest']) {
        const everything: Page = (await get(`/api/decisions?limit=200&sort=${sort}`, role)).body;
        for (const word of ['ikator', 'arkitektur']) {
          const expected = everything.items
            .filter((d) => `${d.title} ${d.text}`.toLowerCase().includes(word))
            .map((d) => d.id);
          expect(expected.length).toBeGreaterThan(0);
          expect(await pageThrough(`q=${word}&sort=${sort}`, role)).toEqual(expected);
        }
      }
    }
    // The chair also finds the confidential decision's wording; the observer does not.
    expect((await get('/api/decisions?q=arkitektur', 'chair')).body.items).toHaveLength(2);
    expect((await get('/api/decisions?q=arkitektur', 'observer')).body.items).toHaveLength(1);
  });

  it('shows a decision with its supersede chain both ways', async () => {
    const old = (await get('/api/decisions/2011-001', 'observer')).body;
    expect(old).toMatchObject({
      status: 'superseded',
      supersededBy: [{ number: '2012-001', title: 'Revideret indikatorsæt' }],
    });
    const newer = (await get('/api/decisions/2012-001', 'observer')).body;
    expect(newer.supersedesDecisions).toEqual([{ number: '2011-001', title: 'Få indikatorer' }]);
    expect((await get('/api/decisions/2099-001', 'observer')).status).toBe(404);
    expect((await get('/api/decisions/not-a-number', 'observer')).status).toBe(400);
  });

  it('counts decisions by year for the timeline', async () => {
    expect((await get('/api/decisions/years', 'observer')).body).toEqual([
      { year: 2026, count: 3 },
      { year: 2012, count: 1 },
      { year: 2011, count: 1 },
    ]);
  });

  it('exports what the reader may see as JSON and CSV, with formulas defused', async () => {
    const json = (await get('/api/decisions.json', 'observer')).body;
    expect(json.map((d: { title: string }) => d.title)).not.toContain('Fortroligt forhandlingsmandat');
    expect(json).toHaveLength(5);
    const csv = await fetch(`${server.url}/api/decisions.csv`, {
      headers: { authorization: `Bearer ${tokens.observer}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so that Excel reads UTF-8
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFF"number","status","decided_on","title","text","tags","supersedes","meeting_id","meeting_title"',
    );
    expect(text).toContain(`"'=HYPERLINK(""x"") Cloud først"`);
    expect(text).not.toContain('Fortroligt');
  });
});
