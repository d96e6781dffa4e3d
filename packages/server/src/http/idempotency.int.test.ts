import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server.ts';

/** A creating POST with an Idempotency-Key creates one thing, however often it is sent. */
let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = (await server.signIn('secretary')).token;
});
afterAll(() => server.stop());

const meeting = (title: string) => ({
  title,
  startsAt: '2027-01-14T09:00:00+01:00',
  endsAt: '2027-01-14T12:00:00+01:00',
  location: 'KL-huset',
});
const create = (body: unknown, key: string, as = token) =>
  server.api('POST', '/api/meetings', { token: as, body, headers: { 'idempotency-key': key } });
const count = (title: string) =>
  (server.council.db.prepare('SELECT count(*) AS n FROM meetings WHERE title = ?').get(title) as { n: number }).n;

describe('Idempotency-Key', () => {
  it('turns a double click into one meeting: both answers are the first', async () => {
    const [first, second] = await Promise.all([
      create(meeting('Rådsmøde januar'), 'k-double'),
      create(meeting('Rådsmøde januar'), 'k-double'),
    ]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(count('Rådsmøde januar')).toBe(1);
  });

  it('answers a retry after a lost answer with the first result, and says it is a replay', async () => {
    const first = await create(meeting('Rådsmøde februar'), 'k-retry');
    const again = await create(meeting('Rådsmøde februar'), 'k-retry');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(count('Rådsmøde februar')).toBe(1);
    // Without a key, nothing changes: two requests are two meetings.
    await server.api('POST', '/api/meetings', { token, body: meeting('Rådsmøde marts') });
    await server.api('POST', '/api/meetings', { token, body: meeting('Rådsmøde marts') });
    expect(count('Rådsmøde marts')).toBe(2);
  });

  it('keeps no refusal: the corrected form goes through with the same key', async () => {
    const refused = await create({ ...meeting(''), title: '' }, 'k-fix');
    expect(refused.status).toBe(400);
    const fixed = await create(meeting('Rådsmøde april'), 'k-fix');
    expect(fixed.status).toBe(201);
    expect(count('Rådsmøde april')).toBe(1);
  });

  it('refuses a key used for another route, and keeps keys apart per person', async () => {
    await create(meeting('Rådsmøde maj'), 'k-shared');
    const elsewhere = await server.api('POST', '/api/groups', {
      token,
      body: { name: 'Arbejdsgruppe om data' },
      headers: { 'idempotency-key': 'k-shared' },
    });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe('idempotency_key_reused');
    const chair = (await server.signIn('chair')).token;
    expect((await create(meeting('Rådsmøde maj'), 'k-shared', chair)).status).toBe(201);
    expect(count('Rådsmøde maj')).toBe(2);
  });

  it('refuses a key that is not printable text', async () => {
    const res = await create(meeting('Rådsmøde juni'), 'x'.repeat(201));
    expect(res.status).toBe(400);
    expect(count('Rådsmøde juni')).toBe(0);
  });
});
