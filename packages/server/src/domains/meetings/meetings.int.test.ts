import {
  docNames,
  GROUP_FIELDS,
  MEETING_FIELDS,
  MEETING_STATUSES,
  type MeetingStatus,
  ROLES,
  type Role,
  removeAgendaItem,
  setDecision,
} from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, startTestServer, type TestServer, waitFor } from '../../testing/server.ts';

let server: TestServer;
const tokens = {} as Record<Role, string>;
beforeAll(async () => {
  server = await startTestServer();
  for (const role of ROLES) tokens[role] = (await server.signIn(role)).token;
});
afterAll(() => server.stop());

const COUNCIL: Role[] = ['admin', 'chair', 'secretary', 'council_member'];
type Access = 'none' | 'read' | 'write';

/** Written out by hand from the issue, not derived from the policy code it tests. */
function expectedAccess(role: Role, status: MeetingStatus, closed: boolean): Access {
  const council = COUNCIL.includes(role);
  // Approved minutes are frozen; a cancelled meeting is read-only for everyone.
  const frozen = status === 'approved' || status === 'cancelled';
  if (closed) return council ? (frozen ? 'read' : 'write') : 'none';
  if (council) return frozen ? 'read' : 'write';
  return status === 'draft' ? 'none' : 'read';
}

async function collabAccess(name: string, token: string): Promise<Access> {
  try {
    const client = await connectClient(server.wsUrl, name, token);
    const scope = client.provider.authorizedScope;
    client.destroy();
    return scope === 'read-write' ? 'write' : 'read';
  } catch {
    return 'none';
  }
}

describe('permission matrix: every role × state × open/closed document, over REST and /collab', () => {
  for (const status of MEETING_STATUSES) {
    it(`is right for a ${status} meeting`, async () => {
      const meeting = await server.factory.meeting({ status });
      for (const role of ROLES) {
        const rest = await server.api('GET', `/api/meetings/${meeting.id}`, { token: tokens[role] });
        const open = expectedAccess(role, status, false);
        expect(rest.status, `${role} GET`).toBe(open === 'none' ? 404 : 200);
        expect(await collabAccess(docNames.meeting(meeting.id), tokens[role]), `${role} meeting doc`).toBe(open);
        expect(await collabAccess(docNames.meetingClosed(meeting.id), tokens[role]), `${role} closed doc`).toBe(
          expectedAccess(role, status, true),
        );
      }
    });
  }
});

function write(doc: Y.Doc, text: string, itemId = 'i1') {
  const fragment = doc.getXmlFragment(MEETING_FIELDS.notes(itemId));
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [p]);
}

const post = (path: string, role: Role, body?: unknown) => server.api('POST', path, { token: tokens[role], body });

describe('meeting lifecycle', () => {
  it('creates meetings for the chair and secretary only, with validation', async () => {
    const body = {
      title: 'Rådsmøde 1/2027',
      startsAt: '2027-02-04T09:00:00+01:00',
      endsAt: '2027-02-04T12:00:00+01:00',
      location: 'Odense',
    };
    const refused = await post('/api/meetings', 'council_member', body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await server.api('POST', '/api/meetings', { body })).status).toBe(401);
    const invalid = await post('/api/meetings', 'secretary', { ...body, endsAt: '2027-02-04T08:00:00+01:00' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues[0].path).toEqual(['endsAt']);
    expect(invalid.body.error.issues[0].params).toEqual({ rule: 'ends_before_start' });
    const created = await post('/api/meetings', 'secretary', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Rådsmøde 1/2027', status: 'draft', decisionCount: 0 });
  });

  it('moves through every state with the right role, refusing the wrong role (403) and the wrong state (409)', async () => {
    const meeting = await server.factory.meeting({ status: 'draft' });
    const base = `/api/meetings/${meeting.id}`;
    expect((await post(`${base}/publish`, 'council_member')).status).toBe(403);
    expect((await post(`${base}/open`, 'chair', { confirm: ['early'] })).body.error).toMatchObject({
      code: 'conflict',
    });
    expect((await post(`${base}/publish`, 'secretary')).body.status).toBe('published');
    expect((await post(`${base}/publish`, 'secretary')).status).toBe(409);
    // The meeting is days away: opening it now needs a confirmation, which the audit row keeps.
    const early = await post(`${base}/open`, 'chair');
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'confirmation_required',
      issues: [{ code: 'early', date: '2026-12-10' }],
    });
    expect((await post(`${base}/open`, 'chair', { confirm: ['early'] })).body.status).toBe('in-session');
    expect((await post(`${base}/close`, 'chair')).body.status).toBe('minutes-draft');
    expect((await post(`${base}/approve`, 'admin')).status).toBe(403);
    expect((await post(`${base}/approve`, 'council_member')).status).toBe(403);
    expect((await post(`${base}/approve`, 'secretary', { confirm: ['attendance'] })).body.status).toBe('approved');
    expect((await post(`${base}/reopen`, 'secretary', { reason: 'Stavefejl' })).status).toBe(403);
    const noReason = await post(`${base}/reopen`, 'chair');
    expect(noReason.status).toBe(400);
    expect((await post(`${base}/reopen`, 'chair', { reason: 'Forkert beslutningstekst i punkt 2' })).body.status).toBe(
      'minutes-draft',
    );
    expect((await post(`${base}/unknown`, 'chair')).status).toBe(400);
    const audit = server.council.db
      .prepare('SELECT action, actor_id AS actorId, details FROM audit WHERE resource = ? ORDER BY id')
      .all(`meeting:${meeting.id}`) as { action: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual([
      'meeting.publish',
      'meeting.open',
      'meeting.close',
      'meeting.approve',
      'meeting.reopen',
    ]);
    expect(JSON.parse(audit.at(-1)!.details)).toMatchObject({ reason: 'Forkert beslutningstekst i punkt 2' });
    expect(JSON.parse(audit[1]!.details)).toMatchObject({ confirmed: ['early'] });
    expect(JSON.parse(audit[3]!.details)).toMatchObject({ confirmed: ['attendance'] });
  });

  it('approval freezes the minutes live, numbers adopted decisions, keeps confidential content from the public, and survives a reopening', async () => {
    const group = await server.factory.group();
    const meeting = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [
          { id: 'i1', title: 'Rammearkitektur', kind: 'decision', durationMinutes: 30, confidential: false },
          { id: 'i2', title: 'Leverandørforhandling', kind: 'decision', durationMinutes: 20, confidential: true },
          { id: 'i3', title: 'Eventuelt', kind: 'information', durationMinutes: 5, confidential: false },
        ],
        notes: { i1: ['Vejle fremlagde principperne.'], i2: ['Hemmelig forhandlingsstrategi.'] },
        decisions: {
          i1: {
            title: 'Principper vedtaget',
            text: 'Rådet vedtager de seks principper.',
            status: 'adopted',
            tags: ['rammearkitektur'],
          },
          i2: { title: 'Forhandlingsmandat', text: 'Mandat til KL.', status: 'adopted' },
        },
        attendance: {},
        actions: [{ id: 'a1', title: 'Beskriv beskedformat', groupId: group.id, due: '2027-03-01' }],
      },
    });
    const writer = await connectClient(server.wsUrl, docNames.meeting(meeting.id), tokens.council_member);
    const messages: string[] = [];
    writer.provider.on('stateless', ({ payload }: { payload: string }) => messages.push(payload));

    const approved = await post(`/api/meetings/${meeting.id}/approve`, 'chair', { confirm: ['attendance'] });
    expect(approved.status).toBe(200);
    expect(approved.body.decisionCount).toBe(2);
    await waitFor(() => messages.length > 0, 'the status message');
    expect(JSON.parse(messages[0]!)).toEqual({ type: 'meeting.status', status: 'approved' });

    // The live connection is now read-only: an edit reaches neither storage nor a new reader.
    write(writer.doc, 'Skrevet efter godkendelsen');
    await new Promise((r) => setTimeout(r, 200));
    const reader = await connectClient(server.wsUrl, docNames.meeting(meeting.id), tokens.chair);
    expect(reader.doc.getXmlFragment(MEETING_FIELDS.notes('i1')).toString()).not.toContain('efter godkendelsen');
    reader.destroy();

    const decisions = (
      await server.api('GET', `/api/decisions?meeting=${meeting.id}&sort=oldest`, { token: tokens.council_member })
    ).body.items;
    expect(decisions.map((d: { title: string }) => d.title)).toEqual(['Principper vedtaget', 'Forhandlingsmandat']);
    expect(decisions[0].number).toMatch(/^2026-\d{3}$/);
    expect(decisions[0]).toMatchObject({
      meetingId: meeting.id,
      itemId: 'i1',
      status: 'adopted',
      revised: false,
      confidential: false,
    });
    const confidentialNumber = decisions[1].number;

    // The confidential item's decision is numbered but exists for the council only.
    for (const role of ['network_architect', 'observer', 'group_lead', 'group_member'] as const) {
      const seen = (
        await server.api('GET', `/api/decisions?meeting=${meeting.id}&sort=oldest`, { token: tokens[role] })
      ).body.items;
      expect(
        seen.map((d: { title: string }) => d.title),
        role,
      ).toEqual(['Principper vedtaget']);
      const all = (await server.api('GET', '/api/decisions', { token: tokens[role] })).body.items;
      expect(all.map((d: { number: string }) => d.number)).not.toContain(confidentialNumber);
      expect(
        (await server.api('GET', `/api/decisions/${confidentialNumber}`, { token: tokens[role] })).status,
        role,
      ).toBe(404);
      expect(
        (await server.api('GET', `/api/meetings/${meeting.id}`, { token: tokens[role] })).body.decisionCount,
        role,
      ).toBe(1);
    }
    const forChair = await server.api('GET', `/api/decisions/${confidentialNumber}`, { token: tokens.chair });
    expect(forChair.body.title).toBe('Forhandlingsmandat');

    const publicMinutes = (
      await server.api('GET', `/api/meetings/${meeting.id}/minutes`, { token: tokens.network_architect })
    ).body;
    expect(publicMinutes.audience).toBe('public');
    expect(publicMinutes.markdown).toContain('Vejle fremlagde principperne.');
    expect(publicMinutes.markdown).toContain(`Beslutning ${decisions[0].number}: Principper vedtaget`);
    expect(publicMinutes.markdown).toContain('Leverandørforhandling');
    expect(publicMinutes.markdown).not.toContain('Hemmelig');
    expect(publicMinutes.html).not.toContain('Hemmelig');
    expect(publicMinutes.markdown).not.toContain('Mandat til KL');
    const councilMinutes = (
      await server.api('GET', `/api/meetings/${meeting.id}/minutes`, { token: tokens.council_member })
    ).body;
    expect(councilMinutes.markdown).toContain('Hemmelig forhandlingsstrategi.');
    const markdownFile = await fetch(`${server.url}/api/meetings/${meeting.id}/minutes.md`, {
      headers: { authorization: `Bearer ${tokens.observer}` },
    });
    expect(markdownFile.headers.get('content-type')).toContain('text/markdown');
    expect(await markdownFile.text()).not.toContain('Hemmelig');

    const board = await connectClient(server.wsUrl, docNames.group(group.id), tokens.admin);
    expect(board.doc.getMap<Y.Map<unknown>>(GROUP_FIELDS.tasks).get(`${meeting.id}-a1`)?.toJSON()).toMatchObject({
      title: 'Beskriv beskedformat',
      status: 'todo',
      due: '2027-03-01',
    });
    board.destroy();

    // Reopen: writing works again; a second approval keeps the numbers. (A client whose edits were
    // refused has diverged from the server; the web app starts afresh on every status change.)
    writer.destroy();
    expect((await post(`/api/meetings/${meeting.id}/reopen`, 'chair', { reason: 'Rettelse' })).status).toBe(200);
    const editor = await connectClient(server.wsUrl, docNames.meeting(meeting.id), tokens.council_member);
    write(editor.doc, 'Rettet efter genåbning');
    await editor.synced();
    editor.destroy();
    expect((await post(`/api/meetings/${meeting.id}/approve`, 'secretary', { confirm: ['attendance'] })).status).toBe(
      200,
    );
    const again = (await server.api('GET', `/api/decisions?meeting=${meeting.id}&sort=oldest`, { token: tokens.chair }))
      .body.items;
    expect(again.map((d: { number: string }) => d.number)).toEqual(decisions.map((d: { number: string }) => d.number));
    expect(again[0].revised).toBe(true);
    const version2 = (await server.api('GET', `/api/meetings/${meeting.id}/minutes`, { token: tokens.observer })).body;
    expect(version2.version).toBe(2);
    expect(version2.markdown).toContain('Rettet efter genåbning');
    expect(version2.markdown).not.toContain('Skrevet efter godkendelsen');
  });

  it('completes an approval whose group board holds an invalid order key, leaves the minutes read-only and puts the task on the board', async () => {
    const group = await server.factory.group();
    const lead = await connectClient(server.wsUrl, docNames.group(group.id), tokens.admin);
    const odd = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ title: 'Gammel opgave', status: 'todo', order: 'not a key!' })) odd.set(k, v);
    lead.doc.getMap(GROUP_FIELDS.tasks).set('odd', odd);
    await lead.synced();
    const meeting = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [{ id: 'i1', title: 'Eventuelt', kind: 'information', durationMinutes: 5, confidential: false }],
        actions: [{ id: 'a1', title: 'Beskriv beskedformat', groupId: group.id }],
      },
    });
    const member = await connectClient(server.wsUrl, docNames.meeting(meeting.id), tokens.council_member);
    const res = await post(`/api/meetings/${meeting.id}/approve`, 'chair', { confirm: ['attendance'] });
    expect(res.status).toBe(200);
    await waitFor(() => lead.doc.getMap(GROUP_FIELDS.tasks).has(`${meeting.id}-a1`), 'the task on the board');
    expect(server.council.outbox.pending()).toBe(0);
    // The member's connection is read-only: an edit is not taken.
    member.doc.getArray(MEETING_FIELDS.agenda).delete(0, 1);
    await new Promise((r) => setTimeout(r, 200));
    const reader = await connectClient(server.wsUrl, docNames.meeting(meeting.id), tokens.chair);
    expect(reader.doc.getArray(MEETING_FIELDS.agenda).length).toBe(1);
    for (const c of [lead, member, reader]) c.destroy();
  });

  it('lists what approval would number and refuses (409) while a decision is missing or invalid, dropping nothing', async () => {
    const meeting = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [
          { id: 'ok', title: 'Gyldigt punkt', kind: 'decision', durationMinutes: 10, confidential: false },
          { id: 'none', title: 'Uden beslutning', kind: 'decision', durationMinutes: 10, confidential: false },
          { id: 'tag', title: 'Langt mærke', kind: 'decision', durationMinutes: 10, confidential: false },
        ],
        decisions: {
          ok: { title: 'Gyldig beslutning', text: '', status: 'adopted' },
          tag: { title: 'Mærket', text: '', status: 'adopted', tags: ['x'.repeat(81)] },
        },
      },
    });
    const client = await connectClient(server.wsUrl, docNames.meeting(meeting.id), tokens.secretary);
    client.doc.transact(() => {
      const broken = new Y.Map<unknown>();
      broken.set('id', 'bad');
      broken.set('kind', 'decision');
      client.doc.getArray(MEETING_FIELDS.agenda).push([broken]);
      client.doc.getArray(MEETING_FIELDS.agenda).push(['not even a map']);
    });
    await client.synced();
    const base = `/api/meetings/${meeting.id}`;

    expect((await server.api('GET', `${base}/approval`, { token: tokens.council_member })).status).toBe(403);
    expect((await server.api('GET', '/api/meetings/m-nowhere/approval', { token: tokens.chair })).status).toBe(404);
    const check = (await server.api('GET', `${base}/approval`, { token: tokens.chair })).body;
    expect(check.numbered.map((d: { itemId: string }) => d.itemId)).toEqual(['ok', 'tag']);
    expect(check.numbered[0].number).toMatch(/^2026-\d{3}$/);
    expect(check.problems.map((p: { code: string; itemId: string }) => `${p.code}:${p.itemId}`)).toEqual([
      'decision_missing:none',
      'decision_invalid:tag',
      'item_invalid:bad',
      'decision_missing:bad',
    ]);
    expect(check.problems[1].reasons).toEqual([expect.stringContaining('tags.0')]);
    expect(check.confirm).toEqual(['attendance']);

    const blocked = await post(`${base}/approve`, 'chair', { confirm: ['attendance'] });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({ code: 'approval_blocked' });
    expect(blocked.body.error.issues).toHaveLength(4);
    expect((await server.api('GET', `/api/meetings/${meeting.id}`, { token: tokens.chair })).body.status).toBe(
      'minutes-draft',
    );

    // Mended in the live document: the connection is writable again after the refusal.
    setDecision(client.doc, 'none', { title: 'Udsat', status: 'postponed' });
    setDecision(client.doc, 'tag', { tags: ['arkitektur'] });
    removeAgendaItem({ open: client.doc }, 'bad', 'secretary');
    await client.synced();
    client.destroy();
    const unconfirmed = await post(`${base}/approve`, 'chair');
    expect(unconfirmed.body.error).toMatchObject({ code: 'confirmation_required', issues: [{ code: 'attendance' }] });
    const res = await post(`${base}/approve`, 'chair', { confirm: ['attendance'] });
    expect(res.status).toBe(200);
    expect(res.body.decisions.map((d: { number: string }) => d.number)).toEqual(
      check.numbered.map((d: { number: string }) => d.number),
    );
  });

  it('escapes every value it writes into the Markdown minutes: no link, image or HTML comes from a field', async () => {
    const meeting = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [
          {
            id: 'i1',
            title: 'Punkt [x](javascript:alert(1))',
            kind: 'decision',
            durationMinutes: 5,
            confidential: false,
          },
        ],
        decisions: {
          i1: {
            title: 'Vedtaget',
            text: '[klik](javascript:alert(1)) <img src=x onerror=alert(1)>\n# Ikke en overskrift',
            status: 'adopted',
          },
        },
      },
    });
    server.council.db
      .prepare('UPDATE meetings SET location = ? WHERE id = ?')
      .run('<img src=x onerror=alert(2)>', meeting.id);
    expect((await post(`/api/meetings/${meeting.id}/approve`, 'chair', { confirm: ['attendance'] })).status).toBe(200);
    const markdown = (await server.api('GET', `/api/meetings/${meeting.id}/minutes`, { token: tokens.chair })).body
      .markdown as string;
    expect(markdown).not.toMatch(/(^|[^\\])<img/);
    expect(markdown).not.toMatch(/(^|[^\\])\]\(javascript:/);
    expect(markdown).not.toMatch(/^# Ikke/m);
    expect(markdown).toContain('\\<img src=x onerror=alert\\(2\\)\\>');
  });

  it('supersedes older decisions named by the new one', async () => {
    const first = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [{ id: 'i1', title: 'Indikatorer', kind: 'decision', durationMinutes: 10, confidential: false }],
        decisions: { i1: { title: 'Få indikatorer', text: '', status: 'adopted' } },
      },
    });
    await post(`/api/meetings/${first.id}/approve`, 'chair', { confirm: ['attendance'] });
    const [old] = (await server.api('GET', `/api/decisions?meeting=${first.id}`, { token: tokens.chair })).body.items;
    const second = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [{ id: 'i1', title: 'Revideret', kind: 'decision', durationMinutes: 10, confidential: false }],
        decisions: { i1: { title: 'Revideret indikatorsæt', text: '', status: 'adopted', supersedes: [old.number] } },
      },
    });
    await post(`/api/meetings/${second.id}/approve`, 'chair', { confirm: ['attendance'] });
    expect((await server.api('GET', `/api/decisions/${old.number}`, { token: tokens.chair })).body.status).toBe(
      'superseded',
    );
  });
});

describe('carry-over and calendar', () => {
  it('offers postponed decisions and open action points from earlier approved meetings to the next agenda', async () => {
    const earlier = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [
          { id: 'i1', title: 'Sikkerhedspolitik', kind: 'decision', durationMinutes: 10, confidential: false },
          { id: 'i2', title: 'Forhandling', kind: 'decision', durationMinutes: 10, confidential: true },
        ],
        decisions: {
          i1: { title: 'Fælles it-sikkerhedspolitik', text: '', status: 'postponed' },
          i2: { title: 'Hemmeligt mandat', text: '', status: 'postponed' },
        },
        actions: [{ id: 'a1', title: 'Send udkast i høring', assigneeId: 'x' }],
      },
    });
    // The factory dates every meeting 2026-12-10; the next one must start later.
    server.council.db
      .prepare("UPDATE meetings SET starts_at = '2026-11-01T09:00:00+01:00' WHERE id = ?")
      .run(earlier.id);
    await post(`/api/meetings/${earlier.id}/approve`, 'chair', { confirm: ['attendance'] });
    const next = await server.factory.meeting({ status: 'draft' });

    const suggestions = await server.api('GET', `/api/meetings/${next.id}/carry-over`, { token: tokens.secretary });
    expect(suggestions.status).toBe(200);
    const mine = suggestions.body.filter((f: { meetingId: string }) => f.meetingId === earlier.id);
    expect(mine.map((f: { kind: string; title: string }) => `${f.kind}: ${f.title}`).sort()).toEqual([
      'action: Send udkast i høring',
      'postponed: Fælles it-sikkerhedspolitik',
      'postponed: Hemmeligt mandat',
    ]);
    expect((await server.api('GET', `/api/meetings/${next.id}/carry-over`, { token: tokens.observer })).status).toBe(
      404,
    );
    const published = await server.factory.meeting({ status: 'published' });
    expect(
      (await server.api('GET', `/api/meetings/${published.id}/carry-over`, { token: tokens.observer })).status,
    ).toBe(403);
    // Approved, the agenda takes nothing more: no suggestions, and no error for a page still open.
    const approved = await server.factory.meeting({ status: 'approved' });
    const none = await server.api('GET', `/api/meetings/${approved.id}/carry-over`, { token: tokens.secretary });
    expect([none.status, none.body]).toEqual([200, []]);
  });

  it('serves a meeting and the feed of visible meetings as iCalendar', async () => {
    const draft = await server.factory.meeting({ status: 'draft', title: 'Hemmeligt udkast' });
    const published = await server.factory.meeting({ status: 'published', title: 'Rådsmøde 2/2027' });
    const one = await fetch(`${server.url}/api/meetings/${published.id}/calendar.ics`, {
      headers: { authorization: `Bearer ${tokens.observer}` },
    });
    expect(one.headers.get('content-type')).toContain('text/calendar');
    const ics = await one.text();
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('SUMMARY:Rådsmøde 2/2027');
    // 08:00 UTC on 10 December is 09:00 in Copenhagen (CET), said with the zone's rules.
    expect(ics).toContain('DTSTART;TZID=Europe/Copenhagen:20261210T090000');
    expect(ics).toContain('BEGIN:VTIMEZONE');
    const feed = await (
      await fetch(`${server.url}/api/meetings.ics`, { headers: { authorization: `Bearer ${tokens.observer}` } })
    ).text();
    expect(feed).toContain('Rådsmøde 2/2027');
    expect(feed).toContain('DTSTART;TZID=Europe/Copenhagen:20261210T090000');
    expect(feed).not.toContain('Hemmeligt udkast');
    expect(
      (
        await fetch(`${server.url}/api/meetings/${draft.id}/calendar.ics`, {
          headers: { authorization: `Bearer ${tokens.observer}` },
        })
      ).status,
    ).toBe(404);
    expect((await fetch(`${server.url}/api/meetings.ics`)).status).toBe(401);
  });
});

describe('REST edits of a meeting', () => {
  it('adds an agenda item through the live document and refuses it once approved (409), for others (403) and when invalid (400)', async () => {
    const meeting = await server.factory.meeting({ status: 'published', content: { agenda: [] } });
    const watcher = await connectClient(server.wsUrl, docNames.meeting(meeting.id), tokens.network_architect);
    const added = await post(`/api/meetings/${meeting.id}/agenda`, 'secretary', {
      title: 'Status på handlingsplanen',
      kind: 'information',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      title: 'Status på handlingsplanen',
      kind: 'information',
      durationMinutes: 15,
      confidential: false,
    });
    await waitFor(() => watcher.doc.getArray(MEETING_FIELDS.agenda).length === 1, 'the item to appear live');
    watcher.destroy();

    const invalid = await post(`/api/meetings/${meeting.id}/agenda`, 'secretary', {
      title: 'X',
      kind: 'party',
      durationMinutes: -1,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual([
      'durationMinutes',
      'kind',
    ]);
    expect(
      (await post(`/api/meetings/${meeting.id}/agenda`, 'network_architect', { title: 'X', kind: 'information' }))
        .status,
    ).toBe(403);

    const approved = await server.factory.meeting({ status: 'approved' });
    const frozen = await post(`/api/meetings/${approved.id}/agenda`, 'chair', {
      title: 'For sent',
      kind: 'information',
    });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.message).toContain('reopen');
    const patch = await server.api('PATCH', `/api/meetings/${approved.id}`, {
      token: tokens.chair,
      body: { title: 'Nyt navn' },
    });
    expect(patch.status).toBe(409);
  });

  it('changes title, time and place for the council, validating the times', async () => {
    const meeting = await server.factory.meeting({ status: 'draft' });
    const ok = await server.api('PATCH', `/api/meetings/${meeting.id}`, {
      token: tokens.secretary,
      body: { title: 'Rådsmøde 1/2027', location: 'Vejle' },
    });
    expect(ok.body).toMatchObject({ title: 'Rådsmøde 1/2027', location: 'Vejle' });
    const backwards = await server.api('PATCH', `/api/meetings/${meeting.id}`, {
      token: tokens.secretary,
      body: { endsAt: '2026-12-10T08:00:00+01:00' },
    });
    expect(backwards.status).toBe(400);
    expect(
      (await server.api('PATCH', `/api/meetings/${meeting.id}`, { token: tokens.secretary, body: { title: 42 } }))
        .status,
    ).toBe(400);
  });
});
