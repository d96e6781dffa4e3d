import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function approve(meetingId: string, token: string) {
  const res = await server.api('POST', `/api/meetings/${meetingId}/approve`, {
    token,
    body: { confirm: ['attendance'] },
  });
  expect(res.status).toBe(200);
}

describe('a public decision superseded by a confidential one', () => {
  it('tells those who may not see the confidential one that a closed decision superseded it, naming nothing', async () => {
    const chair = await server.signIn('chair');
    const first = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [{ id: 'i1', title: 'Hostingaftale', kind: 'decision', durationMinutes: 10, confidential: false }],
        decisions: { i1: { title: 'Hosting hos leverandør A', text: 'Vedtaget.', status: 'adopted' } },
      },
    });
    await approve(first.id, chair.token);
    const [{ number: publicNumber }] = server.council.db.prepare('SELECT number FROM decisions').all() as {
      number: string;
    }[];
    const second = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [{ id: 'i1', title: 'Ny leverandør', kind: 'decision', durationMinutes: 10, confidential: true }],
        decisions: {
          i1: { title: 'Skift til leverandør B', text: 'Fortroligt.', status: 'adopted', supersedes: [publicNumber] },
        },
      },
    });
    await approve(second.id, chair.token);

    const observer = await server.signIn('observer');
    const seenByObserver = (await server.api('GET', `/api/decisions/${publicNumber}`, { token: observer.token })).body;
    expect(seenByObserver).toMatchObject({ status: 'superseded', supersededBy: [], supersededByConfidential: 1 });
    expect(JSON.stringify(seenByObserver)).not.toContain('leverandør B');

    const seenByChair = (await server.api('GET', `/api/decisions/${publicNumber}`, { token: chair.token })).body;
    expect(seenByChair.supersededBy).toEqual([{ number: expect.any(String), title: 'Skift til leverandør B' }]);
    expect(seenByChair.supersededByConfidential).toBe(0);
  });
});
