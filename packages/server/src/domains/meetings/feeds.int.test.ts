import { ROLES, type Role } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/server.ts';

let server: TestServer;
const tokens = {} as Record<Role, string>;
const people = {} as Record<Role, string>;
beforeAll(async () => {
  server = await startTestServer();
  for (const role of ROLES) {
    const { token, personId } = await server.signIn(role);
    tokens[role] = token;
    people[role] = personId;
  }
});
afterAll(() => server.stop());

const api = (method: string, path: string, role: Role) => server.api(method, path, { token: tokens[role] });
/** As a calendar program fetches it: no cookie, no bearer token. */
const subscribe = (url: string) => fetch(url.replace(/^https?:\/\/[^/]+/, server.url));

describe('the calendar people subscribe to', () => {
  it('is a secret link that works without a session, with exactly the meetings its owner may see, in Copenhagen time', async () => {
    const draft = await server.factory.meeting({ status: 'draft', title: 'Kladde til rådsmøde' });
    await server.factory.meeting({
      status: 'published',
      title: 'Sommermøde',
      startsAt: '2027-06-10T09:00:00+02:00',
      endsAt: '2027-06-10T12:00:00+02:00',
    });
    const cancelled = await server.factory.meeting({ status: 'published', title: 'Aflyst møde' });
    expect(
      (
        await server.api('POST', `/api/meetings/${cancelled.id}/cancel`, {
          token: tokens.chair,
          body: { reason: 'Sygdom' },
        })
      ).status,
    ).toBe(200);

    expect((await api('GET', '/api/me/calendar', 'observer')).body).toEqual({ active: false, createdAt: null });
    const made = await api('POST', '/api/me/calendar', 'observer');
    expect(made.status).toBe(201);
    expect(made.body.url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await api('GET', '/api/me/calendar', 'observer')).body).toMatchObject({ active: true });
    // Only the hash is stored.
    const stored = server.council.db
      .prepare('SELECT token_hash AS hash FROM calendar_feeds WHERE person_id = ?')
      .get(people.observer) as { hash: string };
    expect(made.body.url).not.toContain(stored.hash);

    const res = await subscribe(made.body.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const ics = await res.text();
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toContain('TZID:Europe/Copenhagen');
    expect(ics).toContain('DTSTART;TZID=Europe/Copenhagen:20270610T090000');
    expect(ics).toContain('SUMMARY:Sommermøde');
    expect(ics.split('BEGIN:VEVENT').find((e) => e.includes('Aflyst møde'))).toContain('STATUS:CANCELLED');
    // An observer does not see drafts; a council member's feed does.
    expect(ics).not.toContain('Kladde til rådsmøde');
    const member = await api('POST', '/api/me/calendar', 'council_member');
    const memberIcs = await (await subscribe(member.body.url)).text();
    expect(memberIcs).toContain('Kladde til rådsmøde');
    expect(memberIcs).toContain(`UID:${draft.id}@council`);
  });

  it('stops working when revoked or replaced, and for a deactivated owner; it is audited', async () => {
    const first = (await api('POST', '/api/me/calendar', 'network_architect')).body.url as string;
    const second = (await api('POST', '/api/me/calendar', 'network_architect')).body.url as string;
    expect((await subscribe(first)).status).toBe(404);
    expect((await subscribe(second)).status).toBe(200);
    expect((await api('DELETE', '/api/me/calendar', 'network_architect')).status).toBe(204);
    expect((await subscribe(second)).status).toBe(404);
    expect((await api('GET', '/api/me/calendar', 'network_architect')).body.active).toBe(false);
    expect((await subscribe(`${server.url}/api/calendar/not-a-token.ics`)).status).toBe(404);
    const actions = (
      server.council.db
        .prepare('SELECT action FROM audit WHERE resource = ? ORDER BY id')
        .all(`person:${people.network_architect}`) as { action: string }[]
    ).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('person.calendar'))).toEqual([
      'person.calendar.create',
      'person.calendar.create',
      'person.calendar.revoke',
    ]);

    const lead = (await api('POST', '/api/me/calendar', 'group_lead')).body.url as string;
    expect((await subscribe(lead)).status).toBe(200);
    server.council.db
      .prepare('UPDATE people SET deactivated_at = ? WHERE id = ?')
      .run(new Date().toISOString(), people.group_lead);
    expect((await subscribe(lead)).status).toBe(404);
    expect((await server.api('GET', '/api/me/calendar')).status).toBe(401);
    expect((await server.api('POST', '/api/me/calendar')).status).toBe(401);
  });
});
