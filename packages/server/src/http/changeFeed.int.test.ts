import { addTask, docNames } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, type TestServer, waitFor } from '../testing/server.ts';

/** GET /api/events tells signed-in browsers that their lists changed, and nothing more. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** An open event stream, with everything it has received so far as text. */
async function stream(token: string) {
  const controller = new AbortController();
  const res = await fetch(`${server.url}/api/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const received = { text: '', ended: false };
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received.text += decoder.decode(value);
      }
    } catch {
      // aborted by the test
    }
    received.ended = true;
  })();
  await waitFor(() => received.text.includes('retry:'), 'the stream to open');
  const changes = () => received.text.split('event: changed').length - 1;
  return { received, changes, close: () => controller.abort() };
}

describe('the change feed', () => {
  it('asks for a session', async () => {
    expect((await fetch(`${server.url}/api/events`)).status).toBe(401);
  });

  it('tells a lead at once that a volunteer came forward, and says nothing of who or what', async () => {
    const lead = await server.signIn('group_lead');
    const architect = await server.signIn('network_architect');
    const group = await server.factory.group({ members: [{ personId: lead.personId, role: 'lead' }] });
    const call = await server.api('POST', `/api/groups/${group.id}/calls`, {
      token: lead.token,
      body: { competencies: ['Geodata'], note: 'Hemmelig note om geodata' },
    });
    const feed = await stream(lead.token);
    const before = feed.changes();
    await server.api('POST', `/api/calls/${call.body.id}/volunteer`, {
      token: architect.token,
      body: { note: 'Jeg kan hjælpe' },
    });
    await waitFor(() => feed.changes() > before, 'a change event', 3000);
    expect(feed.received.text).not.toContain('Jeg kan hjælpe');
    expect(feed.received.text).not.toContain(architect.personId);
    feed.close();
  });

  it('says nothing after a refused write', async () => {
    const member = await server.signIn('council_member');
    const feed = await stream(member.token);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(1500); // past the projections the earlier tests set off
    const before = feed.changes();
    const res = await server.api('POST', '/api/meetings', { token: member.token, body: { title: '' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    await sleep(600);
    expect(feed.changes()).toBe(before);
    feed.close();
  });

  it('tells of a board changed over /collab, through its projection', async () => {
    const member = await server.signIn('group_member');
    const group = await server.factory.group({ members: [{ personId: member.personId, role: 'member' }] });
    const feed = await stream(member.token);
    const board = await connectClient(server.wsUrl, docNames.group(group.id), member.token);
    addTask(board.doc, 't-live', { title: 'Kortlæg støttesystemerne', status: 'todo' });
    await board.synced();
    await waitFor(() => feed.changes() > 0, 'a change event after the projection', 6000);
    board.destroy();
    feed.close();
  });

  it('ends with the session: signing out closes the stream', async () => {
    const observer = await server.signIn('observer');
    const feed = await stream(observer.token);
    expect((await server.api('POST', '/api/auth/logout', { token: observer.token })).status).toBe(204);
    await waitFor(() => feed.received.ended, 'the stream to end');
  });
});
