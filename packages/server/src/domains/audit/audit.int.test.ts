import { ROLES, type Role } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

interface Entry {
  id: number;
  actorName: string | null;
  action: string;
  resource: string;
  details: Record<string, unknown>;
}

describe('the audit log', () => {
  it('is read by the chair, the secretary and admins only', async () => {
    for (const role of ROLES) {
      const { token } = await server.signIn(role);
      const expected = (['admin', 'chair', 'secretary'] as Role[]).includes(role) ? 200 : 403;
      expect((await server.api('GET', '/api/audit', { token })).status, role).toBe(expected);
    }
    expect((await server.api('GET', '/api/audit')).status).toBe(401);
  });

  it('shows who changed what, newest first, by area or for one resource, a page at a time', async () => {
    const admin = await server.signIn('admin');
    const person = await server.factory.person({ role: 'network_architect', name: 'Ida Sørensen' });
    const adminName = (await server.api('GET', '/api/me', { token: admin.token })).body.name;
    for (const role of ['council_member', 'observer', 'network_architect']) {
      const res = await server.api('PATCH', `/api/people/${person.id}/role`, { token: admin.token, body: { role } });
      expect(res.status).toBe(200);
    }
    const meeting = await server.factory.meeting({ status: 'draft' });
    const chair = await server.signIn('chair');
    expect((await server.api('POST', `/api/meetings/${meeting.id}/publish`, { token: chair.token })).status).toBe(200);

    const trail = await server.api('GET', `/api/audit?resource=person:${person.id}`, { token: admin.token });
    expect(trail.body.entries.map((e: Entry) => e.details)).toEqual([
      { from: 'observer', to: 'network_architect' },
      { from: 'council_member', to: 'observer' },
      { from: 'network_architect', to: 'council_member' },
    ]);
    expect(trail.body.entries[0]).toMatchObject({ action: 'person.role', actorName: adminName });

    const meetings = await server.api('GET', '/api/audit?area=meeting', { token: admin.token });
    expect(meetings.body.entries.every((e: Entry) => e.action.startsWith('meeting.'))).toBe(true);
    expect(meetings.body.entries[0]).toMatchObject({ action: 'meeting.publish', resource: `meeting:${meeting.id}` });

    // Two at a time: the pages join up without gaps or repeats.
    const first = await server.api('GET', `/api/audit?resource=person:${person.id}&limit=2`, { token: admin.token });
    expect(first.body.entries).toHaveLength(2);
    const second = await server.api(
      'GET',
      `/api/audit?resource=person:${person.id}&limit=2&before=${first.body.nextBefore}`,
      { token: admin.token },
    );
    expect(second.body.nextBefore).toBeNull();
    expect([...first.body.entries, ...second.body.entries].map((e: Entry) => e.id)).toEqual(
      trail.body.entries.map((e: Entry) => e.id),
    );
  });

  it('answers bad filters with a 400 naming the field', async () => {
    const { token } = await server.signIn('secretary');
    for (const [query, field] of [
      ['area=everything', 'area'],
      ['resource=%27%20OR%201%3D1', 'resource'],
      ['before=-3', 'before'],
      ['limit=100000', 'limit'],
    ]) {
      const res = await server.api('GET', `/api/audit?${query}`, { token });
      expect(res.status, query).toBe(400);
      expect(res.body.error.issues[0].path, query).toEqual([field]);
    }
  });

  it('keeps the actor’s name as it was when they acted, and records profile changes', async () => {
    const chair = await server.signIn('chair');
    const meeting = await server.factory.meeting({ status: 'draft' });
    await server.api('POST', `/api/meetings/${meeting.id}/publish`, { token: chair.token });
    const before = (await server.api('GET', `/api/audit?resource=meeting:${meeting.id}`, { token: chair.token })).body;
    const renamed = await server.api('PATCH', '/api/me/profile', { token: chair.token, body: { name: 'Nyt Navn' } });
    expect(renamed.status).toBe(200);
    const after = (await server.api('GET', `/api/audit?resource=meeting:${meeting.id}`, { token: chair.token })).body;
    expect(after.entries[0].actorName).toBe(before.entries[0].actorName);
    expect(after.entries[0].actorName).not.toBe('Nyt Navn');
    const profile = (await server.api('GET', `/api/audit?resource=person:${chair.personId}`, { token: chair.token }))
      .body;
    expect(profile.entries[0]).toMatchObject({ action: 'person.profile', details: { name: 'Nyt Navn' } });
  });
});
