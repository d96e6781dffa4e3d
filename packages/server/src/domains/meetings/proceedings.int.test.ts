import { MEETING_STATUSES, type MeetingStatus, ROLES, type Role } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvExport } from '../../testing/csv.ts';
import { startTestServer, type TestServer } from '../../testing/server.ts';

/** Votes, minuted views and conflicts of interest: who may record them, when, and what approval keeps. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(undefined, null, { COUNCIL_MINUTES_SIGNOFF: 'quorum' });
});
afterAll(() => server.stop());

type Person = Awaited<ReturnType<typeof person>>;
const person = (role: Role, name?: string) => server.person(role, name);

/** A meeting with an open decision item `d1`, a confidential one `c1` and an information item `i1`. */
async function meetingWith(status: MeetingStatus, present: Person[], absent: Person[] = []) {
  return server.factory.meeting({
    status,
    title: 'Rådsmøde 6/2027',
    content: {
      agenda: [
        { id: 'd1', title: 'Fælles integrationsplatform', kind: 'decision', durationMinutes: 30, confidential: false },
        { id: 'c1', title: 'Udbud af driftsaftale', kind: 'decision', durationMinutes: 20, confidential: true },
        { id: 'i1', title: 'Meddelelser', kind: 'information', durationMinutes: 10, confidential: false },
      ],
      decisions: {
        d1: { title: 'Platformen anbefales', text: 'Rådet anbefaler platformen.', status: 'adopted' },
        c1: { title: 'Udbuddet igangsættes', text: 'Sekretariatet forbereder udbuddet.', status: 'adopted' },
      },
      attendance: Object.fromEntries([
        ...present.map((p) => [p.id, 'present'] as const),
        ...absent.map((p) => [p.id, 'absent'] as const),
      ]),
    },
  });
}

const vote = (meetingId: string, itemId: string, who: Person, body: unknown) =>
  server.api('PUT', `/api/meetings/${meetingId}/items/${itemId}/vote`, { token: who.token, body });
const dissent = (meetingId: string, itemId: string, who: Person, body: unknown) =>
  server.api('PUT', `/api/meetings/${meetingId}/items/${itemId}/dissent`, { token: who.token, body });
const declare = (meetingId: string, itemId: string, who: Person, body: unknown = {}) =>
  server.api('POST', `/api/meetings/${meetingId}/items/${itemId}/conflicts`, { token: who.token, body });
const proceedings = async (meetingId: string, who: Person) =>
  (await server.api('GET', `/api/meetings/${meetingId}/proceedings`, { token: who.token })).body.items;
const rule = (res: { body: { error: { issues: { path: unknown[]; params: { rule: string } }[] } } }) => ({
  path: res.body.error.issues[0]?.path,
  rule: res.body.error.issues[0]?.params.rule,
});

describe('votes, minuted views and conflicts of interest', () => {
  it('answer each role as the policy table says', async () => {
    const people = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await person(r)] as const)));
    const meeting = await meetingWith('in-session', [people.chair, people.secretary, people.council_member]);
    const expected = (allowed: Role[], elseStatus = 403) =>
      Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? 200 : elseStatus]));
    const chairAndSecretary: Role[] = ['admin', 'chair', 'secretary'];
    const attendees: Role[] = ['chair', 'secretary', 'council_member'];

    const results: Record<string, Record<string, number>> = { vote: {}, dissent: {}, declare: {}, read: {} };
    for (const role of ROLES) {
      const who = people[role] as Person;
      results.vote[role] = (
        await vote(meeting.id, 'd1', who, { mode: 'counts', for: 2, against: 1, abstain: 0 })
      ).status;
      results.dissent[role] = (
        await dissent(meeting.id, 'd1', who, { text: 'Jeg ønsker min stemme ført til protokol.' })
      ).status;
      results.declare[role] = (await declare(meeting.id, 'i1', who)).status;
      results.read[role] = (
        await server.api('GET', `/api/meetings/${meeting.id}/proceedings`, { token: who.token })
      ).status;
    }
    expect(results.vote).toEqual(expected(chairAndSecretary));
    // The admin may record a view or a conflict for a member, but attends no meeting of its own: 400.
    expect(results.dissent).toEqual({ ...expected(attendees), admin: 400 });
    expect(results.declare).toEqual({ ...expected(attendees), admin: 400 });
    expect(results.read).toEqual(expected([...ROLES]));

    // A member records only their own; the chair and the secretary record for anyone present.
    const forOther = await dissent(meeting.id, 'd1', people.council_member as Person, {
      personId: people.chair.id,
      text: 'Ikke min.',
    });
    expect(forOther.status).toBe(403);
    const bySecretary = await declare(meeting.id, 'd1', people.secretary as Person, {
      personId: people.council_member.id,
      reason: 'Ansat hos leverandøren',
    });
    expect(bySecretary.status).toBe(400);
    expect(rule(bySecretary)).toEqual({ path: ['personId'], rule: 'has_voted' });
  });

  it('are taken in their states: votes and views in the meeting and its draft minutes, conflicts until approval', async () => {
    const chair = await person('chair');
    const member = await person('council_member');
    const outcome: Record<string, Record<string, number>> = { vote: {}, dissent: {}, declare: {} };
    for (const status of MEETING_STATUSES) {
      const meeting = await meetingWith(status, [chair, member]);
      outcome.vote[status] = (
        await vote(meeting.id, 'd1', chair, { mode: 'named', ballots: { [chair.id]: 'for' } })
      ).status;
      outcome.dissent[status] = (await dissent(meeting.id, 'd1', member, { text: 'Imod.' })).status;
      outcome.declare[status] = (await declare(meeting.id, 'i1', member)).status;
    }
    const states = (ok: MeetingStatus[]) =>
      Object.fromEntries(MEETING_STATUSES.map((s) => [s, ok.includes(s) ? 200 : 409]));
    expect(outcome.vote).toEqual(states(['in-session', 'minutes-draft']));
    expect(outcome.dissent).toEqual(states(['in-session', 'minutes-draft']));
    expect(outcome.declare).toEqual(states(['draft', 'published', 'in-session', 'minutes-draft']));
  });

  it('refuse bad input with a 400 naming the field, and change nothing', async () => {
    const chair = await person('chair');
    const member = await person('council_member');
    const conflicted = await person('council_member');
    const absentee = await person('council_member');
    const meeting = await meetingWith('in-session', [chair, member, conflicted], [absentee]);
    expect((await declare(meeting.id, 'd1', conflicted, { reason: 'Bestyrelsesmedlem hos leverandøren' })).status).toBe(
      200,
    );

    const cases: [string, Promise<Parameters<typeof rule>[0] & { status: number }>, unknown][] = [
      [
        'a vote by someone not present',
        vote(meeting.id, 'd1', chair, { mode: 'named', ballots: { [chair.id]: 'for', [absentee.id]: 'against' } }),
        { path: ['ballots', absentee.id], rule: 'absent_voter' },
      ],
      [
        'a vote by a member with a conflict of interest',
        vote(meeting.id, 'd1', chair, { mode: 'named', ballots: { [conflicted.id]: 'for' } }),
        { path: ['ballots', conflicted.id], rule: 'conflict_of_interest' },
      ],
      [
        'more votes than members present who may vote',
        vote(meeting.id, 'd1', chair, { mode: 'counts', for: 2, against: 1, abstain: 0 }),
        { path: ['for'], rule: 'too_many_votes' },
      ],
      [
        'no votes at all',
        vote(meeting.id, 'd1', chair, { mode: 'counts', for: 0, against: 0, abstain: 0 }),
        { path: ['for'], rule: 'no_votes' },
      ],
      [
        'a vote on an information item',
        vote(meeting.id, 'i1', chair, { mode: 'counts', for: 1, against: 0, abstain: 0 }),
        { path: ['itemId'], rule: 'not_a_decision' },
      ],
      [
        'a view minuted for someone absent',
        dissent(meeting.id, 'd1', chair, { personId: absentee.id, text: 'Imod.' }),
        { path: ['personId'], rule: 'absent_voter' },
      ],
      [
        'a view minuted by a member with a conflict of interest',
        dissent(meeting.id, 'd1', conflicted, { text: 'Imod.' }),
        { path: ['personId'], rule: 'conflict_of_interest' },
      ],
      [
        'a conflict of interest declared twice',
        declare(meeting.id, 'd1', conflicted),
        { path: ['personId'], rule: 'already_declared' },
      ],
    ];
    for (const [name, request, expected] of cases) {
      const res = await request;
      expect(res.status, name).toBe(400);
      expect(rule(res), name).toEqual(expected);
    }
    for (const [name, body] of [
      ['no mode', { for: 1 }],
      ['a negative count', { mode: 'counts', for: -1, against: 0, abstain: 0 }],
      ['a choice that is not one', { mode: 'named', ballots: { [chair.id]: 'maybe' } }],
      ['a string', 'for'],
    ] as const) {
      expect((await vote(meeting.id, 'd1', chair, body)).status, name).toBe(400);
    }
    expect((await dissent(meeting.id, 'd1', member, { text: '   ' })).status).toBe(400);
    expect((await dissent(meeting.id, 'd1', member, { text: 'x'.repeat(1001) })).status).toBe(400);
    expect((await vote(meeting.id, 'nope', chair, { mode: 'counts', for: 1, against: 0, abstain: 0 })).status).toBe(
      404,
    );
    expect((await vote('m-unknown', 'd1', chair, { mode: 'counts', for: 1, against: 0, abstain: 0 })).status).toBe(404);
    const nothing = await server.api('DELETE', `/api/meetings/${meeting.id}/items/d1/vote`, { token: chair.token });
    expect(rule(nothing)).toEqual({ path: ['itemId'], rule: 'not_recorded' });

    // Only the conflict of interest that was accepted is there.
    expect(await proceedings(meeting.id, chair)).toEqual([
      {
        itemId: 'd1',
        vote: null,
        dissents: [],
        conflicts: [{ personId: conflicted.id, name: conflicted.name, reason: 'Bestyrelsesmedlem hos leverandøren' }],
      },
    ]);
  });

  it('clear signatures when they change the draft minutes, and are frozen into the minutes, the register and its export at approval', async () => {
    const chair = await person('chair', 'Mette Kjærgaard');
    const secretary = await person('secretary', 'Thomas Lykke');
    const member = await person('council_member', 'Henrik Dahl');
    const conflicted = await person('council_member', 'Hanne Berg');
    const architect = await person('network_architect', 'Nadia Holm');
    const meeting = await meetingWith('minutes-draft', [chair, secretary, member, conflicted]);
    const path = `/api/meetings/${meeting.id}`;

    expect((await server.api('POST', `${path}/signatures`, { token: member.token })).status).toBe(200);
    expect((await declare(meeting.id, 'd1', conflicted, { reason: 'Ansat hos leverandøren' })).status).toBe(200);
    // The minutes Henrik signed have changed: his signature is cleared and he is told.
    const signed = (await server.api('GET', `${path}/signatures`, { token: member.token })).body.signers;
    expect(signed.find((s: { personId: string }) => s.personId === member.id).signedAt).toBeNull();
    const told = (await server.api('GET', '/api/notifications', { token: member.token })).body.items;
    expect(told.map((n: { kind: string }) => n.kind)).toContain('signatureCleared');

    const named = await vote(meeting.id, 'd1', secretary, {
      mode: 'named',
      ballots: { [chair.id]: 'for', [secretary.id]: 'for', [member.id]: 'against' },
    });
    expect(named.status).toBe(200);
    expect(named.body.items[0].vote).toEqual({
      mode: 'named',
      for: 2,
      against: 1,
      abstain: 0,
      // By name, as the minutes list them.
      ballots: [
        { personId: member.id, name: 'Henrik Dahl', choice: 'against' },
        { personId: chair.id, name: 'Mette Kjærgaard', choice: 'for' },
        { personId: secretary.id, name: 'Thomas Lykke', choice: 'for' },
      ],
    });
    expect(
      (await dissent(meeting.id, 'd1', member, { text: 'Platformen bør udbydes i konkurrence <først>.' })).status,
    ).toBe(200);
    expect((await vote(meeting.id, 'c1', chair, { mode: 'counts', for: 3, against: 0, abstain: 1 })).status).toBe(200);

    // The network sees the open item's vote, never the confidential one's.
    expect((await proceedings(meeting.id, architect)).map((i: { itemId: string }) => i.itemId)).toEqual(['d1']);
    expect((await proceedings(meeting.id, member)).map((i: { itemId: string }) => i.itemId)).toEqual(['d1', 'c1']);

    for (const who of [chair, secretary, member]) {
      expect((await server.api('POST', `${path}/signatures`, { token: who.token })).status).toBe(200);
    }
    const approved = await server.api('POST', `${path}/approve`, {
      token: chair.token,
      body: { confirm: ['attendance'] },
    });
    expect(approved.status).toBe(200);

    const council = (await server.api('GET', `${path}/minutes`, { token: member.token })).body.markdown as string;
    expect(council).toContain(
      '_Hanne Berg var inhabil \\(Ansat hos leverandøren\\) og forlod mødet under behandlingen',
    );
    expect(council).toContain('Afstemning: 2 for, 1 imod, 0 undlod at stemme.');
    expect(council).toContain('- For: Mette Kjærgaard, Thomas Lykke\n- Imod: Henrik Dahl');
    expect(council).toContain(
      'Henrik Dahl ønskede sin stemme ført til protokol: Platformen bør udbydes i konkurrence \\<først\\>.',
    );
    expect(council).toContain('Afstemning: 3 for, 0 imod, 1 undlod at stemme.');
    const html = (await server.api('GET', `${path}/minutes`, { token: member.token })).body.html as string;
    expect(html).toContain('konkurrence &#60;først&#62;.');
    const minutesForNetwork = (await server.api('GET', `${path}/minutes`, { token: architect.token })).body.markdown;
    expect(minutesForNetwork).toContain('Afstemning: 2 for, 1 imod');
    expect(minutesForNetwork).not.toContain('3 for');

    const number = approved.body.decisions.find((d: { itemId: string }) => d.itemId === 'd1').number;
    const decision = (await server.api('GET', `/api/decisions/${number}`, { token: architect.token })).body;
    expect(decision.proceedings).toMatchObject({
      vote: { mode: 'named', for: 2, against: 1, abstain: 0 },
      dissents: [{ name: 'Henrik Dahl', text: 'Platformen bør udbydes i konkurrence <først>.' }],
      conflicts: [{ name: 'Hanne Berg', reason: 'Ansat hos leverandøren' }],
    });
    const csv = await fetch(`${server.url}/api/decisions.csv`, {
      headers: { authorization: `Bearer ${architect.token}` },
    });
    const [heading, ...rows] = (await readCsvExport(csv, ',')).rows;
    const row = rows.find((r) => r[0] === number) ?? [];
    expect(heading?.slice(-5)).toEqual(['votes_for', 'votes_against', 'votes_abstain', 'dissents', 'conflicts']);
    expect(row.slice(-5)).toEqual([
      '2',
      '1',
      '0',
      'Henrik Dahl: Platformen bør udbydes i konkurrence <først>.',
      'Hanne Berg',
    ]);

    // Frozen: nothing more is recorded or taken back.
    expect((await vote(meeting.id, 'd1', chair, { mode: 'counts', for: 1, against: 0, abstain: 0 })).status).toBe(409);
    expect((await server.api('DELETE', `${path}/items/d1/dissent`, { token: member.token })).status).toBe(409);
    expect((await server.api('DELETE', `${path}/items/d1/conflicts`, { token: conflicted.token })).status).toBe(409);

    const audit = server.council.db
      .prepare(
        "SELECT action FROM audit WHERE resource = ? AND action IN ('meeting.vote', 'meeting.dissent', 'meeting.conflict') ORDER BY id",
      )
      .all(`meeting:${meeting.id}`)
      .map((r) => (r as { action: string }).action);
    expect(audit).toEqual(['meeting.conflict', 'meeting.vote', 'meeting.dissent', 'meeting.vote']);
  });

  it('are withdrawn by whoever recorded them while the minutes are a draft', async () => {
    const chair = await person('chair');
    const member = await person('council_member');
    const meeting = await meetingWith('in-session', [chair, member]);
    const path = `/api/meetings/${meeting.id}/items/d1`;
    await declare(meeting.id, 'd1', member, {});
    expect((await server.api('DELETE', `${path}/conflicts`, { token: member.token })).status).toBe(200);
    expect((await dissent(meeting.id, 'd1', member, { text: 'Imod.' })).status).toBe(200);
    expect((await dissent(meeting.id, 'd1', member, { text: 'Imod, af hensyn til økonomien.' })).status).toBe(200);
    expect((await proceedings(meeting.id, chair))[0].dissents).toEqual([
      { personId: member.id, name: member.name, text: 'Imod, af hensyn til økonomien.' },
    ]);
    expect((await server.api('DELETE', `${path}/dissent?personId=${member.id}`, { token: chair.token })).status).toBe(
      200,
    );
    expect((await vote(meeting.id, 'd1', chair, { mode: 'counts', for: 2, against: 0, abstain: 0 })).status).toBe(200);
    expect((await server.api('DELETE', `${path}/vote`, { token: chair.token })).status).toBe(200);
    expect(await proceedings(meeting.id, chair)).toEqual([]);
  });
});
