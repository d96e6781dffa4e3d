import { docNames, ROLES, type Role, readAgenda } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, type TestServer, tempDatabaseFile, waitFor } from '../../testing/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const person = (role: Role, name?: string) => server.person(role, name);

async function template(token: string) {
  const res = await server.api('POST', '/api/meeting-templates', {
    token,
    body: {
      name: 'Ordinært rådsmøde',
      items: [
        { title: 'Godkendelse af dagsorden', kind: 'decision', durationMinutes: 5, presenterRole: 'chair' },
        { title: 'Eventuelt', kind: 'discussion' },
      ],
    },
  });
  return res.body.id as string;
}

/** Far enough ahead that the real clock's "today" is before it whenever the test runs. */
const series = (templateId: string) => ({
  name: 'Rådsmøde',
  templateId,
  unit: 'months',
  every: 1,
  firstDate: '2040-01-31',
  startTime: '09:00',
  durationMinutes: 180,
  location: 'KL-huset',
});

const MANAGERS: Role[] = ['admin', 'chair', 'secretary'];
const READERS: Role[] = [...MANAGERS, 'council_member'];

const meetingsOf = (seriesId: string) =>
  server.council.db
    .prepare(
      `SELECT sm.occurs_on AS occursOn, m.id, m.title, m.starts_at AS startsAt, m.ends_at AS endsAt, m.status,
         m.location, m.deleted_at AS deletedAt
       FROM series_meetings sm JOIN meetings m ON m.id = sm.meeting_id WHERE sm.series_id = ? ORDER BY sm.occurs_on`,
    )
    .all(seriesId) as {
    occursOn: string;
    id: string;
    title: string;
    startsAt: string;
    endsAt: string;
    status: string;
    location: string;
    deletedAt: string | null;
  }[];

describe('meeting series', () => {
  it('are started and stopped by the chair, the secretary and admins, read by the council, refused to others', async () => {
    const owner = await person('secretary');
    const templateId = await template(owner.token);
    for (const role of ROLES) {
      const { token } = await person(role);
      const mine = await server.api('POST', '/api/meeting-series', { token: owner.token, body: series(templateId) });
      const answers = {
        list: (await server.api('GET', '/api/meeting-series', { token })).status,
        get: (await server.api('GET', `/api/meeting-series/${mine.body.id}`, { token })).status,
        create: (await server.api('POST', '/api/meeting-series', { token, body: series(templateId) })).status,
        stop: (await server.api('DELETE', `/api/meeting-series/${mine.body.id}`, { token })).status,
      };
      expect(answers, role).toEqual({
        list: READERS.includes(role) ? 200 : 403,
        get: READERS.includes(role) ? 200 : 403,
        create: MANAGERS.includes(role) ? 201 : 403,
        stop: MANAGERS.includes(role) ? 204 : 403,
      });
    }
    for (const [method, path] of [
      ['GET', '/api/meeting-series'],
      ['POST', '/api/meeting-series'],
      ['GET', '/api/meeting-series/s-1'],
      ['DELETE', '/api/meeting-series/s-1'],
    ] as const) {
      const res = await server.api(method, path, { body: method === 'POST' ? {} : undefined });
      expect([res.status, res.body.error.code], `${method} ${path}`).toEqual([401, 'unauthenticated']);
    }
  });

  it('answers bad input with a 400 naming the field, and an unknown series with a 404', async () => {
    const { token } = await person('chair');
    const good = series(await template(token));
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ templateId: 'a b' }, 'templateId'],
      [{ unit: 'years' }, 'unit'],
      [{ every: 0 }, 'every'],
      [{ every: 1.5 }, 'every'],
      [{ firstDate: '2040-02-30' }, 'firstDate'],
      [{ startTime: '25:00' }, 'startTime'],
      [{ durationMinutes: 5 }, 'durationMinutes'],
      [{ horizon: 7 }, 'horizon'],
    ];
    for (const [change, field] of cases) {
      const res = await server.api('POST', '/api/meeting-series', { token, body: { ...good, ...change } });
      expect([res.status, res.body.error.issues?.[0]?.path], JSON.stringify(change)).toEqual([400, [field]]);
    }
    const unknown = await server.api('POST', '/api/meeting-series', {
      token,
      body: { ...good, templateId: 't-nothere' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0]).toMatchObject({ path: ['templateId'], params: { rule: 'unknown_reference' } });
    for (const method of ['GET', 'DELETE']) {
      const res = await server.api(method, '/api/meeting-series/s-nothere', { token });
      expect([res.status, res.body.error.code], method).toEqual([404, 'not_found']);
    }
  });

  it('makes the next drafts from its template at once, then keeps the horizon filled, one meeting per date', async () => {
    const chair = await person('chair', 'Aase Formand');
    const secretary = await person('secretary');
    const templateId = await template(secretary.token);
    const created = await server.api('POST', '/api/meeting-series', {
      token: secretary.token,
      body: { ...series(templateId), name: 'Styregruppemøde' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ templateName: 'Ordinært rådsmøde', horizon: 2, unit: 'months', every: 1 });
    expect(created.body.meetings.map((m: { occursOn: string; status: string }) => [m.occursOn, m.status])).toEqual([
      ['2040-01-31', 'draft'],
      ['2040-02-29', 'draft'],
    ]);
    const [first, second] = meetingsOf(id);
    expect(first).toMatchObject({
      title: 'Styregruppemøde 31. januar 2040',
      startsAt: '2040-01-31T09:00:00+01:00',
      endsAt: '2040-01-31T11:00:00.000Z',
      status: 'draft',
      location: 'KL-huset',
    });
    expect(second?.title).toBe('Styregruppemøde 29. februar 2040');
    const client = await connectClient(server.wsUrl, docNames.meeting(first?.id as string), secretary.token);
    expect(readAgenda(client.doc).map((i) => [i.title, i.presenterId])).toEqual([
      ['Godkendelse af dagsorden', chair.id],
      ['Eventuelt', undefined],
    ]);
    client.destroy();

    // Ticks at once and after a restart make nothing twice.
    const ticks = await Promise.all([server.council.series.tick(), server.council.series.tick()]);
    expect(ticks).toEqual([0, 0]);
    // A month on, the horizon moves: one more; the draft deleted by hand is not made again.
    expect((await server.api('DELETE', `/api/meetings/${second?.id}`, { token: secretary.token })).status).toBe(204);
    // (The tick fills every series on this server; the others' meetings are not this test's.)
    expect(await server.council.series.tick(new Date('2040-02-01T06:00:00Z'))).toBeGreaterThanOrEqual(1);
    expect(await server.council.series.tick(new Date('2040-02-01T06:00:00Z'))).toBe(0);
    expect(meetingsOf(id).map((m) => [m.occursOn, m.deletedAt === null])).toEqual([
      ['2040-01-31', true],
      ['2040-02-29', false],
      ['2040-03-31', true],
    ]);
    // The key itself refuses a second meeting for a date.
    expect(() =>
      server.council.db
        .prepare('INSERT INTO series_meetings (series_id, occurs_on, meeting_id) VALUES (?, ?, ?)')
        .run(id, '2040-01-31', first?.id),
    ).toThrow(/UNIQUE/);

    const audit = server.council.db
      .prepare("SELECT actor_id AS actorId, details FROM audit WHERE action = 'meeting.create' AND details LIKE ?")
      .all(`%${id}%`) as { actorId: string | null; details: string }[];
    // The two made with the series are the secretary's; the scheduler's has no one behind it.
    expect(audit.map((a) => a.actorId)).toEqual([secretary.id, secretary.id, null]);
    expect(JSON.parse(audit[2]?.details ?? '{}')).toMatchObject({
      series: 'Styregruppemøde',
      seriesId: id,
      templateId,
    });

    // Its template stays while the series runs; stopping it keeps its meetings.
    const blocked = await server.api('DELETE', `/api/meeting-templates/${templateId}`, { token: secretary.token });
    expect([blocked.status, blocked.body.error.code]).toEqual([409, 'conflict']);
    expect((await server.api('DELETE', `/api/meeting-series/${id}`, { token: chair.token })).status).toBe(204);
    expect((await server.api('GET', `/api/meeting-series/${id}`, { token: chair.token })).status).toBe(404);
    expect((await server.api('GET', `/api/meetings/${first?.id}`, { token: chair.token })).body).toMatchObject({
      status: 'draft',
    });
    await server.council.series.tick(new Date('2040-03-01T06:00:00Z'));
    expect(
      server.council.db
        .prepare('SELECT count(*) AS n FROM meetings WHERE title = ?')
        .get('Styregruppemøde 30. april 2040'),
    ).toEqual({ n: 0 });
    expect((await server.api('DELETE', `/api/meeting-templates/${templateId}`, { token: chair.token })).status).toBe(
      204,
    );
    expect(
      server.council.db
        .prepare('SELECT action FROM audit WHERE resource = ? ORDER BY id')
        .all(`series:${id}`)
        .map((r) => (r as { action: string }).action),
    ).toEqual(['series.create', 'series.delete']);
  });

  it('leaves out a row it cannot read rather than failing the list or the scheduler', async () => {
    const { token } = await person('secretary');
    const templateId = await template(token);
    server.council.db
      .prepare(
        `INSERT INTO meeting_series (id, name, template_id, unit, every, first_date, start_time, duration_minutes,
           location, horizon, created_at) VALUES ('s-broken', 'Ødelagt', ?, 'years', 0, 'i går', '9', 60, '', 2, '')`,
      )
      .run(templateId);
    const list = await server.api('GET', '/api/meeting-series', { token });
    expect(list.status).toBe(200);
    expect(list.body.map((s: { id: string }) => s.id)).not.toContain('s-broken');
    expect(await server.council.series.tick()).toBe(0);
    expect((await server.api('GET', '/api/meeting-series/s-broken', { token })).status).toBe(404);
  });
});

describe('the series scheduler', () => {
  it('fills the horizon when the server starts, and a restart makes nothing twice', async () => {
    const file = tempDatabaseFile();
    const first = await startTestServer(file);
    first.council.db
      .prepare(
        `INSERT INTO meeting_templates (id, name, description, items, created_at, updated_at)
         VALUES ('t-1', 'Kort møde', '', '[{"title":"Eventuelt","kind":"discussion","durationMinutes":10,"presenterRole":null,"confidential":false}]', '', '')`,
      )
      .run();
    // Written while the server runs, as another process (or a restore) would: nothing made yet.
    first.council.db
      .prepare(
        `INSERT INTO meeting_series (id, name, template_id, unit, every, first_date, start_time, duration_minutes,
           location, horizon, created_at) VALUES ('s-1', 'Netværksmøde', 't-1', 'weeks', 2, '2041-01-03', '13:00', 90, '', 3, '')`,
      )
      .run();
    await first.stop();
    const count = (server: TestServer) =>
      (
        server.council.db.prepare("SELECT count(*) AS n FROM series_meetings WHERE series_id = 's-1'").get() as {
          n: number;
        }
      ).n;
    const second = await startTestServer(file);
    await waitFor(() => count(second) === 3, 'the series to be filled at start');
    expect(
      second.council.db
        .prepare('SELECT occurs_on AS d FROM series_meetings ORDER BY d')
        .all()
        .map((r) => (r as { d: string }).d),
    ).toEqual(['2041-01-03', '2041-01-17', '2041-01-31']);
    await second.stop();
    const third = await startTestServer(file);
    await third.council.series.tick();
    expect(count(third)).toBe(3);
    expect((third.council.db.prepare('SELECT count(*) AS n FROM meetings').get() as { n: number }).n).toBe(3);
    await third.stop();
  });
});
