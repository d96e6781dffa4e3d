import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, waitFor } from '../../testing/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(undefined, null, { COUNCIL_MEETING_REMINDER_HOURS: '48' });
});
afterAll(() => server.stop());

const notificationsOf = async (person: { email: string; password: string }) => {
  const { token } = (await server.api('POST', '/api/auth/login', { body: person })).body;
  return (await server.api('GET', '/api/notifications', { token })).body.items as {
    kind: string;
    params: Record<string, string>;
    url: string;
  }[];
};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('reminders', () => {
  it('reminds the council of a published meeting within 48 hours, once, whatever the ticks and restarts', async () => {
    const member = await server.factory.person({ role: 'council_member' });
    const soon = await server.factory.meeting({
      status: 'published',
      title: 'Rådsmøde om to dage',
      startsAt: new Date(Date.now() + 30 * 3_600_000).toISOString(),
    });
    const later = await server.factory.meeting({
      status: 'published',
      title: 'Rådsmøde om en uge',
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const reminders = server.council.notifications.reminders;
    reminders.tick();
    reminders.tick();
    // A restart: another server on the same database ticks at its start, and again.
    const restarted = await startTestServer(server.databaseFile);
    restarted.council.notifications.reminders.tick();
    await restarted.stop();
    const items = await notificationsOf(member);
    const reminded = items.filter((n) => n.kind === 'meetingReminder');
    expect(reminded).toHaveLength(1);
    expect(reminded[0]).toMatchObject({ params: { meeting: 'Rådsmøde om to dage' }, url: `/meetings/${soon.id}` });
    expect(items.some((n) => n.url === `/meetings/${later.id}`)).toBe(false);
  });

  it('tells an assignee of work due within 3 days and of overdue work, each once per due date, catching up after downtime', async () => {
    const lead = await server.factory.person({ role: 'group_lead' });
    const member = await server.factory.person({ role: 'group_member' });
    const group = await server.factory.group({
      members: [
        { personId: lead.id, role: 'lead' },
        { personId: member.id, role: 'member' },
      ],
    });
    const { token } = (await server.api('POST', '/api/auth/login', { body: lead })).body;
    for (const [title, due] of [
      ['Snart', day(2)],
      ['Glemt for længe siden', day(-20)],
      ['Glemt for år siden', day(-400)],
      ['God tid', day(30)],
    ] as const) {
      const made = await server.api('POST', `/api/groups/${group.id}/tasks`, {
        token,
        body: { title, assigneeId: member.id, due },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    }
    await waitFor(
      () =>
        (server.council.db.prepare('SELECT count(*) AS n FROM tasks WHERE group_id = ?').get(group.id) as { n: number })
          .n === 4,
      'the board to be projected',
    );
    const reminders = server.council.notifications.reminders;
    reminders.tick();
    reminders.tick();
    // A restart: another server on the same database ticks at its start, and again.
    const restarted = await startTestServer(server.databaseFile);
    restarted.council.notifications.reminders.tick();
    await restarted.stop();
    const items = await notificationsOf(member);
    expect(items.filter((n) => n.kind === 'dueSoon').map((n) => n.params)).toEqual([{ title: 'Snart', date: day(2) }]);
    // Overdue for more than 30 days is old news: not announced.
    expect(items.filter((n) => n.kind === 'overdue').map((n) => n.params)).toEqual([
      { title: 'Glemt for længe siden', date: day(-20) },
    ]);
    // Three days on, "Snart" is overdue: a new event; "God tid" is still far off.
    reminders.tick(new Date(Date.now() + 3 * 86_400_000));
    reminders.tick(new Date(Date.now() + 3 * 86_400_000));
    const later = await notificationsOf(member);
    expect(
      later
        .filter((n) => n.kind === 'overdue')
        .map((n) => n.params.title)
        .sort(),
    ).toEqual(['Glemt for længe siden', 'Snart']);
    expect(later.some((n) => n.params.title === 'God tid')).toBe(false);
    // Nobody else is told of the member's work.
    expect((await notificationsOf(lead)).filter((n) => n.kind === 'overdue' || n.kind === 'dueSoon')).toEqual([]);
  });
});
