import {
  type Actor,
  appendParagraphs,
  CSV_FORMATS,
  can,
  DECISION_RECORD_STATUSES,
  docNames,
  GROUP_FIELDS,
  mayReadConfidential,
  ROLES,
  type Role,
  SEARCH_TYPES,
  TASK_STATUSES,
} from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadPaper } from '../testing/papers.ts';
import { connectClient, startTestServer, type TestServer } from '../testing/server.ts';

/**
 * Security review, the last test of its access findings: signed in as every role (and as the lead and
 * a member of a closed group), no GET route names a closed group or a confidential agenda item to
 * anyone the policy table keeps them from, exports included. The routes come from the server, so a
 * new route is walked without anyone remembering to add it here; one the walk cannot fill fails.
 */

/** Written into the closed group: its name, purpose, deliverables, mandate, task and call. */
const CLOSED_GROUP = 'LUKKETGRUPPE-7f3a';
/** Written into confidential items: their notes, and their decision's title, text and tag. */
const CONFIDENTIAL = 'FORTROLIGT-91c2';
/**
 * Written where everyone who signs in may read it: the confidential item's own title (the item stays
 * on the public agenda, docs/documents.md), the decision that set up the group and the plan's
 * initiative. Seeing it proves a route answered a viewer with content, so that not finding a secret
 * there means something.
 */
const PUBLIC = 'OFFENTLIGT-5d0e';
const SECRETS = [CLOSED_GROUP, CONFIDENTIAL] as const;
const MARKERS = [...SECRETS, PUBLIC] as const;
type Marker = (typeof MARKERS)[number];

/** Everything the setup made, by what the walk needs to know of it. */
interface World {
  groupId: string;
  member: { id: string; name: string };
  planId: string;
  meetings: { founding: string; approved: string; pending: string };
  /** The public decision that set up the group, and the confidential one. */
  decisions: { founding: string; confidential: string };
  /** The secret of the observer's calendar link: every viewer fetches that one feed. */
  calendarFeeds: string[];
  /** A meeting template made of the approved meeting's agenda, confidential item included, and a series of it. */
  templateId: string;
  seriesId: string;
  /** Papers on the approved meeting's open and confidential items, and on the pending one's. */
  paperIds: string[];
}

interface Viewer {
  label: string;
  token: string;
  actor: Actor;
}

/** One answer of the walk: what it was, and which markers a reader of it would find. */
interface Answer {
  viewer: string;
  url: string;
  status: number;
  mentions: Set<Marker>;
}

let server: TestServer;
let world: World;
let viewers: Viewer[];
let answers: Answer[];
let unfillable: string[];

beforeAll(async () => {
  server = await startTestServer();
  const byRole = {} as Record<Role, Viewer>;
  for (const role of ROLES) {
    const { token, personId } = await server.signIn(role);
    byRole[role] = { label: role, token, actor: { id: personId, role, groups: {} } };
  }
  const lead = await signInNamed('group_lead', 'Gruppeleder Lund');
  const member = await signInNamed('group_member', 'Gruppemedlem Holm');
  // The calendar link answers without a session, as its owner: the walk fetches the observer's
  // (who may see least) as every viewer, and it must name nothing secret to any of them.
  const feed = await call('POST', '/api/me/calendar', byRole.observer.token);
  world = {
    ...(await buildWorld(byRole.chair.token, lead, member)),
    calendarFeeds: [String(feed.url).replace(/^.*\/calendar\/(.+)\.ics$/, '$1')],
  };
  // The role walkers belong to no group: the network_architect is the outsider architect, and the
  // group_lead and group_member walkers hold those roles without being in this group.
  viewers = [
    ...Object.values(byRole),
    {
      label: 'group_lead, lead of the closed group',
      token: lead.token,
      actor: { id: lead.id, role: 'group_lead', groups: { [world.groupId]: 'lead' } },
    },
    {
      label: 'group_member, member of the closed group',
      token: member.token,
      actor: { id: member.id, role: 'group_member', groups: { [world.groupId]: 'member' } },
    },
  ];
  // The change feed is a stream that never ends, and says only that something changed (changeFeed.int.test.ts).
  const plan = walkPlan(
    server.council.routes.filter((route) => route !== 'GET /api/events'),
    world,
  );
  unfillable = plan.unfillable;
  answers = (await Promise.all(viewers.map((viewer) => walk(viewer, plan.urls)))).flat();
}, 120_000);
afterAll(() => server.stop());

async function signInNamed(role: Role, name: string) {
  const person = await server.factory.person({ role, name });
  const { body } = await server.api('POST', '/api/auth/login', {
    body: { email: person.email, password: person.password },
  });
  return { id: person.id, name, token: body.token as string };
}

/** Fails the setup at once, with the answer, when a step the walk relies on did not happen. */
async function call(method: string, route: string, token: string, body?: unknown) {
  const res = await server.api(method, route, { token, body });
  if (res.status >= 300) throw new Error(`${method} ${route} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function approve(meetingId: string, chair: string): Promise<string[]> {
  const approved = await call('POST', `/api/meetings/${meetingId}/approve`, chair, { confirm: ['attendance'] });
  return approved.decisions.map((d: { number: string }) => d.number);
}

/**
 * Fills the server through its own routes and documents, as people would: the council sets up a group
 * by decision, its lead recruits a member through a call and then closes it, the board, mandate and
 * plan get content, and the council approves minutes with a confidential item and leaves another
 * meeting's minutes drafted.
 */
async function buildWorld(
  chair: string,
  lead: { id: string; token: string },
  member: { id: string; name: string; token: string },
): Promise<Omit<World, 'calendarFeeds'>> {
  const founding = await server.factory.meeting({
    status: 'minutes-draft',
    title: 'Rådsmøde om sikkerhed',
    content: {
      agenda: [{ id: 'i1', title: 'Sikkerhedsarbejdet', kind: 'decision', durationMinutes: 10, confidential: false }],
      decisions: {
        i1: { title: `Arbejdsgruppe nedsættes ${PUBLIC}`, text: 'Rådet nedsætter den.', status: 'adopted' },
      },
    },
  });
  const [foundingNumber] = await approve(founding.id, chair);

  // Open at first, so that a member can answer the call; closed before anything is walked, so the
  // walk also shows that what was indexed while it was open went with the closing.
  const group = await call('POST', '/api/groups', chair, {
    name: `${CLOSED_GROUP} Sikkerhedsarkitektur`,
    purpose: `Formål for ${CLOSED_GROUP}`,
    deliverables: `Leverancer fra ${CLOSED_GROUP}`,
    leadIds: [lead.id],
    decisionNumber: foundingNumber,
    startDate: '2026-09-01',
    reportDate: '2026-11-30',
    endDate: '2027-06-30',
  });
  const groupId = group.id as string;
  const recruiting = await call('POST', `/api/groups/${groupId}/calls`, lead.token, {
    competencies: ['Sikkerhed'],
    note: `Kald til ${CLOSED_GROUP}`,
  });
  await call('POST', `/api/calls/${recruiting.id}/volunteer`, member.token, { note: 'Gerne' });
  await call('POST', `/api/calls/${recruiting.id}/volunteers/${member.id}/accept`, lead.token);
  await call('POST', `/api/groups/${groupId}/visibility`, lead.token, { visibility: 'closed' });
  await call('POST', `/api/groups/${groupId}/tasks`, lead.token, {
    title: `Opgave i ${CLOSED_GROUP}`,
    assigneeId: member.id,
    description: `Beskrivelse for ${CLOSED_GROUP}`,
  });
  const board = await connectClient(server.wsUrl, docNames.group(groupId), lead.token);
  appendParagraphs(board.doc.getXmlFragment(GROUP_FIELDS.mandate), [`Mandat for ${CLOSED_GROUP}`]);
  await board.synced();
  board.destroy();

  // The initiative is the network's to read; only the name of the group that owns it is not.
  const plan = await server.factory.plan([
    {
      id: 'ini1',
      title: `Sikker identitet ${PUBLIC}`,
      theme: 'Sikkerhed',
      status: 'active',
      description: [],
      benefits: [],
      indicators: [
        { id: 'ind1', name: 'Andel med totrinsbekræftelse', unit: '%', baseline: 10, target: 90, measurements: [] },
      ],
    },
  ]);
  await call('PATCH', `/api/plans/${plan.id}/initiatives/ini1`, chair, {
    ownerGroupId: groupId,
    decisionNumbers: [foundingNumber],
  });
  await server.council.settle(); // the owner reaches the read model, which the lead's right to measure asks
  await call('POST', `/api/plans/${plan.id}/initiatives/ini1/indicators/ind1/measurements`, lead.token, {
    date: '2026-10-01',
    value: 40,
  });

  // The confidential item's title stays on the public agenda; its notes and decision do not.
  const approved = await server.factory.meeting({
    status: 'minutes-draft',
    title: 'Rådsmøde december',
    content: {
      agenda: [
        { id: 'i1', title: 'Orientering', kind: 'information', durationMinutes: 10, confidential: false },
        {
          id: 'i2',
          title: `Leverandørforhandling ${PUBLIC}`,
          kind: 'decision',
          durationMinutes: 20,
          confidential: true,
        },
      ],
      notes: { i1: ['Formanden orienterede.'], i2: [`Forhandlingsstrategien ${CONFIDENTIAL} blev drøftet.`] },
      decisions: {
        i2: {
          title: `Forhandlingsmandat ${CONFIDENTIAL}`,
          text: `Rådet giver mandat efter ${CONFIDENTIAL}.`,
          status: 'adopted',
          tags: [CONFIDENTIAL],
        },
      },
      // Becomes a task on the closed group's board when the minutes are approved.
      actions: [{ id: 'a1', title: 'Udarbejd en trusselsvurdering', groupId, due: '2027-01-31' }],
    },
  });
  // A conflict of interest on the confidential item, with its reason, is confidential too.
  const conflict = { reason: `Inhabil efter ${CONFIDENTIAL}` };
  await call('POST', `/api/meetings/${approved.id}/items/i2/conflicts`, chair, conflict);
  // Papers: a confidential item's name, title and text are the council's; an open item's everyone's.
  const paper = async (meetingId: string, itemId: string, marker: Marker) => {
    const text = Buffer.from(`Bilagstekst ${marker}\n`);
    const res = await uploadPaper(server.url, chair, meetingId, itemId, text, `Bilag ${marker}.txt`);
    if (res.status !== 201) throw new Error(`paper upload answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const paperIds = [await paper(approved.id, 'i1', PUBLIC), await paper(approved.id, 'i2', CONFIDENTIAL)];
  const [confidentialNumber] = await approve(approved.id, chair);
  const template = await call('POST', '/api/meeting-templates/from-meeting', chair, {
    meetingId: approved.id,
    name: 'Som decembermødet',
  });
  const series = await call('POST', '/api/meeting-series', chair, {
    name: 'Kvartalsmøde',
    templateId: template.id,
    unit: 'months',
    every: 3,
    firstDate: '2026-03-12',
    startTime: '09:00',
    durationMinutes: 180,
  });

  // Drafted minutes: confidential content that is indexed from the live documents, not yet numbered.
  const pending = await server.factory.meeting({
    status: 'minutes-draft',
    title: 'Rådsmøde januar',
    content: {
      agenda: [{ id: 'i1', title: `Udbud ${PUBLIC}`, kind: 'decision', durationMinutes: 20, confidential: true }],
      notes: { i1: [`Tilbuddene efter ${CONFIDENTIAL} blev vurderet.`] },
      decisions: { i1: { title: `Tildeling ${CONFIDENTIAL}`, text: `Efter ${CONFIDENTIAL}.`, status: 'adopted' } },
    },
  });
  await call('POST', `/api/meetings/${pending.id}/items/i1/conflicts`, chair, conflict);
  paperIds.push(await paper(pending.id, 'i1', CONFIDENTIAL));
  await server.council.extractor.idle();
  await server.council.outbox.drain();
  await server.council.settle();
  return {
    groupId,
    member: { id: member.id, name: member.name },
    planId: plan.id,
    meetings: { founding: founding.id, approved: approved.id, pending: pending.id },
    decisions: { founding: foundingNumber as string, confidential: confidentialNumber as string },
    templateId: template.id as string,
    seriesId: series.id as string,
    paperIds,
  };
}

/** Who may read what, asked of the policy table the routes are meant to follow. */
function mayRead(actor: Actor, marker: Marker): boolean {
  switch (marker) {
    case CLOSED_GROUP:
      return can(actor, 'read', { type: 'group', id: world.groupId, visibility: 'closed' });
    case CONFIDENTIAL:
      return mayReadConfidential(actor);
    case PUBLIC:
      return can(actor, 'read', { type: 'meeting', status: 'approved' });
  }
}

/**
 * Ids for each path parameter, by the segment before it (`meetings/{id}`): every object of that kind
 * the setup made, so that each route is walked for the open and the secret one alike.
 */
function pathIds(w: World): Record<string, string[]> {
  return {
    'meetings/{id}': Object.values(w.meetings),
    'decisions/{number}': Object.values(w.decisions),
    'groups/{id}': [w.groupId],
    'plans/{id}': [w.planId],
    'calendar/{token}': w.calendarFeeds,
    'meeting-templates/{id}': [w.templateId],
    'meeting-series/{id}': [w.seriesId],
    'papers/{paperId}': w.paperIds,
    // Kept mail is for admins; the walk asks for the first, which may or may not have been written.
    'mail/{id}': ['1'],
    // No provider is configured here: single sign-on answers every viewer with the sign-in page.
    'oidc/{provider}': ['kommune'],
    'saml/{provider}': ['adfs'],
  };
}

/**
 * Queries worth asking besides none, by route: every export format, the text searches for each
 * marker, and each filter with a value that selects the secret objects.
 */
function queryVariants(w: World): Record<string, Record<string, string>[]> {
  const formats = CSV_FORMATS.map((format) => ({ format }));
  return {
    'GET /api/decisions': [
      ...MARKERS.map((q) => ({ q })),
      { tag: CONFIDENTIAL },
      ...Object.values(w.meetings).map((meeting) => ({ meeting })),
      ...DECISION_RECORD_STATUSES.map((status) => ({ status })),
      { year: '2026' },
      { sort: 'oldest', limit: '200' },
    ],
    'GET /api/decisions.csv': formats,
    'GET /api/plans/{id}/export.csv': formats,
    'GET /api/papers/{paperId}/file': [{ version: '1', download: '1' }],
    'GET /api/meetings/{id}/archive.pdf': [{ variant: 'public' }, { variant: 'council' }],
    'GET /api/meetings/{id}/archive.zip': [{ variant: 'public' }, { variant: 'council' }],
    'GET /api/search': MARKERS.flatMap((q) => [{ q, limit: '100' }, ...SEARCH_TYPES.map((type) => ({ q, type }))]),
    'GET /api/tasks': [
      { group: w.groupId },
      { assignee: w.member.id },
      { assignee: 'me' },
      ...TASK_STATUSES.map((status) => ({ status })),
    ],
    'GET /api/calls': [{ group: w.groupId }, { status: 'open' }, { status: 'closed' }],
    'GET /api/people': [{ q: w.member.name }, { organisation: 'Testkommune' }, { competence: 'Sikkerhed' }],
    'GET /api/actions': [{ status: 'open' }, { status: 'done' }, { assignee: 'me' }, { assignee: w.member.id }],
    'GET /api/notifications': [{ limit: '200' }],
    // Without a valid signature the page is a 404 for everyone; nobody learns whose link it was.
    'GET /api/notifications/unsubscribe': [{ p: w.member.id, k: 'taskAssigned', s: 'forged' }],
    'GET /api/auth/oidc/{provider}/start': [{ next: '/meetings' }],
    'GET /api/auth/saml/{provider}/start': [{ next: '/meetings' }],
    'GET /api/auth/oidc/{provider}/callback': [
      { code: 'kode', state: 'tilstand', iss: 'https://idp.example' },
      { error: 'access_denied', error_description: 'annulleret' },
    ],
    'GET /api/audit': [
      { area: 'group' },
      { resource: `group:${w.groupId}` },
      { resource: `meeting:${w.meetings.approved}` },
      { limit: '200' },
    ],
  };
}

/** Query parameters that only page through what the other parameters select; `limit` covers the window. */
const PAGING = new Set(['cursor', 'before']);

const urlOf = (path: string, query: Record<string, string> = {}) => {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
};

/** Every URL to fetch for every GET route, and the routes whose path parameters the walk cannot fill. */
function walkPlan(routes: string[], w: World): { urls: string[]; unfillable: string[] } {
  const ids = pathIds(w);
  const variants = queryVariants(w);
  const urls: string[] = [];
  const cannot: string[] = [];
  for (const route of routes.filter((r) => r.startsWith('GET '))) {
    const template = route.slice('GET '.length);
    const params = [...template.matchAll(/([^/]+)\/\{(\w+)\}/g)].map((m) => `${m[1]}/{${m[2]}}`);
    const missing = params.filter((p) => !ids[p]);
    if (missing.length > 0) {
      cannot.push(`${route} (no ids for ${missing.join(', ')})`);
      continue;
    }
    let paths = [template];
    for (const param of params) {
      const placeholder = param.slice(param.indexOf('/') + 1);
      paths = paths.flatMap((p) => (ids[param] as string[]).map((id) => p.replace(placeholder, id)));
    }
    for (const path of paths) for (const query of [{}, ...(variants[route] ?? [])]) urls.push(urlOf(path, query));
  }
  return { urls, unfillable: cannot };
}

/** The text a person would read: no Markdown escapes, no search highlight marks (raw or JSON-escaped), any case. */
const readable = (body: string) =>
  body
    .replace(/\\u000[23]/g, '')
    .replaceAll('\u0002', '')
    .replaceAll('\u0003', '')
    .replaceAll('\\', '')
    .toLowerCase();

async function walk(viewer: Viewer, urls: string[]): Promise<Answer[]> {
  const seen: Answer[] = [];
  for (const url of urls) {
    const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${viewer.token}` } });
    const text = readable(await res.text());
    const mentions = new Set(MARKERS.filter((m) => text.includes(m.toLowerCase())));
    seen.push({ viewer: viewer.label, url, status: res.status, mentions });
  }
  return seen;
}

const viewerNamed = (label: string) => viewers.find((v) => v.label === label) as Viewer;

/**
 * Where each marker must be found by every viewer who may read it: the group's page, lists and
 * exports; the minutes, the register and its exports; search. If these come back empty the walk
 * could not see a leak either.
 */
function whereExpected(w: World): Record<Marker, string[]> {
  const csv = (path: string) => [path, ...CSV_FORMATS.map((format) => urlOf(path, { format }))];
  const minutes = [`/api/meetings/${w.meetings.approved}/minutes`, `/api/meetings/${w.meetings.approved}/minutes.md`];
  return {
    [CLOSED_GROUP]: [
      `/api/groups/${w.groupId}`,
      '/api/groups',
      '/api/tasks',
      urlOf('/api/tasks', { group: w.groupId }),
      '/api/calls',
      '/api/people',
      `/api/decisions/${w.decisions.founding}`,
      urlOf('/api/search', { q: CLOSED_GROUP, limit: '100' }),
      ...csv(`/api/plans/${w.planId}/export.csv`),
    ],
    [CONFIDENTIAL]: [
      ...minutes,
      `/api/decisions/${w.decisions.confidential}`,
      '/api/decisions',
      urlOf('/api/decisions', { q: CONFIDENTIAL }),
      urlOf('/api/decisions', { tag: CONFIDENTIAL }),
      '/api/decisions.json',
      ...csv('/api/decisions.csv'),
      urlOf('/api/search', { q: CONFIDENTIAL, limit: '100' }),
    ],
    [PUBLIC]: [
      ...minutes,
      `/api/decisions/${w.decisions.founding}`,
      '/api/decisions.json',
      ...csv('/api/decisions.csv'),
      ...csv(`/api/plans/${w.planId}/export.csv`),
      urlOf('/api/search', { q: PUBLIC, limit: '100' }),
    ],
  };
}

describe('walking every GET route as every role', () => {
  it('can fill every route’s path parameters and sets every query parameter the API declares', async () => {
    expect(unfillable, 'teach pathIds() in roleWalk.int.test.ts the ids for these routes').toEqual([]);
    const openApi = (await server.api('GET', '/api/openapi.json', { token: viewers[0]?.token })).body as {
      paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }>;
    };
    const variants = queryVariants(world);
    const untried = server.council.routes
      .filter((route) => route.startsWith('GET '))
      .flatMap((route) => {
        const declared = openApi.paths[route.slice('GET '.length)]?.get?.parameters ?? [];
        const tried = new Set((variants[route] ?? []).flatMap((query) => Object.keys(query)));
        return declared
          .filter((p) => p.in === 'query' && !tried.has(p.name) && !PAGING.has(p.name))
          .map((p) => `${route} ?${p.name}=`);
      });
    expect(untried, 'teach queryVariants() in roleWalk.int.test.ts a value for these').toEqual([]);
  });

  it('has viewers on both sides of each secret, so that neither half of the walk is vacuous', () => {
    for (const secret of SECRETS) {
      const may = viewers.filter((v) => mayRead(v.actor, secret)).map((v) => v.label);
      expect(may.length, `viewers who may read ${secret}`).toBeGreaterThan(0);
      expect(may.length, `viewers who may not read ${secret}`).toBeLessThan(viewers.length);
    }
    // Written out by hand: the policy keeps both secrets from these, whatever the table says.
    for (const outsider of ['network_architect', 'observer', 'group_lead', 'group_member']) {
      for (const secret of SECRETS) expect(mayRead(viewerNamed(outsider).actor, secret), outsider).toBe(false);
    }
    expect(mayRead(viewerNamed('group_member, member of the closed group').actor, CLOSED_GROUP)).toBe(true);
  });

  it('answers every viewer on every route without a server error', () => {
    expect(new Set(answers.map((a) => a.url)).size).toBeGreaterThan(server.council.routes.length);
    const errors = answers.filter((a) => a.status >= 500).map((a) => `${a.viewer}: ${a.status} GET ${a.url}`);
    expect(errors).toEqual([]);
  });

  it('names no closed group and no confidential item to anyone who may not read them, exports included', () => {
    const leaks = answers.flatMap((a) =>
      SECRETS.filter((secret) => a.mentions.has(secret) && !mayRead(viewerNamed(a.viewer).actor, secret)).map(
        (secret) => `${a.viewer} reads ${secret} in GET ${a.url} (${a.status})`,
      ),
    );
    expect(leaks).toEqual([]);
  });

  it('shows them to everyone who may read them, where they belong, so that the walk can see a leak', () => {
    const walked = new Set(answers.map((a) => a.url));
    const expected = whereExpected(world);
    const notWalked = Object.values(expected)
      .flat()
      .filter((url) => !walked.has(url));
    expect(notWalked, 'expected URLs the walk never fetched').toEqual([]);
    const missing = viewers.flatMap((viewer) =>
      MARKERS.filter((marker) => mayRead(viewer.actor, marker)).flatMap((marker) =>
        expected[marker]
          .filter((url) => !answers.find((a) => a.viewer === viewer.label && a.url === url)?.mentions.has(marker))
          .map((url) => `${viewer.label} does not read ${marker} in GET ${url}`),
      ),
    );
    expect(missing).toEqual([]);
    // Suggestions for the next agenda are the council's alone, and name a group due to report.
    const carryOver = `/api/meetings/${world.meetings.pending}/carry-over`;
    expect(answers.find((a) => a.viewer === 'chair' && a.url === carryOver)?.mentions.has(CLOSED_GROUP)).toBe(true);
  });
});
