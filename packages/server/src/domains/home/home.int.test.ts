import { copenhagenDate } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/server.ts';

/** The home page, person by person, against the real server and its read models. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const DAY = 86_400_000;
const inDays = (days: number) => copenhagenDate(new Date(Date.now() + days * DAY));
/** A meeting `days` from now (negative: in the past), three hours long. */
const at = (days: number) => ({
  startsAt: new Date(Date.now() + days * DAY).toISOString(),
  endsAt: new Date(Date.now() + days * DAY + 3 * 3_600_000).toISOString(),
});
const home = async (token: string) => {
  const res = await server.api('GET', '/api/home', { token });
  expect(res.status).toBe(200);
  return res.body;
};

describe('GET /api/home', () => {
  it('asks for a session', async () => {
    expect((await server.api('GET', '/api/home')).status).toBe(401);
    expect((await server.api('POST', '/api/home/visit')).status).toBe(401);
  });

  it('shows the next meeting with the items the person presents, and not one that has ended', async () => {
    const member = await server.signIn('council_member');
    await server.factory.meeting({ status: 'published', title: 'Afholdt møde', ...at(-2) });
    const next = await server.factory.meeting({
      status: 'published',
      title: 'Næste rådsmøde',
      ...at(1),
      content: {
        agenda: [
          { id: 'i1', title: 'Godkendelse af dagsorden', kind: 'information', durationMinutes: 5, confidential: false },
          {
            id: 'i2',
            title: 'Fælles arkitekturprincipper',
            kind: 'decision',
            durationMinutes: 30,
            confidential: false,
            presenterId: member.personId,
          },
        ],
      },
    });
    await server.factory.meeting({ status: 'published', title: 'Senere møde', ...at(30) });
    const body = await home(member.token);
    expect(body.nextMeeting.meeting.id).toBe(next.id);
    expect(body.nextMeeting.presenting).toEqual([{ itemId: 'i2', title: 'Fælles arkitekturprincipper' }]);
    const other = await server.signIn('council_member');
    expect((await home(other.token)).nextMeeting.presenting).toEqual([]);
  });

  it("lists the chair's next steps: agendas to publish, today's meeting to open, minutes to approve", async () => {
    const chair = await server.signIn('chair');
    const draft = await server.factory.meeting({ status: 'draft', ...at(10) });
    const today = await server.factory.meeting({ status: 'published', ...at(0) });
    const later = await server.factory.meeting({ status: 'published', ...at(10) });
    const minutes = await server.factory.meeting({ status: 'minutes-draft', ...at(-1) });
    const steps = (await home(chair.token)).nextSteps.map((s: { meeting: { id: string }; step: string }) => [
      s.meeting.id,
      s.step,
    ]);
    expect(steps).toContainEqual([draft.id, 'publish']);
    expect(steps).toContainEqual([today.id, 'open']);
    expect(steps).toContainEqual([minutes.id, 'approve']);
    expect(steps.map(([id]: string[]) => id)).not.toContain(later.id);
    expect((await home(chair.token)).blocks.nextSteps).toBe(true);

    // A council member takes none of these steps, and a network architect does not even see the draft.
    const member = await server.signIn('council_member');
    expect((await home(member.token)).nextSteps).toEqual([]);
    expect((await home(member.token)).blocks.nextSteps).toBe(false);
    const architect = await server.signIn('network_architect');
    const seen = await home(architect.token);
    expect(JSON.stringify(seen)).not.toContain(draft.id);
  });

  it('lists my open tasks that are overdue or due within 7 days, and nobody else’s', async () => {
    const lead = await server.signIn('group_lead');
    const member = await server.signIn('group_member');
    const group = await server.factory.group({
      members: [
        { personId: lead.personId, role: 'lead' },
        { personId: member.personId, role: 'member' },
      ],
    });
    const add = (title: string, due: string, assigneeId = member.personId, status = 'todo') =>
      server.api('POST', `/api/groups/${group.id}/tasks`, {
        token: lead.token,
        body: { title, due, assigneeId, status },
      });
    for (const [title, due, assignee, status] of [
      ['Forsinket kortlægning', inDays(-3), member.personId, 'todo'],
      ['Udkast til principper', inDays(5), member.personId, 'doing'],
      ['Senere opgave', inDays(20), member.personId, 'todo'],
      ['Allerede færdig', inDays(1), member.personId, 'done'],
      ['Ledens egen', inDays(1), lead.personId, 'todo'],
    ] as const) {
      expect((await add(title, due, assignee, status)).status).toBe(201);
    }
    await server.council.settle();
    const titles = (await home(member.token)).tasks.map((t: { title: string }) => t.title).sort();
    expect(titles).toEqual(['Forsinket kortlægning', 'Udkast til principper']);
    expect((await home(member.token)).blocks.work).toBe(true);
  });

  it('shows a lead the volunteers waiting, and an architect the open calls that ask for what they know', async () => {
    const lead = await server.signIn('group_lead');
    const group = await server.factory.group({ members: [{ personId: lead.personId, role: 'lead' }] });
    const call = await server.api('POST', `/api/groups/${group.id}/calls`, {
      token: lead.token,
      body: { competencies: ['Informationssikkerhed'], note: 'Vi mangler en med styr på NIS2.' },
    });
    expect(call.status).toBe(201);
    const matching = await server.signIn('network_architect');
    const other = await server.signIn('network_architect');
    await server.api('PATCH', '/api/me/profile', {
      token: matching.token,
      body: { competencies: ['informationssikkerhed'] },
    });
    await server.api('PATCH', '/api/me/profile', { token: other.token, body: { competencies: ['Geodata'] } });

    expect((await home(matching.token)).calls.map((c: { id: string }) => c.id)).toEqual([call.body.id]);
    expect((await home(other.token)).calls).toEqual([]);
    expect((await home(lead.token)).volunteers).toEqual([]);

    const volunteered = await server.api('POST', `/api/calls/${call.body.id}/volunteer`, {
      token: matching.token,
      body: { note: 'Jeg har lavet risikovurderinger i tre år.' },
    });
    expect(volunteered.status).toBeLessThan(300);
    expect((await home(matching.token)).calls).toEqual([]); // answered: no longer waiting for them
    expect((await home(lead.token)).volunteers).toMatchObject([{ callId: call.body.id, personId: matching.personId }]);
    expect((await home(lead.token)).blocks.volunteers).toBe(true);
    expect((await home(matching.token)).blocks).toMatchObject({ volunteers: false, calls: true, work: false });
  });

  it('gives anyone an action point names their work block, whatever their role', async () => {
    const secretary = await server.signIn('secretary');
    const architect = await server.signIn('network_architect');
    expect((await home(architect.token)).blocks.work).toBe(false);
    const meeting = await server.factory.meeting({
      status: 'minutes-draft',
      ...at(-1),
      content: {
        agenda: [{ id: 'i1', title: 'Opfølgning', kind: 'discussion', durationMinutes: 10, confidential: false }],
        actions: [{ id: 'a1', title: 'Send principperne i høring', assigneeId: architect.personId, due: inDays(2) }],
      },
    });
    const approved = await server.api('POST', `/api/meetings/${meeting.id}/approve`, {
      token: secretary.token,
      body: { confirm: ['attendance'] },
    });
    expect(approved.status).toBe(200);
    const body = await home(architect.token);
    expect(body.blocks.work).toBe(true);
    expect(body.actions.map((a: { title: string }) => a.title)).toEqual(['Send principperne i høring']);
  });

  it('lists decisions adopted since the previous visit, confidential ones only for the council', async () => {
    const secretary = await server.signIn('secretary');
    const observer = await server.signIn('observer');
    const approve = async (title: string, confidential: boolean) => {
      const meeting = await server.factory.meeting({
        status: 'minutes-draft',
        ...at(-1),
        content: {
          agenda: [{ id: 'i1', title, kind: 'decision', durationMinutes: 10, confidential }],
          decisions: { i1: { title, text: `${title} vedtages.`, status: 'adopted' } },
        },
      });
      const res = await server.api('POST', `/api/meetings/${meeting.id}/approve`, {
        token: secretary.token,
        body: { confirm: ['attendance'] },
      });
      expect(res.status).toBe(200);
    };
    await approve('Fælles cloudstrategi', false);
    // A postponed decision has no number: the meetings list counts what it lists.
    const postponing = await server.factory.meeting({
      status: 'minutes-draft',
      ...at(-1),
      content: {
        agenda: [
          { id: 'i1', title: 'Vedtages', kind: 'decision', durationMinutes: 10, confidential: false },
          { id: 'i2', title: 'Udsættes', kind: 'decision', durationMinutes: 10, confidential: false },
        ],
        decisions: {
          i1: { title: 'Vedtages', text: 'Vedtages.', status: 'adopted' },
          i2: { title: 'Udsættes', text: 'Udsættes.', status: 'postponed' },
        },
      },
    });
    await server.api('POST', `/api/meetings/${postponing.id}/approve`, {
      token: secretary.token,
      body: { confirm: ['attendance'] },
    });
    const listed = (await server.api('GET', `/api/meetings/${postponing.id}`, { token: observer.token })).body;
    expect(listed.decisions).toHaveLength(1);
    expect(listed.decisionCount).toBe(1);
    server.council.db
      .prepare("UPDATE minutes SET approved_at = '2000-01-01T00:00:00Z' WHERE meeting_id = ?")
      .run(postponing.id);
    await approve('Fortrolig kontraktsag', true);
    const titles = async (token: string) => (await home(token)).decisions.map((d: { title: string }) => d.title);
    expect(await titles(secretary.token)).toEqual(
      expect.arrayContaining(['Fælles cloudstrategi', 'Fortrolig kontraktsag']),
    );
    expect(await titles(observer.token)).toContain('Fælles cloudstrategi');
    expect(await titles(observer.token)).not.toContain('Fortrolig kontraktsag');

    // Those were adopted three hours ago and the observer looked two hours ago; now they look again:
    // only what is adopted after the earlier look is new.
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    server.council.db.prepare('UPDATE minutes SET approved_at = ?').run(hoursAgo(3));
    expect((await server.api('POST', '/api/home/visit', { token: observer.token })).status).toBe(204);
    server.council.db.prepare('UPDATE people SET home_visited_at = ? WHERE id = ?').run(hoursAgo(2), observer.personId);
    await server.api('POST', '/api/home/visit', { token: observer.token });
    expect(await titles(observer.token)).toEqual([]);
    await approve('Ny standard for dokumentation', false);
    expect(await titles(observer.token)).toEqual(['Ny standard for dokumentation']);
    // A reload within the hour does not move "since" on.
    await server.api('POST', '/api/home/visit', { token: observer.token });
    expect(await titles(observer.token)).toEqual(['Ny standard for dokumentation']);
    expect((await home(observer.token)).blocks).toEqual({
      nextSteps: false,
      volunteers: false,
      calls: false,
      work: false,
    });
  });
});
