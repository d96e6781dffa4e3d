import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { FramedSocket } from './FramedSocket.ts';

let server: WebSocketServer | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Two clients of a real ws server, with the server's side of each wrapped as Hocuspocus would get it. */
async function pair(): Promise<{
  framed: FramedSocket[];
  received: Uint8Array[][];
  raw: WebSocket[];
  accepted: WebSocket[];
}> {
  const listening = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  server = listening;
  await new Promise((resolve) => listening.once('listening', resolve));
  const accepted: WebSocket[] = [];
  listening.on('connection', (ws) => accepted.push(ws));
  const url = `ws://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  const received: Uint8Array[][] = [[], []];
  const clients = await Promise.all(
    received.map(
      (inbox) =>
        new Promise<WebSocket>((resolve) => {
          const client = new WebSocket(url);
          client.on('message', (data: Buffer) => inbox.push(new Uint8Array(data)));
          client.on('open', () => resolve(client));
        }),
    ),
  );
  while (accepted.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
  return { framed: accepted.map((ws) => new FramedSocket(ws)), received, raw: clients, accepted };
}

const message = (length: number, seed: number) => new Uint8Array(length).map((_, i) => (i * 31 + seed) % 256);
const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('FramedSocket', () => {
  it('delivers every length intact, through each frame header size, to every connection it is broadcast to', async () => {
    const { framed, received, raw } = await pair();
    // 125, 126 and 65,536 bytes are where the length field changes size; above 16 KB ws frames it.
    const sent = [0, 1, 125, 126, 127, 4096, 16 * 1024, 16 * 1024 + 1, 65_535, 65_536, 200_000].map(message);
    for (const m of sent) for (const socket of framed) socket.send(m); // one message to all, as a broadcast
    await until(() => received.every((inbox) => inbox.length === sent.length));
    for (const inbox of received) expect(inbox).toEqual(sent);
    for (const client of raw) client.close();
  });

  it('writes small messages to the socket itself with the pinned ws, and large ones through ws', async () => {
    const { framed, received, raw, accepted } = await pair();
    const sends = vi.spyOn(accepted[0] as WebSocket, 'send');
    (framed[0] as FramedSocket).send(message(100, 3));
    expect(sends).not.toHaveBeenCalled(); // ws's socket field is there: the frame went straight to it
    (framed[0] as FramedSocket).send(message(20_000, 4));
    expect(sends).toHaveBeenCalledTimes(1);
    await until(() => received[0]?.length === 2);
    expect(received[0]).toEqual([message(100, 3), message(20_000, 4)]);
    for (const client of raw) client.close();
  });

  it('does not send an earlier frame again for a new message of the same length', async () => {
    const { framed, received, raw } = await pair();
    const first = message(50, 1);
    const second = message(50, 2);
    (framed[0] as FramedSocket).send(first);
    (framed[0] as FramedSocket).send(second);
    (framed[1] as FramedSocket).send(second);
    await until(() => received[0]?.length === 2 && received[1]?.length === 1);
    expect(received).toEqual([[first, second], [second]]);
    for (const client of raw) client.close();
  });
});
