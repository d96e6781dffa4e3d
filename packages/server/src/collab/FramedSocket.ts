import type { Socket } from 'node:net';
import { COLLAB_CLOSE } from '@council/shared';
import type { WebSocketLike } from '@hocuspocus/server';
import { WebSocket } from 'ws';

/** Above this, a message goes through `ws` unchanged: copying it into a frame would cost more than framing saves. */
const FRAME_ONCE_MAX_BYTES = 16 * 1024;

/** RFC 6455 §5.2: a final, unmasked binary frame (server frames are never masked). */
function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x82; // FIN + binary opcode
  if (length < 126) frame[1] = length;
  else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(payload, headerLength);
  return frame;
}

/**
 * A reader who is told to go for falling behind, but does not read its close frame either, is cut off
 * after this long rather than after ws's 30 s closing handshake: what waits for it is held until then.
 */
const SLOW_READER_CUT_OFF_MS = 5000;

/** The last message framed, while the synchronous broadcast loop that sends it to every connection runs. */
let lastMessage: Uint8Array | null = null;
let lastFrame: Buffer | null = null;
const forget = () => {
  lastMessage = null;
  lastFrame = null;
};

function frameOnce(message: Uint8Array): Buffer {
  if (message !== lastMessage) {
    if (lastMessage === null) queueMicrotask(forget);
    lastMessage = message;
    lastFrame = binaryFrame(message);
  }
  return lastFrame as Buffer;
}

/**
 * What Hocuspocus writes to for one /collab connection. Hocuspocus broadcasts an update by handing
 * the same encoded message to every connection of the document in one loop; a server frame is the
 * same bytes for every recipient, so it is framed once and each connection gets one socket write.
 * Through `ws`, every recipient costs a new frame header and a two-buffer write; at one update
 * delivered to a hundred connections, that difference is most of the server's JavaScript time per
 * delivery (bench/sync, fan-out).
 *
 * Writing to the socket directly keeps the frame order `ws` would: without compression (the
 * WebSocketServer is created without permessage-deflate) and without Blobs, `ws` writes every frame
 * to the socket synchronously, as this does. `ws` keeps the socket as `_socket`; it has no public
 * accessor, so a `ws` without one gets every message through `ws.send` (FramedSocket.test.ts checks
 * that the pinned `ws` has it).
 *
 * It also bounds what waits for a client that has stopped reading. Hocuspocus queues every broadcast
 * for every connection until its ping timeout; a reader that stalls on a busy document would hold all
 * of it. Once more than `maxBufferedBytes` waits to be sent, the connection is closed with
 * COLLAB_CLOSE.tooSlow (the provider reconnects and resyncs from its state vector, losing nothing).
 * A single message larger than the limit (the first sync of a large document) is allowed while it
 * is on its way, so a large document can still be opened over a slow line.
 */
export class FramedSocket implements WebSocketLike {
  private readonly socket: Socket | null;
  /** Bytes of messages over the limit that are still on their way: not counted against it. */
  private largeInFlight = 0;

  constructor(
    private readonly ws: WebSocket,
    private readonly maxBufferedBytes = Number.POSITIVE_INFINITY,
    private readonly onTooSlow: (bufferedBytes: number) => void = () => {},
  ) {
    const socket = (ws as unknown as { _socket?: Socket })._socket;
    this.socket = typeof socket?.write === 'function' ? socket : null;
  }

  get readyState(): number {
    return this.ws.readyState;
  }

  send(data: Parameters<WebSocketLike['send']>[0]): void {
    if (this.ws.readyState === WebSocket.OPEN && this.ws.bufferedAmount - this.largeInFlight > this.maxBufferedBytes) {
      this.closeTooSlow();
      return;
    }
    if (data instanceof Uint8Array && data.length > this.maxBufferedBytes) {
      const length = data.length;
      this.largeInFlight += length;
      this.ws.send(data, () => {
        this.largeInFlight -= length;
      });
      return;
    }
    if (
      !this.socket ||
      !(data instanceof Uint8Array) ||
      data.length > FRAME_ONCE_MAX_BYTES ||
      this.ws.readyState !== WebSocket.OPEN
    ) {
      this.ws.send(data);
      return;
    }
    this.socket.write(frameOnce(data));
  }

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }

  private closeTooSlow(): void {
    this.onTooSlow(this.ws.bufferedAmount);
    this.ws.close(COLLAB_CLOSE.tooSlow.code, COLLAB_CLOSE.tooSlow.reason);
    const ws = this.ws;
    setTimeout(() => ws.terminate(), SLOW_READER_CUT_OFF_MS).unref();
  }
}
