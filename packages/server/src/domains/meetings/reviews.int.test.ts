import { docNames, MEETING_STATUSES, type MeetingStatus, ROLES, type Role } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, type TestServer } from '../../testing/server.ts';

/** Review before release: who may send a draft for review, when, and what it gives those asked. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

type Person = Awaited<ReturnType<typeof person>>;
const person = (role: Role, name?: string) => server.person(role, name);

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const meetingWith = (status: MeetingStatus, presenterId?: string) =>
  server.factory.meeting({
    status,
    title: 'Rådsmøde 8/2027',
    content: {
      agenda: [
        {
          id: 'i1',
          title: 'Arkitekturprincipper',
          kind: 'discussion',
          durationMinutes: 20,
          confidential: false,
          ...(presenterId ? { presenterId } : {}),
        },
      ],
    },
  });
const request = (meetingId: string, who: Person, body: unknown) =>
  server.api('POST', `/api/meetings/${meetingId}/review`, { token: who.token, body });
const done = (meetingId: string, who: Person) =>
  server.api('POST', `/api/meetings/${meetingId}/review/done`, { token: who.token });
const issue = (res: { body: { error: { issues: { path: unknown[]; params?: { rule: string } }[] } } }) => ({
  path: res.body.error.issues[0]?.path,
  rule: res.body.error.issues[0]?.params?.rule,
});
const kindsOf = async (who: Person) =>
  ((await server.api('GET', '/api/notifications', { token: who.token })).body.items as { kind: string }[]).map(
    (n) => n.kind,
  );

describe('review before release', () => {
  it('is sent by the chair, the secretary and admins; a draft agenda stays unseen by everyone else outside the council', async () => {
    const people = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await person(r)] as const)));
    const member = people.council_member as Person;
    const body = { reviewerIds: [member.id], deadline: inDays(3) };
    const results: Record<string, Record<string, number>> = { draft: {}, 'minutes-draft': {} };
    for (const status of ['draft', 'minutes-draft'] as const) {
      const meeting = await meetingWith(status);
      for (const role of ROLES)
        results[status][role] = (await request(meeting.id, people[role] as Person, body)).status;
    }
    const council = ['admin', 'chair', 'secretary', 'council_member'];
    expect(results.draft).toEqual(
      Object.fromEntries(
        ROLES.map((r) => [r, ['admin', 'chair', 'secretary'].includes(r) ? 200 : council.includes(r) ? 403 : 404]),
      ),
    );
    // Draft minutes are there for everyone to read; sending them for review is for the three.
    expect(results['minutes-draft']).toEqual(
      Object.fromEntries(ROLES.map((r) => [r, ['admin', 'chair', 'secretary'].includes(r) ? 200 : 403])),
    );
  });

  it('is taken on a draft agenda and draft minutes only (409 otherwise), and so is saying one has reviewed', async () => {
    const secretary = await person('secretary');
    const member = await person('council_member');
    const requested: Record<string, number> = {};
    const reviewed: Record<string, number> = {};
    for (const status of MEETING_STATUSES) {
      const meeting = await meetingWith(status);
      requested[status] = (
        await request(meeting.id, secretary, { reviewerIds: [member.id], deadline: inDays(2) })
      ).status;
      reviewed[status] = (await done(meeting.id, member)).status;
    }
    const states = (ok: MeetingStatus[]) =>
      Object.fromEntries(MEETING_STATUSES.map((s) => [s, ok.includes(s) ? 200 : 409]));
    expect(requested).toEqual(states(['draft', 'minutes-draft']));
    expect(reviewed).toEqual(states(['draft', 'minutes-draft']));
  });

  it('refuses a deadline in the past, an unknown person and one who may not review, naming the field', async () => {
    const chair = await person('chair');
    const member = await person('council_member');
    const architect = await person('network_architect');
    const meeting = await meetingWith('draft');
    const cases: [string, unknown, unknown][] = [
      [
        'a deadline in the past',
        { reviewerIds: [member.id], deadline: inDays(-1) },
        { path: ['deadline'], rule: 'deadline_past' },
      ],
      [
        'an unknown person',
        { reviewerIds: [member.id, 'nobody'], deadline: inDays(2) },
        { path: ['reviewerIds', 1], rule: 'unknown_reference' },
      ],
      [
        'an architect who presents nothing',
        { reviewerIds: [architect.id], deadline: inDays(2) },
        { path: ['reviewerIds', 0], rule: 'cannot_review' },
      ],
      ['nobody', { reviewerIds: [], deadline: inDays(2) }, { path: ['reviewerIds'], rule: 'no_reviewers' }],
      ['no deadline', { reviewerIds: [member.id] }, { path: ['deadline'], rule: undefined }],
    ];
    for (const [name, body, expected] of cases) {
      const res = await request(meeting.id, chair, body);
      expect(res.status, name).toBe(400);
      expect(issue(res), name).toEqual(expected);
    }
    expect((await server.api('GET', `/api/meetings/${meeting.id}/review`, { token: chair.token })).body).toEqual({
      review: null,
    });
  });

  it('lets a presenter outside the council read the draft agenda read-only, tells and reminds reviewers, and publishes nothing', async () => {
    const secretary = await person('secretary', 'Thomas Lykke');
    const chair = await person('chair', 'Mette Kjærgaard');
    const presenter = await person('network_architect', 'Nadia Holm');
    const outsider = await person('network_architect', 'Ole Sand');
    const meeting = await meetingWith('draft', presenter.id);
    const path = `/api/meetings/${meeting.id}`;
    expect((await server.api('GET', path, { token: presenter.token })).status).toBe(404);

    const deadline = inDays(2);
    const sent = await request(meeting.id, secretary, { reviewerIds: [chair.id, presenter.id], deadline });
    expect(sent.status).toBe(200);
    expect(sent.body.review).toMatchObject({
      stage: 'agenda',
      deadline,
      requestedBy: 'Thomas Lykke',
      reviewers: [
        { personId: chair.id, name: 'Mette Kjærgaard', reviewedAt: null },
        { personId: presenter.id, name: 'Nadia Holm', reviewedAt: null },
      ],
    });
    expect(await kindsOf(presenter)).toEqual(['reviewRequested']);
    expect(await kindsOf(chair)).toEqual(['reviewRequested']);

    // The presenter reads the draft, read-only; the meeting stays a draft nobody else outside the council sees.
    expect((await server.api('GET', path, { token: presenter.token })).body.status).toBe('draft');
    const reader = await connectClient(server.wsUrl, docNames.meeting(meeting.id), presenter.token);
    expect((reader.provider as unknown as { authorizedScope?: string }).authorizedScope).toBe('readonly');
    reader.destroy();
    await expect(connectClient(server.wsUrl, docNames.meetingClosed(meeting.id), presenter.token)).rejects.toThrow(
      /authentication failed/,
    );
    await expect(connectClient(server.wsUrl, docNames.meeting(meeting.id), outsider.token)).rejects.toThrow(
      /authentication failed/,
    );
    expect((await server.api('GET', path, { token: outsider.token })).status).toBe(404);
    const listed = (await server.api('GET', '/api/meetings', { token: outsider.token })).body.map(
      (m: { id: string }) => m.id,
    );
    expect(listed).not.toContain(meeting.id);

    expect((await done(meeting.id, presenter)).body.review.reviewers[1].reviewedAt).toEqual(expect.any(String));
    const twice = await done(meeting.id, presenter);
    expect(twice.status).toBe(400);
    expect(issue(twice)).toEqual({ path: ['review'], rule: 'already_reviewed' });
    expect((await done(meeting.id, outsider)).status).toBe(404);
    expect((await done(meeting.id, secretary)).status).toBe(403);

    // A day before the deadline, whoever has not reviewed is reminded, once.
    const reminders = server.council.notifications.reminders;
    reminders.tick(new Date(new Date(deadline).getTime() - 12 * 3_600_000));
    reminders.tick(new Date(new Date(deadline).getTime() - 11 * 3_600_000));
    expect(await kindsOf(chair)).toEqual(['reviewReminder', 'reviewRequested']);
    expect(await kindsOf(presenter)).toEqual(['reviewRequested']);

    // The deadline moved alone: who has not reviewed hears of it, who has does not.
    const later = inDays(4);
    const moved = await request(meeting.id, secretary, { reviewerIds: [], deadline: later });
    expect(moved.body.review.deadline).toBe(later);
    expect(await kindsOf(chair)).toEqual(['reviewRequested', 'reviewReminder', 'reviewRequested']);
    expect(await kindsOf(presenter)).toEqual(['reviewRequested']);

    expect((await server.api('GET', path, { token: secretary.token })).body.status).toBe('draft');
    const audit = server.council.db
      .prepare("SELECT action FROM audit WHERE resource = ? AND action LIKE 'meeting.review%' ORDER BY id")
      .all(`meeting:${meeting.id}`)
      .map((r) => (r as { action: string }).action);
    expect(audit).toEqual(['meeting.review.request', 'meeting.review.done', 'meeting.review.request']);
  });
});
