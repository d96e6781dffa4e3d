import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

interface Listed {
  meetingId: string;
  refId: string;
  title: string;
  doneAt: string | null;
  doneBy: string | null;
}

/**
 * A meeting approved with three action points: two for the council (one assigned to `assigneeId`,
 * overdue; one unassigned) and one that goes to a working group's board instead.
 */
async function approvedMeeting(assigneeId: string) {
  const group = await server.factory.group({ visibility: 'open' });
  const meeting = await server.factory.meeting({
    status: 'minutes-draft',
    title: 'Rådsmøde 3/2026',
    content: {
      agenda: [{ id: 'i1', title: 'Opfølgning', kind: 'discussion', durationMinutes: 10, confidential: false }],
      actions: [
        { id: 'a1', title: 'Send principperne i høring', assigneeId, due: '2026-01-10' },
        { id: 'a2', title: 'Book næste møde' },
        { id: 'a3', title: 'Kortlæg snitflader', groupId: group.id },
      ],
    },
  });
  // The factory dates every meeting 2026-12-10; carry-over looks at meetings before the next one.
  server.council.db.prepare("UPDATE meetings SET starts_at = '2026-11-01T09:00:00+01:00' WHERE id = ?").run(meeting.id);
  const chair = await server.signIn('chair');
  expect(
    (
      await server.api('POST', `/api/meetings/${meeting.id}/approve`, {
        token: chair.token,
        body: { confirm: ['attendance'] },
      })
    ).status,
  ).toBe(200);
  return meeting;
}

describe("the council's action list", () => {
  it('lists the action points of approved minutes that no group took over, for everyone, open first', async () => {
    const assignee = await server.signIn('network_architect');
    const meeting = await approvedMeeting(assignee.personId);
    const observer = await server.signIn('observer');
    const all = await server.api('GET', '/api/actions', { token: observer.token });
    expect(all.status).toBe(200);
    const ours = all.body.filter((a: Listed) => a.meetingId === meeting.id);
    expect(ours.map((a: Listed) => a.title)).toEqual(['Send principperne i høring', 'Book næste møde']);
    expect(ours[0]).toMatchObject({ meetingTitle: 'Rådsmøde 3/2026', due: '2026-01-10', doneAt: null });

    const mine = await server.api('GET', '/api/actions?assignee=me', { token: assignee.token });
    expect(mine.body.map((a: Listed) => a.refId)).toEqual(['a1']);
    expect((await server.api('GET', '/api/actions')).status).toBe(401);
  });

  it('lets the assignee or the council mark one done, audited, and takes it out of carry-over until reopened', async () => {
    const assignee = await server.signIn('network_architect');
    const other = await server.signIn('network_architect');
    const member = await server.signIn('council_member');
    const secretary = await server.signIn('secretary');
    const meeting = await approvedMeeting(assignee.personId);
    const next = await server.factory.meeting({ status: 'draft' });
    const patch = (refId: string, token: string, body: unknown) =>
      server.api('PATCH', `/api/actions/${meeting.id}/${refId}`, { token, body });
    const carriedOver = async () =>
      (await server.api('GET', `/api/meetings/${next.id}/carry-over`, { token: secretary.token })).body
        .filter((f: { meetingId: string; kind: string }) => f.meetingId === meeting.id && f.kind === 'action')
        .map((f: { refId: string }) => f.refId)
        .sort();
    expect(await carriedOver()).toEqual(['a1', 'a2', 'a3']);

    expect((await patch('a1', other.token, { done: true })).status).toBe(403);
    expect((await patch('a2', assignee.token, { done: true })).status).toBe(403); // not theirs
    const done = await patch('a1', assignee.token, { done: true });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ refId: 'a1', doneBy: assignee.personId });
    expect(done.body.doneAt).toEqual(expect.any(String));
    expect((await patch('a2', member.token, { done: true })).body.doneBy).toBe(member.personId);
    expect(await carriedOver()).toEqual(['a3']);

    const open = await server.api('GET', '/api/actions?status=open', { token: other.token });
    expect(open.body.some((a: Listed) => a.meetingId === meeting.id)).toBe(false);
    const audited = server.council.db
      .prepare<[string], { action: string; actor_id: string }>(
        "SELECT action, actor_id FROM audit WHERE resource = ? AND action LIKE 'action.%' ORDER BY id",
      )
      .all(`meeting:${meeting.id}`);
    expect(audited).toEqual([
      { action: 'action.done', actor_id: assignee.personId },
      { action: 'action.done', actor_id: member.personId },
    ]);

    const reopened = await patch('a1', member.token, { done: false });
    expect(reopened.body).toMatchObject({ doneAt: null, doneBy: null });
    expect(await carriedOver()).toEqual(['a1', 'a3']);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const assignee = await server.signIn('network_architect');
    const meeting = await approvedMeeting(assignee.personId);
    const chair = await server.signIn('chair');
    const patch = (path: string, body: unknown) => server.api('PATCH', path, { token: chair.token, body });

    const wrongType = await patch(`/api/actions/${meeting.id}/a1`, { done: 'yes' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.issues[0].path).toEqual(['done']);
    expect((await patch(`/api/actions/${meeting.id}/a1`, '{"done": tru')).status).toBe(400);
    expect((await patch(`/api/actions/${meeting.id}/nope`, { done: true })).status).toBe(404);
    expect((await patch(`/api/actions/${meeting.id}/a3`, { done: true })).status).toBe(404); // a group's task
    expect((await patch(`/api/actions/${meeting.id}/bad%20id`, { done: true })).status).toBe(400);
    expect((await server.api('GET', '/api/actions?status=later', { token: chair.token })).status).toBe(400);

    const listed = await server.api('GET', `/api/actions`, { token: chair.token });
    expect(listed.body.filter((a: Listed) => a.meetingId === meeting.id && a.doneAt !== null)).toEqual([]);
  });

  it('does not list the action points of minutes not yet approved', async () => {
    const meeting = await server.factory.meeting({
      status: 'in-session',
      content: { agenda: [], actions: [{ id: 'a1', title: 'Endnu ikke godkendt' }] },
    });
    const chair = await server.signIn('chair');
    const listed = await server.api('GET', '/api/actions', { token: chair.token });
    expect(listed.body.some((a: Listed) => a.meetingId === meeting.id)).toBe(false);
  });
});
