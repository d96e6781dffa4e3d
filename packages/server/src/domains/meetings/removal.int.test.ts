import { docNames, MEETING_FIELDS, ROLES, type Role } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, startTestServer, type TestServer, waitFor } from '../../testing/server.ts';

let server: TestServer;
const tokens = {} as Record<Role, string>;
beforeAll(async () => {
  server = await startTestServer();
  for (const role of ROLES) tokens[role] = (await server.signIn(role)).token;
});
afterAll(() => server.stop());

const MAY: Role[] = ['admin', 'chair', 'secretary'];
const api = (method: string, path: string, role: Role, body?: unknown) =>
  server.api(method, path, { token: tokens[role], body });
const audit = (id: string) =>
  (
    server.council.db
      .prepare('SELECT action, actor_id AS actorId, details FROM audit WHERE resource = ? ORDER BY id')
      .all(`meeting:${id}`) as { action: string; actorId: string; details: string }[]
  ).map((a) => ({ ...a, details: JSON.parse(a.details) }));
const ics = async (path: string, role: Role) =>
  (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${tokens[role]}` } })).text();

async function collabScope(name: string, token: string): Promise<'none' | 'read' | 'write'> {
  try {
    const client = await connectClient(server.wsUrl, name, token);
    const scope = client.provider.authorizedScope;
    client.destroy();
    return scope === 'read-write' ? 'write' : 'read';
  } catch {
    return 'none';
  }
}

describe('deleting a draft meeting', () => {
  it('is for the chair, the secretary and admins (403 for others, 409 unless a draft), audited', async () => {
    for (const role of ROLES.filter((r) => !MAY.includes(r))) {
      const draft = await server.factory.meeting({ status: 'draft' });
      // Those who may not see a draft get 404, like any meeting they cannot see.
      expect((await api('DELETE', `/api/meetings/${draft.id}`, role)).status, role).toBe(
        ['council_member'].includes(role) ? 403 : 404,
      );
    }
    for (const status of ['published', 'in-session', 'minutes-draft', 'approved', 'cancelled'] as const) {
      const meeting = await server.factory.meeting({ status });
      const refused = await api('DELETE', `/api/meetings/${meeting.id}`, 'chair');
      expect(refused.status, status).toBe(409);
      expect((await api('GET', `/api/meetings/${meeting.id}`, 'chair')).status).toBe(200);
    }
    for (const role of MAY) {
      const draft = await server.factory.meeting({ status: 'draft', title: `Udkast af ${role}` });
      expect((await api('DELETE', `/api/meetings/${draft.id}`, role)).status, role).toBe(204);
      const [row] = audit(draft.id);
      expect(row).toMatchObject({ action: 'meeting.delete', details: { title: `Udkast af ${role}` } });
    }
    expect((await server.api('DELETE', '/api/meetings/m-nothere')).status).toBe(401);
  });

  it('hides it everywhere: 404, gone from the lists, the calendar, search; its documents refused and open ones closed', async () => {
    const draft = await server.factory.meeting({ status: 'draft', title: 'Forkert oprettet møde' });
    const name = docNames.meeting(draft.id);
    const open = await connectClient(server.wsUrl, name, tokens.council_member);
    let closedWith: number | undefined;
    open.provider.on('close', ({ event }: { event: { code: number } }) => {
      closedWith ??= event.code;
    });
    expect((await api('DELETE', `/api/meetings/${draft.id}`, 'secretary')).status).toBe(204);
    await waitFor(() => closedWith !== undefined, 'the open connection to be closed');
    open.destroy();
    for (const role of ['chair', 'council_member'] as const) {
      expect((await api('GET', `/api/meetings/${draft.id}`, role)).status).toBe(404);
      expect((await api('GET', '/api/meetings', role)).body.map((m: { id: string }) => m.id)).not.toContain(draft.id);
      expect(await ics('/api/meetings.ics', role)).not.toContain('Forkert oprettet møde');
      expect((await api('GET', `/api/meetings/${draft.id}/calendar.ics`, role)).status).toBe(404);
      expect(await collabScope(name, tokens[role])).toBe('none');
      expect(await collabScope(docNames.meetingClosed(draft.id), tokens[role])).toBe('none');
    }
    const found = await api('GET', `/api/search?q=${encodeURIComponent('Punkt 1')}`, 'chair');
    expect(JSON.stringify(found.body)).not.toContain(draft.id);
    // A second delete finds nothing; the row is kept, so it can be restored.
    expect((await api('DELETE', `/api/meetings/${draft.id}`, 'secretary')).status).toBe(404);
    expect(server.council.db.prepare('SELECT title FROM meetings WHERE id = ?').get(draft.id)).toEqual({
      title: 'Forkert oprettet møde',
    });
  });
});

describe('restoring a deleted draft', () => {
  it('lists deleted drafts with who deleted them, and brings one back whole, for those who may delete (403 for others), audited', async () => {
    const draft = await server.factory.meeting({ status: 'draft', title: 'Slettet ved en fejl' });
    // Something written in the draft before it was deleted must be there after the restore.
    const writer = await connectClient(server.wsUrl, docNames.meeting(draft.id), tokens.secretary);
    const agenda = writer.doc.getArray<Y.Map<unknown>>(MEETING_FIELDS.agenda);
    ((agenda.get(0) as Y.Map<unknown>).get('title') as Y.Text).insert(0, 'Vigtigt: ');
    await waitFor(() => !writer.provider.hasUnsyncedChanges, 'the edit to be acknowledged');
    writer.destroy();
    expect((await api('DELETE', `/api/meetings/${draft.id}`, 'secretary')).status).toBe(204);

    for (const role of ROLES.filter((r) => !MAY.includes(r))) {
      expect((await api('GET', '/api/meetings/deleted', role)).status, role).toBe(403);
      expect((await api('POST', `/api/meetings/${draft.id}/restore`, role)).status, role).toBe(403);
    }
    const listed = await api('GET', '/api/meetings/deleted', 'chair');
    expect(listed.status).toBe(200);
    expect(listed.body.find((m: { id: string }) => m.id === draft.id)).toMatchObject({
      title: 'Slettet ved en fejl',
      deletedBy: expect.any(String),
      deletedAt: expect.any(String),
    });
    const kept = await server.factory.meeting({ status: 'draft' });
    expect((await api('POST', `/api/meetings/${kept.id}/restore`, 'chair')).status).toBe(404);
    expect((await api('POST', '/api/meetings/m-nothere/restore', 'chair')).status).toBe(404);

    const restored = await api('POST', `/api/meetings/${draft.id}/restore`, 'chair');
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: draft.id, status: 'draft', title: 'Slettet ved en fejl' });
    expect((await api('GET', '/api/meetings/deleted', 'chair')).body.map((m: { id: string }) => m.id)).not.toContain(
      draft.id,
    );
    expect((await api('GET', '/api/meetings', 'council_member')).body.map((m: { id: string }) => m.id)).toContain(
      draft.id,
    );
    expect(await ics('/api/meetings.ics', 'chair')).toContain('Slettet ved en fejl');
    const reader = await connectClient(server.wsUrl, docNames.meeting(draft.id), tokens.council_member);
    const readAgenda = reader.doc.getArray<Y.Map<unknown>>(MEETING_FIELDS.agenda);
    expect(String((readAgenda.get(0) as Y.Map<unknown>).get('title'))).toMatch(/^Vigtigt: /);
    reader.destroy();
    const found = await api('GET', `/api/search?q=${encodeURIComponent('Vigtigt')}`, 'chair');
    expect(JSON.stringify(found.body)).toContain(draft.id);
    expect(audit(draft.id).map((a) => a.action)).toEqual(['meeting.delete', 'meeting.restore']);
    // Restored once: a second restore finds no deleted meeting.
    expect((await api('POST', `/api/meetings/${draft.id}/restore`, 'chair')).status).toBe(404);
  });
});

describe('cancelling a published meeting', () => {
  it('is for the chair, the secretary and admins with a reason (400 names it), 409 unless published, audited', async () => {
    const meeting = await server.factory.meeting({ status: 'published' });
    const base = `/api/meetings/${meeting.id}/cancel`;
    for (const role of ROLES.filter((r) => !MAY.includes(r))) {
      expect((await api('POST', base, role, { reason: 'Nej' })).status, role).toBe(403);
    }
    const noReason = await api('POST', base, 'chair', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues[0]).toMatchObject({ path: ['reason'], params: { rule: 'reason_required' } });
    for (const status of ['draft', 'in-session', 'minutes-draft', 'approved'] as const) {
      const other = await server.factory.meeting({ status });
      expect((await api('POST', `/api/meetings/${other.id}/cancel`, 'chair', { reason: 'x' })).status, status).toBe(
        409,
      );
    }
    const cancelled = await api('POST', base, 'secretary', { reason: 'For få tilmeldte' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'For få tilmeldte' });
    expect((await api('POST', base, 'chair', { reason: 'Igen' })).status).toBe(409);
    expect(audit(meeting.id)).toEqual([
      expect.objectContaining({
        action: 'meeting.cancel',
        details: { from: 'published', to: 'cancelled', reason: 'For få tilmeldte' },
      }),
    ]);
    // It stays in the history, with its reason, for everyone who saw it published.
    const listed = (await api('GET', '/api/meetings', 'observer')).body.find(
      (m: { id: string }) => m.id === meeting.id,
    );
    expect(listed).toMatchObject({ status: 'cancelled', cancelReason: 'For få tilmeldte' });
    expect((await api('DELETE', `/api/meetings/${meeting.id}`, 'chair')).status).toBe(409);
  });

  it('turns open documents read-only at once, refuses writes, and calendars say CANCELLED', async () => {
    const meeting = await server.factory.meeting({ status: 'published', title: 'Rådsmøde 3/2027' });
    const client = await connectClient(server.wsUrl, docNames.meeting(meeting.id), tokens.council_member);
    expect(client.provider.authorizedScope).toBe('read-write');
    const statuses: string[] = [];
    client.provider.on('stateless', ({ payload }: { payload: string }) => statuses.push(JSON.parse(payload).status));
    expect((await api('POST', `/api/meetings/${meeting.id}/cancel`, 'chair', { reason: 'Sygdom' })).status).toBe(200);
    await waitFor(() => statuses.includes('cancelled'), 'the status message');
    // A write after the cancellation does not reach the stored document.
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('efter aflysningen')]);
    client.doc.getXmlFragment(MEETING_FIELDS.notes('i1')).push([p]);
    await new Promise((r) => setTimeout(r, 300));
    client.destroy();
    for (const role of ['admin', 'chair', 'council_member', 'observer'] as Role[]) {
      expect(await collabScope(docNames.meeting(meeting.id), tokens[role]), role).toBe('read');
    }
    const reader = await connectClient(server.wsUrl, docNames.meeting(meeting.id), tokens.chair);
    expect(reader.doc.getXmlFragment(MEETING_FIELDS.notes('i1')).toString()).not.toContain('efter aflysningen');
    reader.destroy();

    const one = await ics(`/api/meetings/${meeting.id}/calendar.ics`, 'observer');
    expect(one).toContain('METHOD:CANCEL');
    expect(one).toContain('STATUS:CANCELLED');
    expect(one).toContain('SEQUENCE:1');
    expect(one).toContain('Sygdom');
    const feed = await ics('/api/meetings.ics', 'observer');
    expect(feed).not.toContain('METHOD:CANCEL');
    const event = feed.split('BEGIN:VEVENT').find((e) => e.includes('Rådsmøde 3/2027'));
    expect(event).toContain('STATUS:CANCELLED');
  });
});
