import { docNames, GROUP_FIELDS, MEETING_FIELDS } from '@council/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { notesText, storedDoc, write } from '../testing/notes.ts';
import { connectClient, startTestServer, type TestServer, waitFor } from '../testing/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const stored = (name: string) => storedDoc(server.council.db, name);

describe('collaboration', () => {
  it('syncs edits between two council members', async () => {
    const meeting = await server.factory.meeting({ status: 'in-session' });
    const a = await server.signIn('council_member');
    const b = await server.signIn('secretary');
    const alice = await connectClient(server.wsUrl, docNames.meeting(meeting.id), a.token);
    const bob = await connectClient(server.wsUrl, docNames.meeting(meeting.id), b.token);
    expect(alice.doc.getArray(MEETING_FIELDS.agenda).length).toBe(1);
    write(alice.doc, 'Rådet drøftede rammearkitekturen.');
    await waitFor(() => notesText(bob.doc).includes('rammearkitekturen'), 'bob sees alice');
    write(bob.doc, 'Sekretariatet følger op.');
    await waitFor(() => notesText(alice.doc).includes('følger op'), 'alice sees bob');
    alice.destroy();
    bob.destroy();
  });

  it('writes an acknowledged update to storage before the client hears it is synced', async () => {
    const meeting = await server.factory.meeting();
    const { token } = await server.signIn('chair');
    const client = await connectClient(server.wsUrl, docNames.meeting(meeting.id), token);
    write(client.doc, 'Gemt på disken.');
    await client.synced();
    expect(notesText(await stored(docNames.meeting(meeting.id)))).toContain('Gemt på disken.');
    client.destroy();
  });

  it("keeps a read-only client's edit from other clients and from storage", async () => {
    const meeting = await server.factory.meeting({ status: 'published' });
    const member = await server.signIn('council_member');
    const architect = await server.signIn('network_architect');
    const writer = await connectClient(server.wsUrl, docNames.meeting(meeting.id), member.token);
    const reader = await connectClient(server.wsUrl, docNames.meeting(meeting.id), architect.token);
    write(reader.doc, 'Forsøg fra en læser');
    write(writer.doc, 'Rådets tekst');
    await waitFor(() => notesText(reader.doc).includes('Rådets tekst'), 'reader receives the writer');
    await writer.synced();
    // Give the refused update every chance to arrive before asserting that it did not.
    await new Promise((r) => setTimeout(r, 200));
    expect(notesText(writer.doc)).not.toContain('Forsøg fra en læser');
    expect(notesText(await stored(docNames.meeting(meeting.id)))).not.toContain('Forsøg fra en læser');
    writer.destroy();
    reader.destroy();
  });

  it('closes the live connections of a session when it signs out', async () => {
    const meeting = await server.factory.meeting();
    const { token } = await server.signIn('council_member');
    const other = await server.signIn('council_member');
    const client = await connectClient(server.wsUrl, docNames.meeting(meeting.id), token);
    const bystander = await connectClient(server.wsUrl, docNames.meeting(meeting.id), other.token);
    const closed = new Promise<void>((resolve) => client.provider.on('close', () => resolve()));
    expect((await server.api('POST', '/api/auth/logout', { token })).status).toBe(204);
    await closed;
    // The signed-out client hears nothing more (its reconnection is refused); others go on.
    write(bystander.doc, 'Stadig forbundet');
    await bystander.synced();
    await new Promise((r) => setTimeout(r, 300));
    expect(notesText(client.doc)).not.toContain('Stadig forbundet');
    expect(notesText(await stored(docNames.meeting(meeting.id)))).toContain('Stadig forbundet');
    client.destroy();
    bystander.destroy();
    await expect(connectClient(server.wsUrl, docNames.meeting(meeting.id), token)).rejects.toThrow(
      /authentication failed/,
    );
  });

  it('refuses a connection without a valid token', async () => {
    const meeting = await server.factory.meeting();
    await expect(connectClient(server.wsUrl, docNames.meeting(meeting.id), 'not-a-token')).rejects.toThrow(
      /authentication failed/,
    );
  });

  it('refuses documents the reader may not read, and names that are no document', async () => {
    const draft = await server.factory.meeting({ status: 'draft' });
    const published = await server.factory.meeting({ status: 'published' });
    const closedGroup = await server.factory.group({ visibility: 'closed' });
    const { token } = await server.signIn('network_architect');
    for (const name of [
      docNames.meeting(draft.id),
      docNames.meetingClosed(published.id),
      docNames.group(closedGroup.id),
      'meeting:does-not-exist',
      'anything-else',
    ]) {
      await expect(connectClient(server.wsUrl, name, token), name).rejects.toThrow(/authentication failed/);
    }
  });

  it('gives group members an editable board and open-group readers a read-only one', async () => {
    const lead = await server.factory.person({ role: 'group_lead' });
    const group = await server.factory.group({ visibility: 'open', members: [{ personId: lead.id, role: 'lead' }] });
    const leadLogin = await server.api('POST', '/api/auth/login', {
      body: { email: lead.email, password: lead.password },
    });
    const outsider = await server.signIn('network_architect');
    const leadClient = await connectClient(server.wsUrl, docNames.group(group.id), leadLogin.body.token);
    const outsiderClient = await connectClient(server.wsUrl, docNames.group(group.id), outsider.token);
    const task = new Y.Map<unknown>();
    task.set('title', 'Kortlæg integrationer');
    leadClient.doc.getMap(GROUP_FIELDS.tasks).set('t1', task);
    await waitFor(() => outsiderClient.doc.getMap(GROUP_FIELDS.tasks).has('t1'), 'outsider sees the task');
    outsiderClient.doc.getMap(GROUP_FIELDS.tasks).delete('t1');
    await new Promise((r) => setTimeout(r, 200));
    expect(leadClient.doc.getMap(GROUP_FIELDS.tasks).has('t1')).toBe(true);
    leadClient.destroy();
    outsiderClient.destroy();
  });
});

/** A raw socket that authenticates and syncs like a provider, so that it can then misbehave. */
async function rawSocket(name: string, token: string): Promise<WebSocket> {
  const ws = new WebSocket(server.wsUrl);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const auth = encoding.createEncoder();
  encoding.writeVarString(auth, name);
  encoding.writeVarUint(auth, 2); // Auth
  encoding.writeVarUint(auth, 0); // token
  encoding.writeVarString(auth, token);
  ws.send(encoding.toUint8Array(auth));
  await new Promise((resolve) => ws.once('message', resolve)); // authenticated
  return ws;
}

function syncUpdateMessage(name: string, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, name);
  encoding.writeVarUint(e, 0); // Sync
  encoding.writeVarUint(e, 2); // update
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

const closed = (ws: WebSocket) =>
  new Promise<number>((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve(-1);
    ws.once('close', (code) => resolve(code));
  });

describe('bad input on /collab', () => {
  it('closes only the connection that sends a malformed Yjs update, and leaves the document as it was', async () => {
    const meeting = await server.factory.meeting();
    const name = docNames.meeting(meeting.id);
    const { token } = await server.signIn('council_member');
    const bystander = await connectClient(server.wsUrl, name, token);
    write(bystander.doc, 'Før');
    await bystander.synced();
    const before = Y.encodeStateVector(await stored(name));

    // A real update whose structs decode but whose delete set is cut short: Yjs would integrate
    // the structs and only then fail, leaving the document half changed.
    const donor = new Y.Doc();
    write(donor, 'Halvt');
    const full = Y.encodeStateAsUpdate(donor);
    expect(full.at(-1)).toBe(0); // an empty delete set
    const brokenDeleteSet = [1, 5, 3]; // one client, id 5, three ranges … and then nothing
    const attacker = await rawSocket(name, token);
    const attackerClosed = closed(attacker);
    attacker.send(syncUpdateMessage(name, new Uint8Array([...full.slice(0, -1), ...brokenDeleteSet])));
    attacker.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]));
    await attackerClosed;

    expect(Y.encodeStateVector(await stored(name))).toEqual(before);
    expect(notesText(bystander.doc)).not.toContain('Halvt');
    write(bystander.doc, 'Efter');
    await bystander.synced();
    expect(notesText(await stored(name))).toContain('Efter');
    bystander.destroy();
  });

  it('closes a connection whose message is over the size limit with 1009', async () => {
    const meeting = await server.factory.meeting();
    const name = docNames.meeting(meeting.id);
    const { token } = await server.signIn('council_member');
    const bystander = await connectClient(server.wsUrl, name, token);
    const attacker = await rawSocket(name, token);
    const code = closed(attacker);
    const huge = new Y.Doc();
    huge.getText('x').insert(0, 'x'.repeat(3 * 1024 * 1024));
    attacker.send(syncUpdateMessage(name, Y.encodeStateAsUpdate(huge)));
    expect(await code).toBe(1009);
    write(bystander.doc, 'Stadig her');
    await bystander.synced();
    expect(notesText(await stored(name))).toContain('Stadig her');
    bystander.destroy();
  });

  it('refuses a WebSocket upgrade from a foreign origin', async () => {
    const ws = new WebSocket(server.wsUrl, { headers: { origin: 'https://evil.example' } });
    const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(error.message).toContain('403');
  });

  it('says who is present itself: a read-only client cannot pose as the chair or flood the room with its state', async () => {
    const meeting = await server.factory.meeting({ status: 'published' });
    const name = docNames.meeting(meeting.id);
    const architect = await server.signIn('network_architect');
    const chair = await server.signIn('chair');
    const spoofer = await connectClient(server.wsUrl, name, architect.token);
    const watcher = await connectClient(server.wsUrl, name, chair.token);
    spoofer.provider.setAwarenessField('user', { id: chair.personId, name: 'Formand', color: '#ff0000' });
    await waitFor(
      () =>
        [...watcher.provider.awareness!.getStates().values()].some(
          (s) => (s as { user?: { id?: string } }).user?.id === architect.personId,
        ),
      'the spoofer’s state to arrive',
    );
    const seen = [...watcher.provider.awareness!.getStates().values()].map(
      (s) => (s as { user?: { id?: string; name?: string } }).user,
    );
    expect(seen).not.toContainEqual(expect.objectContaining({ name: 'Formand' }));
    expect(seen).toContainEqual(expect.objectContaining({ id: architect.personId, color: '#ff0000' }));

    spoofer.provider.setAwarenessField('junk', 'x'.repeat(100_000));
    await waitFor(
      () =>
        [...watcher.provider.awareness!.getStates().values()].every((s) => !('junk' in (s as object))) &&
        [...watcher.provider.awareness!.getStates().values()].some(
          (s) => (s as { user?: { id?: string } }).user?.id === architect.personId,
        ),
      'the oversized state to be cut to who it is',
    );
    await new Promise((r) => setTimeout(r, 200));
    const states = [...watcher.provider.awareness!.getStates().values()];
    expect(states.some((s) => 'junk' in (s as object))).toBe(false);
    for (const c of [spoofer, watcher]) c.destroy();
  });
});
