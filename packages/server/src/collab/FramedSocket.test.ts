import type { AddressInfo, Socket } from 'node:net';
import { COLLAB_CLOSE } from '@council/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { FramedSocket } from './FramedSocket.ts';

let server: WebSocketServer | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Two clients of a real ws server, with the server's side of each wrapped as Hocuspocus would get it. */
async function pair(maxBufferedBytes?: number): Promise<{
  framed: FramedSocket[];
  tooSlow: number[];
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
  const tooSlow: number[] = [];
  const framed = accepted.map((ws) => new FramedSocket(ws, maxBufferedBytes, (bytes) => tooSlow.push(bytes)));
  return { framed, tooSlow, received, raw: clients, accepted };
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
    // Compared as hex: toEqual walks typed arrays element by element, seconds for these sizes on a busy machine.
    const hex = (messages: Uint8Array[]) => messages.map((m) => Buffer.from(m).toString('hex'));
    for (const inbox of received) expect(hex(inbox)).toEqual(hex(sent));
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

  it('closes a reader that stopped reading once its backlog passes the limit, and leaves one that reads alone', async () => {
    const { framed, tooSlow, received, raw, accepted } = await pair(64 * 1024);
    const [stalled, reading] = raw as [WebSocket, WebSocket];
    const stalledSocket = (stalled as unknown as { _socket: Socket })._socket;
    stalledSocket.pause();
    const closed = new Promise<number>((resolve) => stalled.once('close', (code) => resolve(code)));
    // Broadcast as Hocuspocus would until the stalled reader is let go: the kernel's socket buffers
    // take several MB first, so the backlog in the server grows only after that.
    let sent = 0;
    for (; sent < 4000 && accepted[0]?.readyState === WebSocket.OPEN; sent++) {
      for (const socket of framed) socket.send(message(4096, sent));
      if (sent % 50 === 0) await until(() => (received[1]?.length ?? 0) === sent + 1); // the reader keeps up
    }
    expect(accepted[0]?.readyState).toBe(WebSocket.CLOSING);
    expect(tooSlow).toHaveLength(1);
    expect(tooSlow[0]).toBeGreaterThan(64 * 1024);
    expect(accepted[1]?.readyState).toBe(WebSocket.OPEN);
    // Once it reads again, it gets what was queued before the limit and then the reason.
    stalledSocket.resume();
    expect(await closed).toBe(COLLAB_CLOSE.tooSlow.code);
    await until(() => received[1]?.length === sent);
    expect(received[1]).toHaveLength(sent);
    reading.close();
  });

  it('lets a single message over the limit through to a reader, and what follows it', async () => {
    const { framed, tooSlow, received, raw, accepted } = await pair(64 * 1024);
    const large = message(1_000_000, 5);
    (framed[0] as FramedSocket).send(large);
    for (let i = 0; i < 20; i++) (framed[0] as FramedSocket).send(message(100, i));
    await until(() => received[0]?.length === 21);
    expect(Buffer.from(large).equals(received[0]?.[0] as Uint8Array)).toBe(true); // toEqual would take seconds
    expect(received[0]).toHaveLength(21);
    expect(tooSlow).toEqual([]);
    expect(accepted[0]?.readyState).toBe(WebSocket.OPEN);
    for (const client of raw) client.close();
  });
});
