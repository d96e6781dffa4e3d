import type { Socket } from 'node:net';
import { COLLAB_CLOSE, docNames } from '@council/shared';
import type { onCloseParameters } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { notesText, write } from '../testing/notes.ts';
import { connectClient, startTestServer, type TestClient, type TestServer, waitFor } from '../testing/server.ts';

/** A reader that stops reading is let go once 64 KB (here) wait for it, and resyncs when it reads again. */
let server: TestServer;
let token: string;
beforeAll(async () => {
  // The document may grow past the default cap here: filling the kernel's socket buffers takes MBs.
  server = await startTestServer(undefined, null, {
    COUNCIL_MAX_SEND_BUFFER_KB: '64',
    COUNCIL_MAX_DOCUMENT_KB: '65536',
  });
  token = (await server.signIn('secretary')).token;
});
afterAll(() => server.stop());

/** The TCP socket under a provider's WebSocket: pausing it is a client that has stopped reading. */
const tcpSocket = (client: TestClient) =>
  (client.socket.webSocket as unknown as WebSocket & { _socket: Socket })._socket;

describe('readers that stop reading', () => {
  it('are closed as too slow, not queued for without bound, and catch up on every change when they read again', async () => {
    const meeting = await server.factory.meeting();
    const name = docNames.meeting(meeting.id);
    const writer = await connectClient(server.wsUrl, name, token);
    const stalled = await connectClient(server.wsUrl, name, token);
    const closes: number[] = [];
    stalled.socket.on('close', ({ event }: onCloseParameters) => closes.push(event.code));
    const connections = () => server.council.hocuspocus.getConnectionsCount();
    expect(connections()).toBe(2);

    tcpSocket(stalled).pause();
    write(writer.doc, 'Skrevet mens den ene ikke læste.');
    // The kernel's socket buffers take several MB on loopback first; only then does the server's
    // queue for the stalled reader grow.
    for (let i = 0; i < 800 && connections() === 2; i++) {
      write(writer.doc, `${i}:${'x'.repeat(50_000)}`);
      await writer.synced();
    }
    await waitFor(() => connections() === 1, 'the server to let the stalled reader go');
    expect(closes).toEqual([]); // it has read nothing yet, not even the close

    tcpSocket(stalled).resume();
    await waitFor(() => closes.includes(COLLAB_CLOSE.tooSlow.code), 'the reader to be told why', 10_000);
    await waitFor(() => connections() === 2, 'the provider to reconnect', 10_000);
    write(writer.doc, 'Skrevet efter.');
    await waitFor(
      () =>
        notesText(stalled.doc).includes('Skrevet mens den ene ikke læste.') &&
        notesText(stalled.doc).includes('Skrevet efter.'),
      'the reader to have both notes',
    );
    writer.destroy();
    stalled.destroy();
  });
});
