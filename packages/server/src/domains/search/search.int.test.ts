import { appendParagraphs, docNames, GROUP_FIELDS, ROLES, type Role, type SearchHit } from '@council/shared';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Db, migrate, openDatabase } from '../../db/connection.ts';
import { MIGRATIONS } from '../../db/migrations/index.ts';
import { connectClient, startTestServer, type TestServer, tempDatabaseFile, waitFor } from '../../testing/server.ts';
import { type IndexRow, replaceSource } from './indexer.ts';
import { SearchRepo } from './repo.ts';
import { suggest } from './vocabulary.ts';

let server: TestServer;
const tokens = {} as Record<Role, string>;
let member: { token: string };
let closedGroupId: string;
let meetingId: string;

const get = (path: string, role: Role | string) =>
  server.api('GET', path, { token: role in tokens ? tokens[role as Role] : role });
const titles = (hits: { title: string }[]) => hits.map((h) => h.title);
/** The hits of a search, as `role` (or the holder of a token) gets them. */
const search = async (query: string, role: Role | string): Promise<SearchHit[]> => {
  const res = await get(`/api/search?${query}`, role);
  expect(res.status, query).toBe(200);
  return res.body.hits;
};

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

  // Words for the forgiving search: visible to everyone, in a meeting whose minutes are being written.
  await server.factory.meeting({
    status: 'minutes-draft',
    title: 'Arbejdsgrupper',
    content: {
      agenda: [
        {
          id: 'i1',
          title: 'Kommissorium for arbejdsgruppen',
          kind: 'discussion',
          durationMinutes: 10,
          confidential: false,
        },
        { id: 'i2', title: 'Intern kommunikation', kind: 'discussion', durationMinutes: 5, confidential: false },
      ],
      notes: {
        i1: ['Gevinstrealisering i de fælles støttesystemer kræver en klar arkitektur. Kommunen betaler.'],
        i2: ['Et nyhedsbrev hver måned.'],
      },
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
    const hits = await search('q=arkitektur', 'chair');
    expect(titles(hits)).toContain('Aktiv it-arkitekturstyring');
    const notes = await search('q=HØSTER', 'observer');
    expect(notes[0]).toMatchObject({ type: 'minutes', url: `/meetings/${meetingId}?tab=minutes#item-i1` });
    expect(notes[0].snippet).toContain('\u0002høster\u0003');
  });

  it('never shows a reader what they may not see', async () => {
    const forArchitect = titles(await search('q=arkitektur', 'network_architect')).join(' | ');
    expect(forArchitect).toContain('Aktiv it-arkitekturstyring');
    expect(forArchitect).not.toContain('Hemmelig kladde'); // draft agenda
    expect(forArchitect).not.toContain('Fortroligt forhandlingsmandat'); // confidential decision
    expect(forArchitect).not.toContain('Testgruppe'); // closed group
    const secret = (await get('/api/search?q=forhandlingsstrategi', 'observer')).body;
    expect(secret).toEqual({ hits: [], correction: null });

    const forCouncil = titles(await search('q=arkitektur', 'council_member')).join(' | ');
    for (const t of ['Hemmelig kladde', 'Fortroligt forhandlingsmandat', 'Testgruppe', 'Leverandørforhandling'])
      expect(forCouncil).toContain(t);
    expect(titles(await search('q=sikkerhedsarkitektur', member.token))).toContain('Testgruppe');
  });

  it('filters by type and limits', async () => {
    const decisions = await search('q=arkitektur&type=decision', 'chair');
    expect(decisions.every((h: { type: string }) => h.type === 'decision')).toBe(true);
    expect(await search('q=arkitektur&limit=1', 'chair')).toHaveLength(1);
  });

  it('answers FTS syntax with results, and empty or huge queries with a clear 400', async () => {
    for (const q of ['"arkitektur', 'arkitektur*', 'NEAR(arkitektur styring)', '-arkitektur', '(((', 'it', 'a OR b']) {
      const res = await get(`/api/search?q=${encodeURIComponent(q)}`, 'chair');
      expect(res.status, q).toBe(200);
      expect(Array.isArray(res.body.hits), q).toBe(true);
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
      hits = await search('q=fagsystemintegrationer', 'observer');
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
        hits = await search('q=snitfladeejerskab', 'observer');
      }
      expect(titles(hits)).toEqual(['Afdæk snitfladeejerskab']);
    } finally {
      clearInterval(typing);
      lead.destroy();
    }
  });
});

describe('search that forgives', () => {
  const forgiving = async (q: string, role: Role | string, type?: string) => {
    const res = await get(`/api/search?${new URLSearchParams({ q, ...(type ? { type } : {}) })}`, role);
    expect(res.status, q).toBe(200);
    return res.body as { hits: SearchHit[]; correction: { query: string } | null };
  };

  it('corrects a misspelt word to the nearest word of the index and shows its hits', async () => {
    for (const [typo, word] of [
      ['gevinstrealisring', 'gevinstrealisering'],
      ['arkitekur', 'arkitektur'],
      ['kommisorium', 'kommissorium'],
    ]) {
      const result = await forgiving(typo as string, 'observer');
      expect(result.correction, typo).toEqual({ query: word });
      expect(titles(result.hits), typo).toContain('Kommissorium for arbejdsgruppen');
      const marked = result.hits
        .map((h) => `${h.title} ${h.snippet}`)
        .join(' ')
        .toLocaleLowerCase('da');
      expect(marked, typo).toContain(word as string);
    }
    // Only the word that finds nothing is replaced; the rest of the query stays as typed.
    const two = await forgiving('gevinstrealisring støttesystemerne', 'observer');
    expect(two.correction).toEqual({ query: 'gevinstrealisering støttesystemerne' });
    expect(titles(two.hits)).toEqual(['Kommissorium for arbejdsgruppen']);
  });

  it('suggests nothing for a word that is found, and nothing that finds nothing under the filters', async () => {
    expect((await forgiving('arkitektur', 'observer')).correction).toBeNull();
    const decisions = await forgiving('arkitekur', 'observer', 'decision');
    expect(decisions.correction).toEqual({ query: 'arkitektur' });
    expect(decisions.hits.map((h) => h.type)).toEqual(['decision']);
    // "kommissorium" is in an agenda, not in any decision: no suggestion rather than an empty one.
    expect(await forgiving('kommisorium', 'observer', 'decision')).toEqual({ hits: [], correction: null });
    expect(await forgiving('xqzvwk', 'observer')).toEqual({ hits: [], correction: null });
  });

  it('finds the other inflections of a Danish word', async () => {
    const result = await forgiving('støttesystemerne', 'observer');
    expect(result.correction).toBeNull();
    expect(titles(result.hits)).toEqual(['Kommissorium for arbejdsgruppen']);
    expect(result.hits[0]?.snippet).toContain('\u0002støttesystemer\u0003');
    expect(titles((await forgiving('indikatorerne', 'observer')).hits).join(' | ')).toContain('Få indikatorer');
    // The forms of the stem, not every word that starts like it: "kommunikation" is another word.
    const municipalities = await forgiving('kommunerne', 'observer');
    expect(titles(municipalities.hits)).toEqual(['Kommissorium for arbejdsgruppen']);
    expect(municipalities.hits[0]?.snippet).toContain('\u0002Kommunen\u0003');
  });

  it('never suggests a word that only occurs in what the reader may not see', async () => {
    // "forhandlingsstrategi" is only in a confidential item's notes.
    expect(await forgiving('forhandlingsstrategy', 'observer')).toEqual({ hits: [], correction: null });
    expect(await forgiving('forhandlingsstrategy', 'network_architect')).toEqual({ hits: [], correction: null });
    const council = await forgiving('forhandlingsstrategy', 'council_member');
    expect(council.correction).toEqual({ query: 'forhandlingsstrategi' });
    expect(titles(council.hits)).toContain('Leverandørforhandling');
    // "sikkerhedsarkitektur" is only in a closed group's mandate.
    expect(await forgiving('sikkerhedsarkitekur', 'network_architect')).toEqual({ hits: [], correction: null });
    expect(await forgiving('sikkerhedsarkitekur', 'observer')).toEqual({ hits: [], correction: null });
    const inGroup = await forgiving('sikkerhedsarkitekur', member.token);
    expect(inGroup.correction).toEqual({ query: 'sikkerhedsarkitektur' });
    expect(titles(inGroup.hits)).toContain('Testgruppe');
  });
});

describe('the vocabulary and stems behind it', () => {
  const vocabulary = (db: Db) =>
    Object.fromEntries(
      db
        .prepare<[], { word: string; visibility: string; docs: number }>(
          'SELECT word, visibility, docs FROM search_words ORDER BY word, visibility',
        )
        .all()
        .map((r) => [`${r.word} ${r.visibility}`, r.docs]),
    );
  const row = (ref: string, title: string, body: string, visibility = 'all'): IndexRow => ({
    type: 'task',
    ref,
    title,
    body,
    url: `/x/${ref}`,
    visibility,
  });

  it('counts each word per visibility as rows come, change and go, and leaves unchanged rows alone', () => {
    const db = openDatabase(tempDatabaseFile());
    replaceSource(db, 's', [
      row('a', 'Støttesystemer', 'Kommissorium for støttesystemerne'),
      row('b', 'Kommissorium', 'fortroligt', 'council'),
    ]);
    expect(vocabulary(db)).toEqual({
      'for all': 1,
      'fortroligt council': 1,
      'kommissorium all': 1,
      'kommissorium council': 1,
      'støttesystemer all': 1,
      'støttesystemerne all': 1,
    });
    expect(db.prepare("SELECT word FROM search_words WHERE stem = 'støttesystem' ORDER BY word").all()).toEqual([
      { word: 'støttesystemer' },
      { word: 'støttesystemerne' },
    ]);
    const before = db.prepare("SELECT id FROM search_docs WHERE ref = 'b'").get();
    replaceSource(db, 's', [
      row('a', 'Støttesystemer', 'Kommissoriet'),
      row('b', 'Kommissorium', 'fortroligt', 'council'),
    ]);
    expect(vocabulary(db)).toEqual({
      'fortroligt council': 1,
      'kommissoriet all': 1,
      'kommissorium council': 1,
      'støttesystemer all': 1,
    });
    expect(db.prepare("SELECT id FROM search_docs WHERE ref = 'b'").get()).toEqual(before);
    // Suggestions come from the visibilities asked for only.
    expect(suggest(db, 'fortroligy', ['all'])).toBeNull();
    expect(suggest(db, 'fortroligy', ['all', 'council'])).toBe('fortroligt');
    expect(suggest(db, 'fortroligy', null)).toBe('fortroligt');
    expect(suggest(db, 'kommisoriet', ['all'])).toBe('kommissoriet');
    replaceSource(db, 's', []);
    expect(vocabulary(db)).toEqual({});
    expect(db.prepare('SELECT count(*) AS n FROM search_words_fts').get()).toEqual({ n: 0 });
    db.close();
  });

  it('counts the words of rows indexed before migration 15', async () => {
    const file = tempDatabaseFile();
    const before = new Database(file);
    before.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)');
    for (const m of MIGRATIONS.filter((m) => m.version < 15)) {
      before.exec(m.sql);
      before.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
    }
    before
      .prepare(
        `INSERT INTO search_docs (type, ref, source, title, body, url, visibility)
         VALUES ('task', 't1', 'group:g1', 'Støttesystemerne', 'Et kommissorium', '/groups/g1', 'group:g1')`,
      )
      .run();
    migrate(before);
    const repo = new SearchRepo(before);
    const member = { id: 'p', role: 'group_member' as const, groups: { g1: 'member' as const } };
    expect((await repo.search(member, { q: 'støttesystemer', limit: 20 })).hits).toHaveLength(1);
    expect(await repo.search(member, { q: 'kommisorium', limit: 20 })).toMatchObject({
      correction: { query: 'kommissorium' },
    });
    const outsider = { id: 'o', role: 'observer' as const, groups: {} };
    expect(await repo.search(outsider, { q: 'kommisorium', limit: 20 })).toEqual({ hits: [], correction: null });
    before.close();
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
      '\uFEFF"number","status","decided_on","title","text","tags","supersedes","meeting_id","meeting_title","votes_for","votes_against","votes_abstain","dissents","conflicts"',
    );
    expect(text).toContain(`"'=HYPERLINK(""x"") Cloud først"`);
    expect(text).not.toContain('Fortroligt');
  });
});
