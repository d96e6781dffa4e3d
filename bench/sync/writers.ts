/**
 * Fan-out writers, in their own process: W real providers (HocuspocusProvider, or y-websocket's
 * WebsocketProvider for the reference server) on one meeting document. Each appends a paragraph to
 * an agenda item's notes, then types a marker into it `rate` times a second, as an editor would.
 * Markers carry their send time; every writer times the markers of the others as they arrive.
 *
 * IPC: {setup} → {connected}; then per round (a warm-up, then the measured run): {go: ms} → types
 * for that long, waits for the others' markers, → {report} of that round.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Histogram } from './histogram.ts';
import { sleep } from './proc.ts';
import { marker, nowMicros, scanMarkers, type Target } from './wire.ts';

export interface WritersSetup {
  target: Target;
  writers: number;
  rate: number;
  /**
   * Characters pasted after each marker and deleted again at the next one: a busy meeting's traffic
   * without a document that grows by it (deleted text leaves only its length behind). None unless set.
   */
  pad?: number;
}

export interface WritersReport {
  sent: number;
  received: number;
  expected: number;
  latency: number[];
}

interface Writer {
  doc: Y.Doc;
  text: Y.XmlText;
  /** The next marker's number; it runs on across rounds, so that a repeat is still told apart. */
  seq: number;
  /** Counted per round. */
  sent: number;
  received: number;
  lastSeq: Int32Array;
  destroy(): void;
}

async function connect(target: Target, index: number, writers: number, latency: Histogram): Promise<Writer> {
  const doc = new Y.Doc();
  const document = target.documents[0] as string;
  let destroy: () => void;
  const synced = new Promise<unknown>((resolve, reject) => {
    if (target.dialect === 'y-websocket') {
      const provider = new WebsocketProvider(target.url, document, doc, {
        WebSocketPolyfill: WebSocket as never,
        disableBc: true,
      });
      provider.once('sync', resolve);
      destroy = () => provider.destroy();
    } else {
      const socket = new HocuspocusProviderWebsocket({ url: target.url, WebSocketPolyfill: WebSocket });
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: document,
        document: doc,
        token: target.writerToken,
        onSynced: resolve,
        onAuthenticationFailed: ({ reason }) => reject(new Error(`writer refused: ${reason}`)),
      });
      provider.attach();
      destroy = () => {
        provider.destroy();
        socket.destroy();
      };
    }
  });
  const writer: Writer = {
    doc,
    text: new Y.XmlText(),
    seq: 0,
    sent: 0,
    received: 0,
    lastSeq: new Int32Array(writers).fill(-1),
    destroy: () => destroy(),
  };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === null || origin === undefined) return; // local typing
    const now = nowMicros();
    scanMarkers(Buffer.from(update.buffer, update.byteOffset, update.byteLength), (from, seq, sent) => {
      if (from === index) return;
      if (seq <= (writer.lastSeq[from] as number)) return; // a repeat, e.g. in a resync
      writer.lastSeq[from] = seq;
      writer.received += 1;
      latency.add(now - sent);
    });
  });
  await synced;
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [writer.text]);
  doc.getXmlFragment('notes:i1').push([paragraph]);
  return writer;
}

async function run(setup: WritersSetup): Promise<void> {
  const latency = new Histogram();
  const writers: Writer[] = [];
  for (let i = 0; i < setup.writers; i++) writers.push(await connect(setup.target, i, setup.writers, latency));
  process.send?.({ connected: true });
  process.on('message', (message: { go?: number }) => {
    if (message.go !== undefined) round(writers, setup.rate, message.go, latency, 'x'.repeat(setup.pad ?? 0));
  });
}

async function round(
  writers: Writer[],
  rate: number,
  durationMs: number,
  latency: Histogram,
  pad: string,
): Promise<void> {
  latency.clear();
  for (const writer of writers) {
    writer.sent = 0;
    writer.received = 0;
  }
  // Writers start spread over one interval, so that the server sees a steady stream.
  const interval = 1000 / rate;
  const end = performance.now() + durationMs;
  await Promise.all(
    writers.map(async (writer, index) => {
      await sleep((index * interval) / writers.length);
      let next = performance.now();
      while (performance.now() < end) {
        writer.doc.transact(() => {
          if (pad && writer.seq > 0) writer.text.delete(writer.text.length - pad.length, pad.length);
          writer.text.insert(writer.text.length, marker(index, writer.seq) + pad);
        });
        writer.seq += 1;
        writer.sent += 1;
        next += interval;
        await sleep(Math.max(0, next - performance.now()));
      }
    }),
  );
  const total = writers.reduce((sum, w) => sum + w.sent, 0);
  const expectedFor = (w: Writer) => total - w.sent;
  const drainEnd = performance.now() + 10_000;
  while (writers.some((w) => w.received < expectedFor(w)) && performance.now() < drainEnd) await sleep(20);
  const report: WritersReport = {
    sent: total,
    received: writers.reduce((sum, w) => sum + w.received, 0),
    expected: writers.reduce((sum, w) => sum + expectedFor(w), 0),
    latency: latency.counts,
  };
  process.send?.({ report });
}

process.once('message', (setup: WritersSetup) => {
  run(setup).catch((error) => {
    console.error(error);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
