import { docNames, ROLES, type Role, readAgenda } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, type TestServer, waitFor } from '../../testing/server.ts';

/** The agenda backlog: anyone proposes, the chair or secretary decides, the proposer is told. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

type Person = Awaited<ReturnType<typeof person>>;
const person = (role: Role, name?: string) => server.person(role, name);
const propose = (who: Person, title: string) =>
  server.api('POST', '/api/agenda-proposals', { token: who.token, body: { title, description: 'Baggrund.' } });
const kindsOf = async (who: Person) =>
  ((await server.api('GET', '/api/notifications', { token: who.token })).body.items as { kind: string }[]).map(
    (n) => n.kind,
  );

describe('agenda proposals', () => {
  it('are made by anyone, seen by the council and their proposer, decided by the chair, the secretary and admins', async () => {
    const people = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await person(r)] as const)));
    const meeting = await server.factory.meeting({ status: 'draft' });
    const made: Record<string, number> = {};
    const ids: Record<string, string> = {};
    for (const role of ROLES) {
      const res = await propose(people[role] as Person, `Forslag fra ${role}`);
      made[role] = res.status;
      ids[role] = res.body.id;
    }
    expect(made).toEqual(Object.fromEntries(ROLES.map((r) => [r, 201])));

    const seen = async (role: Role) =>
      (await server.api('GET', '/api/agenda-proposals', { token: (people[role] as Person).token })).body.items.length;
    for (const role of ['admin', 'chair', 'secretary', 'council_member'] as const) expect(await seen(role)).toBe(8);
    for (const role of ['group_lead', 'group_member', 'network_architect', 'observer'] as const)
      expect(await seen(role)).toBe(1);

    const scheduled: Record<string, number> = {};
    const declined: Record<string, number> = {};
    for (const role of ROLES) {
      const who = people[role] as Person;
      const a = (await propose(who, `Til møde fra ${role}`)).body.id;
      const b = (await propose(who, `Til afvisning fra ${role}`)).body.id;
      scheduled[role] = (
        await server.api('POST', `/api/agenda-proposals/${a}/schedule`, {
          token: who.token,
          body: { meetingId: meeting.id },
        })
      ).status;
      declined[role] = (
        await server.api('POST', `/api/agenda-proposals/${b}/decline`, {
          token: who.token,
          body: { reason: 'Nej tak' },
        })
      ).status;
    }
    const deciders = Object.fromEntries(ROLES.map((r) => [r, ['admin', 'chair', 'secretary'].includes(r) ? 200 : 403]));
    expect(scheduled).toEqual(deciders);
    expect(declined).toEqual(deciders);

    // Only the proposer withdraws: the council is refused, anyone else does not see it.
    const architects = ids.network_architect as string;
    const withdraw = (who: Person) =>
      server.api('POST', `/api/agenda-proposals/${architects}/withdraw`, { token: who.token });
    expect((await withdraw(people.chair as Person)).status).toBe(403);
    expect((await withdraw(people.observer as Person)).status).toBe(404);
    expect((await withdraw(people.network_architect as Person)).body.status).toBe('withdrawn');
    expect((await withdraw(people.network_architect as Person)).status).toBe(409);
  });

  it('put on a meeting, become an item of its live agenda and tell the proposer; declined, they say why', async () => {
    const secretary = await person('secretary', 'Thomas Lykke');
    const chair = await person('chair', 'Mette Kjærgaard');
    const architect = await person('network_architect', 'Nadia Holm');
    const meeting = await server.factory.meeting({ status: 'published', title: 'Rådsmøde 12/2027' });
    const approved = await server.factory.meeting({ status: 'approved' });

    const proposal = (await propose(architect, 'Fælles login til fagsystemer')).body;
    expect(proposal).toMatchObject({ status: 'open', proposedBy: { id: architect.id, name: 'Nadia Holm' } });
    expect(await kindsOf(chair)).toContain('proposalReceived');
    expect(await kindsOf(secretary)).toContain('proposalReceived');

    const path = `/api/agenda-proposals/${proposal.id}`;
    const bad = await server.api('POST', `${path}/schedule`, {
      token: secretary.token,
      body: { meetingId: 'ikke et id!' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toEqual(['meetingId']);
    expect(
      (await server.api('POST', `${path}/schedule`, { token: secretary.token, body: { meetingId: 'm-unknown' } }))
        .status,
    ).toBe(404);
    expect(
      (await server.api('POST', `${path}/schedule`, { token: secretary.token, body: { meetingId: approved.id } }))
        .status,
    ).toBe(409);

    const done = await server.api('POST', `${path}/schedule`, {
      token: secretary.token,
      body: { meetingId: meeting.id },
    });
    expect(done.body).toMatchObject({ status: 'scheduled', meeting: { id: meeting.id, title: 'Rådsmøde 12/2027' } });
    const agenda = await connectClient(server.wsUrl, docNames.meeting(meeting.id), secretary.token);
    await waitFor(() => readAgenda(agenda.doc).some((i) => i.title === 'Fælles login til fagsystemer'), 'the new item');
    expect(readAgenda(agenda.doc).find((i) => i.title === 'Fælles login til fagsystemer')).toMatchObject({
      kind: 'discussion',
      durationMinutes: 15,
      confidential: false,
    });
    agenda.destroy();
    expect(await kindsOf(architect)).toEqual(['proposalScheduled']);
    expect(
      (await server.api('POST', `${path}/schedule`, { token: secretary.token, body: { meetingId: meeting.id } }))
        .status,
    ).toBe(409);

    const second = (await propose(architect, 'Et punkt mere')).body;
    const noReason = await server.api('POST', `/api/agenda-proposals/${second.id}/decline`, {
      token: chair.token,
      body: { reason: ' ' },
    });
    expect(noReason.status).toBe(400);
    const declined = await server.api('POST', `/api/agenda-proposals/${second.id}/decline`, {
      token: chair.token,
      body: { reason: 'Behandles i arbejdsgruppen for data' },
    });
    expect(declined.body).toMatchObject({ status: 'declined', reason: 'Behandles i arbejdsgruppen for data' });
    const told = (await server.api('GET', '/api/notifications', { token: architect.token })).body.items[0];
    expect(told).toMatchObject({ kind: 'proposalDeclined', params: { reason: 'Behandles i arbejdsgruppen for data' } });

    const audit = server.council.db
      .prepare('SELECT action FROM audit WHERE resource IN (?, ?) ORDER BY id')
      .all(`proposal:${proposal.id}`, `proposal:${second.id}`)
      .map((r) => (r as { action: string }).action);
    expect(audit).toEqual(['proposal.create', 'proposal.schedule', 'proposal.create', 'proposal.decline']);
  });
});
