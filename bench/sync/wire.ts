/**
 * A light collaboration client for load generation: it speaks just enough of the Hocuspocus and
 * y-websocket protocols to authenticate, complete the sync handshake, send awareness and raw
 * updates, and see acknowledgements. It never applies Yjs: incoming frames are only scanned for the
 * writers' markers, so that thousands of viewers cost the generator little (see bench/README.md).
 */
import { MessageType } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';

export type Dialect = 'hocuspocus' | 'y-websocket';

/** A running server as the clients see it. */
export interface Target {
  name: string;
  dialect: Dialect;
  /** ws:// address; y-websocket clients append `/<document>`. */
  url: string;
  /** Bearer token for writers (may edit) and for viewers (may read), where the server asks for one. */
  writerToken: string;
  viewerToken: string;
  documents: string[];
}

// Both dialects share Hocuspocus's first two message types (Sync, Awareness); y-websocket has no others.
const { Sync: SYNC, Awareness: AWARENESS, Auth: AUTH, SyncReply: SYNC_REPLY, SyncStatus: SYNC_STATUS } = MessageType;
// Hocuspocus's auth message kinds (@hocuspocus/common, not a dependency here).
const AUTH_TOKEN = 0;
const AUTH_DENIED = 1;
const PROVIDER_VERSION = '4.8.0';

/** Writers type markers `<<bm:writer:seq:microseconds>>`; hrtime is one monotonic clock for all processes. */
export const nowMicros = () => Number(process.hrtime.bigint() / 1000n);
export const marker = (writer: number, seq: number) => `<<bm:${writer}:${seq}:${nowMicros()}>>`;
const MARKER_START = Buffer.from('<<bm:');

/** Calls `found` for every marker in a frame. */
export function scanMarkers(frame: Buffer, found: (writer: number, seq: number, sentMicros: number) => void): void {
  let at = frame.indexOf(MARKER_START);
  while (at !== -1) {
    const end = frame.indexOf('>>', at);
    if (end === -1) return;
    const [writer, seq, sent] = frame
      .toString('latin1', at + MARKER_START.length, end)
      .split(':')
      .map(Number);
    if (writer !== undefined && seq !== undefined && sent !== undefined) found(writer, seq, sent);
    at = frame.indexOf(MARKER_START, end);
  }
}

export class LightClient {
  readonly ws: WebSocket;
  private syncedResolve?: () => void;
  private failed?: (error: Error) => void;
  /** Acknowledgements (Hocuspocus SyncStatus) received: true applied, false refused. */
  onAck?: (applied: boolean) => void;
  onFrame?: (frame: Buffer) => void;

  constructor(
    private readonly target: Target,
    private readonly document: string,
    private readonly token: string,
  ) {
    const url = target.dialect === 'y-websocket' ? `${target.url}/${document}` : target.url;
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('message', (data: Buffer) => this.receive(data));
    this.ws.on('error', (error) => this.failed?.(error));
    this.ws.on('close', (code) => this.failed?.(new Error(`closed with ${code} before sync`)));
  }

  /** Resolves once the server has answered the sync handshake. */
  connect(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sync within ${timeoutMs} ms`)), timeoutMs);
      this.syncedResolve = () => {
        clearTimeout(timer);
        this.failed = undefined;
        resolve();
      };
      this.failed = (error) => {
        clearTimeout(timer);
        reject(error);
      };
      const start = () => {
        if (this.target.dialect === 'hocuspocus') {
          this.send(AUTH, (e) => {
            encoding.writeVarUint(e, AUTH_TOKEN);
            encoding.writeVarString(e, this.token);
            encoding.writeVarString(e, PROVIDER_VERSION);
          });
        }
        this.send(SYNC, (e) => {
          encoding.writeVarUint(e, messageYjsSyncStep1);
          encoding.writeVarUint8Array(e, new Uint8Array([0])); // the empty state vector
        });
      };
      if (this.ws.readyState === WebSocket.OPEN) start();
      else this.ws.once('open', start);
    });
  }

  /** Sends a Yjs update as a sync update message. */
  sendUpdate(update: Uint8Array): void {
    this.send(SYNC, (e) => {
      encoding.writeVarUint(e, messageYjsUpdate);
      encoding.writeVarUint8Array(e, update);
    });
  }

  /** Sends this client's awareness state (one client id, as y-protocols encodes it). */
  sendAwareness(clientId: number, clock: number, state: unknown): void {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
    this.send(AWARENESS, (e) => encoding.writeVarUint8Array(e, encoding.toUint8Array(update)));
  }

  close(): void {
    this.failed = undefined;
    this.ws.terminate();
  }

  private send(type: number, body: (e: encoding.Encoder) => void): void {
    const e = encoding.createEncoder();
    if (this.target.dialect === 'hocuspocus') encoding.writeVarString(e, this.document);
    encoding.writeVarUint(e, type);
    body(e);
    this.ws.send(encoding.toUint8Array(e));
  }

  private receive(frame: Buffer): void {
    this.onFrame?.(frame);
    if (!this.syncedResolve && !this.onAck) return;
    const d = decoding.createDecoder(frame);
    if (this.target.dialect === 'hocuspocus') decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    if ((type === SYNC || type === SYNC_REPLY) && decoding.readVarUint(d) === messageYjsSyncStep2) {
      const resolve = this.syncedResolve;
      this.syncedResolve = undefined;
      resolve?.();
    } else if (type === SYNC_STATUS) {
      this.onAck?.(decoding.readVarUint(d) === 1);
    } else if (type === AUTH && decoding.readVarUint(d) === AUTH_DENIED) {
      this.failed?.(new Error(`permission denied: ${decoding.readVarString(d)}`));
    }
  }
}
