/**
 * Document open: time from connecting to synced, for meeting documents of about 100 KB and 1 MB
 * built by editor-like operations. Cold: the document is loaded from SQLite (Council: a state plus
 * an update log; Hocuspocus: its Database extension's one stored state). Warm: another client holds
 * it open. Reopen: Council, within its grace period after the last client left.
 * The light client does not apply the state it receives, so the figure is the server's work plus
 * the transfer; applying it costs every client the same, whichever server sent it.
 */

import { openDatabase, SqliteDocumentStore } from '@council/server/bench';
import { seeded } from '@council/server/fuzz';
import BetterSqlite3 from 'better-sqlite3';
import * as Y from 'yjs';
import { launchServer, type RunningServer, removeData, stopServer } from './launch.ts';
import { sleep } from './proc.ts';
import { fixed, table } from './results.ts';
import type { ServerKind } from './server.ts';
import { LightClient, type Target } from './wire.ts';

export interface OpenResult {
  server: string;
  size: string;
  stateKb: number;
  operations: number;
  mode: 'cold' | 'warm' | 'reopen';
  p50: number;
  p95: number;
  samples: number;
  /** Every sample, in ms, so that trials can be pooled. */
  times: number[];
}

const WORDS = 'rådet drøftede rammearkitektur gevinster indikatorer kommunerne fælles løsninger sikkerhed data'.split(
  ' ',
);

/**
 * A meeting's notes typed as an editor types them: runs of a few characters at the caret or
 * elsewhere in a paragraph, some deletions, new paragraphs and agenda items. Returns every update,
 * in order, and the number of operations.
 */
export function buildDocument(targetBytes: number): { updates: Uint8Array[]; operations: number; state: Uint8Array } {
  const rand = seeded(targetBytes).next; // every run builds the same documents
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  let item = 0;
  let paragraph: Y.XmlText | null = null;
  let operations = 0;
  for (;;) {
    if (!paragraph || rand() < 0.02) {
      if (rand() < 0.05) item += 1;
      const element = new Y.XmlElement('paragraph');
      paragraph = new Y.XmlText();
      element.insert(0, [paragraph]);
      doc.getXmlFragment(`notes:i${item}`).push([element]);
    }
    const length = paragraph.length;
    if (length > 10 && rand() < 0.1) {
      const at = Math.floor(rand() * (length - 5));
      paragraph.delete(at, 1 + Math.floor(rand() * 5));
    } else {
      const word = WORDS[Math.floor(rand() * WORDS.length)] as string;
      const at = rand() < 0.8 ? length : Math.floor(rand() * length);
      paragraph.insert(at, `${word.slice(0, 1 + Math.floor(rand() * word.length))} `);
    }
    operations += 1;
    if (operations % 2000 === 0 && Y.encodeStateAsUpdate(doc).length >= targetBytes) break;
  }
  return { updates, operations, state: Y.encodeStateAsUpdate(doc) };
}

/**
 * Warm and reopen samples both wait this long before each open: reopen must, for the last client
 * to have left, and a server that idled for 100 ms answers slower than one opened back to back (cold
 * caches), so warm waits too, or the comparison would favour warm.
 */
const PAUSE_MS = 100;

async function pausedOpens(target: Target, document: string, samples: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    await sleep(PAUSE_MS);
    times.push(await timeOpen(target, document));
  }
  return times;
}

async function timeOpen(target: Target, document: string): Promise<number> {
  const client = new LightClient(target, document, target.viewerToken);
  const started = performance.now();
  await client.connect(60_000);
  const elapsed = performance.now() - started;
  client.close();
  return elapsed;
}

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

/** Writes the document under every name the server serves, in the server's own storage. */
function store(server: RunningServer, kind: ServerKind, built: ReturnType<typeof buildDocument>, logTail: number) {
  if (kind === 'hocuspocus-db') {
    const db = new BetterSqlite3(`${server.dataDir}/hocuspocus.sqlite`);
    const write = db.prepare('INSERT OR REPLACE INTO documents (name, data) VALUES (?, ?)');
    db.transaction(() => {
      for (const name of server.target.documents) write.run(name, built.state);
    })();
    db.close();
    return;
  }
  // Council: the state before the last `logTail` updates, and those updates in the log.
  const head = new Y.Doc();
  for (const update of built.updates.slice(0, built.updates.length - logTail)) Y.applyUpdate(head, update);
  const state = Y.encodeStateAsUpdate(head);
  const db = openDatabase(`${server.dataDir}/council.sqlite`);
  const documents = new SqliteDocumentStore(db);
  for (const name of server.target.documents) {
    db.prepare('DELETE FROM document_updates WHERE name = ?').run(name);
    documents.compact(name, state, 0);
    for (const update of built.updates.slice(built.updates.length - logTail)) documents.appendUpdate(name, update);
  }
  db.close();
}

export async function openBenchmark(
  kind: ServerKind,
  label: string,
  size: string,
  built: ReturnType<typeof buildDocument>,
  samples: number,
  logTail = 0,
): Promise<OpenResult[]> {
  const persistent = kind === 'council' || kind === 'hocuspocus-db';
  // One warm-up document, one per cold sample, one for warm and reopen.
  const documents = samples + 2;
  const setup = await launchServer(kind, documents);
  if (persistent) {
    await stopServer(setup, 'SIGTERM');
    store(setup, kind, built, logTail);
  }
  const server = persistent ? await launchServer(kind, documents, setup.dataDir) : setup;
  const { target } = server;
  const names = target.documents;
  const results: OpenResult[] = [];
  const result = (mode: OpenResult['mode'], times: number[]): OpenResult => ({
    server: label,
    size,
    stateKb: built.state.length / 1024,
    operations: built.operations,
    mode,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    samples: times.length,
    times,
  });
  try {
    const shared = names[names.length - 1] as string;
    if (!persistent) {
      // In-memory servers start empty: a first client uploads the document and stays as its holder.
      const uploader = new LightClient(target, shared, target.writerToken);
      await uploader.connect();
      uploader.sendUpdate(built.state);
      await sleep(2000);
    }
    await timeOpen(target, names[0] as string); // warm up the server's code, not a sample
    if (persistent) {
      const cold: number[] = [];
      for (let i = 1; i <= samples; i++) cold.push(await timeOpen(target, names[i] as string));
      results.push(result('cold', cold));
    }
    const holder = new LightClient(target, shared, target.viewerToken);
    await holder.connect(60_000);
    results.push(result('warm', await pausedOpens(target, shared, samples)));
    holder.close();
    // Reopen: the last client has left; the grace period keeps the document.
    if (kind === 'council') results.push(result('reopen', await pausedOpens(target, shared, samples)));
    return results;
  } finally {
    await stopServer(server);
    removeData(server);
  }
}

/** One row per server, size and mode, over the samples of every trial. */
export function pooled(results: OpenResult[]): OpenResult[] {
  const rows = new Map<string, OpenResult>();
  for (const r of results) {
    const key = `${r.server}|${r.size}|${r.mode}`;
    const times = [...(rows.get(key)?.times ?? []), ...r.times];
    rows.set(key, { ...r, times, samples: times.length, p50: percentile(times, 50), p95: percentile(times, 95) });
  }
  return [...rows.values()];
}

export function openTable(results: OpenResult[]): string {
  return table(
    ['server', 'document', 'open', 'p50 ms', 'p95 ms', 'samples'],
    results.map((r) => [
      r.server,
      `${r.size} (${fixed(r.stateKb, 0)} KB state, ${r.operations} operations)`,
      r.mode,
      fixed(r.p50),
      fixed(r.p95),
      r.samples,
    ]),
  );
}
