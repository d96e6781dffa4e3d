import { docNames, GROUP_FIELDS, LIVE_MESSAGE } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notesText, storedDoc, write } from '../testing/notes.ts';
import { connectClient, startTestServer, type TestClient, type TestServer, waitFor } from '../testing/server.ts';

/**
 * Connections are authorised when they open; these tests hold the server to following the person
 * and the session afterwards: role changes, new group memberships and ended sessions reach the
 * connections already open, without waiting for a reconnect.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const storedNotes = async (name: string) => notesText(await storedDoc(server.council.db, name));

const closedByServer = (client: TestClient) => new Promise<void>((resolve) => client.provider.on('close', resolve));

/** The stateless messages a client receives, parsed. */
function messages(client: TestClient): { type: string }[] {
  const received: { type: string }[] = [];
  client.provider.on('stateless', ({ payload }: { payload: string }) => received.push(JSON.parse(payload)));
  return received;
}

async function setRole(personId: string, role: string) {
  const admin = await server.signIn('admin');
  const response = await server.api('PATCH', `/api/people/${personId}/role`, { token: admin.token, body: { role } });
  expect(response.status).toBe(200);
}

/** Waits long enough for a refused update to have arrived, had it been accepted. */
const settle = () => new Promise((r) => setTimeout(r, 200));

describe('open connections follow changes to access', () => {
  it('demoting a council member makes their open meeting read-only and closes the confidential one at once', async () => {
    const meeting = await server.factory.meeting({ status: 'in-session' });
    const member = await server.signIn('council_member');
    const chair = await server.signIn('chair');
    const open = await connectClient(server.wsUrl, docNames.meeting(meeting.id), member.token);
    const confidential = await connectClient(server.wsUrl, docNames.meetingClosed(meeting.id), member.token);
    const chairClient = await connectClient(server.wsUrl, docNames.meeting(meeting.id), chair.token);
    const heard = messages(open);
    const confidentialClosed = closedByServer(confidential);

    await setRole(member.personId, 'network_architect');
    await confidentialClosed;
    expect(heard).toContainEqual({ type: LIVE_MESSAGE.accessChanged });

    write(open.doc, 'Skrevet efter degraderingen');
    write(chairClient.doc, 'Formandens tekst');
    await waitFor(() => notesText(open.doc).includes('Formandens tekst'), 'the demoted member still reads');
    await chairClient.synced();
    await settle();
    expect(notesText(chairClient.doc)).not.toContain('efter degraderingen');
    expect(await storedNotes(docNames.meeting(meeting.id))).not.toContain('efter degraderingen');
    // Reconnecting gives the same answer as the live connection got.
    await expect(connectClient(server.wsUrl, docNames.meetingClosed(meeting.id), member.token)).rejects.toThrow(
      /authentication failed/,
    );
    for (const client of [open, confidential, chairClient]) client.destroy();
  });

  it('promoting a network architect makes their open, read-only meeting writable', async () => {
    const meeting = await server.factory.meeting({ status: 'in-session' });
    const architect = await server.signIn('network_architect');
    const client = await connectClient(server.wsUrl, docNames.meeting(meeting.id), architect.token);
    const heard = messages(client);

    await setRole(architect.personId, 'council_member');
    await waitFor(() => heard.some((m) => m.type === LIVE_MESSAGE.accessChanged), 'the access message');
    write(client.doc, 'Nu med i rådet');
    await client.synced();
    expect(await storedNotes(docNames.meeting(meeting.id))).toContain('Nu med i rådet');
    client.destroy();
  });

  it('accepting a volunteer makes their open task board writable', async () => {
    const lead = await server.factory.person({ role: 'group_lead' });
    const group = await server.factory.group({ visibility: 'open', members: [{ personId: lead.id, role: 'lead' }] });
    const leadToken = (
      await server.api('POST', '/api/auth/login', { body: { email: lead.email, password: lead.password } })
    ).body.token;
    const volunteer = await server.signIn('network_architect');
    const name = docNames.group(group.id);
    const board = await connectClient(server.wsUrl, name, volunteer.token);
    const leadBoard = await connectClient(server.wsUrl, name, leadToken);

    // Before: the volunteer's board is read-only. (Tried from a second connection: a refused edit
    // leaves a client's document ahead of the server's, which is why the web app starts afresh.)
    const probe = await connectClient(server.wsUrl, name, volunteer.token);
    probe.doc.getMap(GROUP_FIELDS.tasks).set('before', new Y.Map());
    await settle();
    expect(leadBoard.doc.getMap(GROUP_FIELDS.tasks).has('before')).toBe(false);
    probe.destroy();

    const call = await server.api('POST', `/api/groups/${group.id}/calls`, {
      token: leadToken,
      body: { note: 'Vi søger en arkitekt.' },
    });
    expect(call.status).toBe(201);
    const callId = call.body.id;
    expect(
      (await server.api('POST', `/api/calls/${callId}/volunteer`, { token: volunteer.token, body: {} })).status,
    ).toBe(201);
    const heard = messages(board);
    expect(
      (await server.api('POST', `/api/calls/${callId}/volunteers/${volunteer.personId}/accept`, { token: leadToken }))
        .status,
    ).toBe(204);
    await waitFor(() => heard.some((m) => m.type === LIVE_MESSAGE.accessChanged), 'the access message');

    const task = new Y.Map<unknown>();
    task.set('title', 'Kortlæg snitflader');
    board.doc.getMap(GROUP_FIELDS.tasks).set('after', task);
    await waitFor(() => leadBoard.doc.getMap(GROUP_FIELDS.tasks).has('after'), 'the lead sees the new member’s task');
    board.destroy();
    leadBoard.destroy();
  });
});

describe('open connections follow their session', () => {
  const sessionOf = (personId: string) =>
    server.council.db
      .prepare<[string], { token_hash: string; last_seen_at: number }>(
        'SELECT token_hash, last_seen_at FROM sessions WHERE person_id = ?',
      )
      .get(personId);

  it('closes the connections of a session past its limit, and keeps a session in use from idling out', async () => {
    const meeting = await server.factory.meeting({ status: 'in-session' });
    const expiring = await server.signIn('council_member');
    const sitting = await server.signIn('council_member');
    const expiringClient = await connectClient(server.wsUrl, docNames.meeting(meeting.id), expiring.token);
    const sittingClient = await connectClient(server.wsUrl, docNames.meeting(meeting.id), sitting.token);
    const expiringClosed = closedByServer(expiringClient);
    const twoHoursAgo = Date.now() - 2 * 60 * 60 * 1000;
    server.council.db.prepare('UPDATE sessions SET expires_at = ? WHERE person_id = ?').run(1, expiring.personId);
    server.council.db
      .prepare('UPDATE sessions SET last_seen_at = ? WHERE person_id = ?')
      .run(twoHoursAgo, sitting.personId);
    // A session nobody uses, long expired: the sweep deletes it.
    const stale = await server.signIn('network_architect');
    server.council.db.prepare('UPDATE sessions SET expires_at = ? WHERE person_id = ?').run(1, stale.personId);

    await server.council.sweepSessions();
    await expiringClosed;
    expect(sessionOf(expiring.personId)).toBeUndefined();
    expect(sessionOf(stale.personId)).toBeUndefined();
    expect(sessionOf(sitting.personId)?.last_seen_at).toBeGreaterThan(twoHoursAgo);

    write(sittingClient.doc, 'Mødet fortsætter');
    await sittingClient.synced();
    expect(await storedNotes(docNames.meeting(meeting.id))).toContain('Mødet fortsætter');
    await expect(connectClient(server.wsUrl, docNames.meeting(meeting.id), expiring.token)).rejects.toThrow(
      /authentication failed/,
    );
    expiringClient.destroy();
    sittingClient.destroy();
  });
});
