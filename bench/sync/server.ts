/**
 * One server under test, in its own process: `server.ts <kind> <dataDir> <documents>`. It answers
 * on IPC with the Target its clients need, then runs until killed. Kinds:
 * - council: Council as shipped (SQLite, durable update log, auth, policy, projections);
 * - council-nolog: the same without the durable log, to measure what the log costs;
 * - hocuspocus: bare Hocuspocus 4.7, in memory, no extensions;
 * - hocuspocus-db: Hocuspocus 4.7 with its Database extension on SQLite, 2 s debounce;
 * - y-websocket: the Yjs reference server, @y/websocket-server 0.1.1, in memory.
 * Council's first start in a data directory creates its people and meetings and remembers them in
 * setup.json, so that a restart after SIGKILL serves the same documents.
 * bench/papers asks Council about meeting papers too (`paperMessages` below).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { configFromEnv, createCouncilServer, Factory, queueBenchMail } from '@council/server/bench';
import { docNames } from '@council/shared';
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import { setupWSConnection } from '@y/websocket-server/utils';
import BetterSqlite3 from 'better-sqlite3';
import { WebSocketServer } from 'ws';
import type { Target } from './wire.ts';

export type ServerKind = 'council' | 'council-nolog' | 'hocuspocus' | 'hocuspocus-db' | 'y-websocket';

const [kind, dataDir, documentCount] = process.argv.slice(2) as [ServerKind, string, string];
const documents = Number(documentCount);
const plainNames = Array.from({ length: documents }, (_, i) => `meeting:bench-${i}`);

/** Council's pending stores and projections, run on request so that the fuzzer compares quiet storage. */
let settle = async () => {};
/** Council writes this many mails to send (bench/notify: fan-out while mail goes out). */
let queueMail = (_count: number) => {};
/** Council's answers about meeting papers (bench/papers); other servers have none. */
let papers = async (_message: PapersMessage) => {};

async function startCouncil(durableLog: boolean): Promise<Target> {
  const council = createCouncilServer(
    {
      // The grace period and its budget can be set from outside, to see what they cost (bench/README.md).
      ...configFromEnv({
        LOG_LEVEL: 'silent',
        COUNCIL_DOCUMENT_GRACE_MS: process.env.COUNCIL_DOCUMENT_GRACE_MS,
        COUNCIL_DOCUMENT_GRACE_MB: process.env.COUNCIL_DOCUMENT_GRACE_MB,
        COUNCIL_MAX_SEND_BUFFER_KB: process.env.COUNCIL_MAX_SEND_BUFFER_KB,
        COUNCIL_SMTP_URL: process.env.COUNCIL_SMTP_URL,
        COUNCIL_MAX_PAPER_MB: process.env.COUNCIL_MAX_PAPER_MB,
        COUNCIL_MAX_MEETING_PAPERS_MB: process.env.COUNCIL_MAX_MEETING_PAPERS_MB,
      }),
      databaseFile: path.join(dataDir, 'council.sqlite'),
      webDist: null,
      seedDemo: false,
    },
    { durableLog },
  );
  const port = await council.listen(0);
  settle = () => council.settle();
  queueMail = (count) => queueBenchMail(council, count);
  papers = paperMessages(council, port);
  const setupFile = path.join(dataDir, 'setup.json');
  if (!fs.existsSync(setupFile)) {
    const factory = new Factory(council.db);
    const login = async (role: 'chair' | 'network_architect') => {
      const person = await factory.person({ role });
      const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: person.email, password: person.password }),
      });
      return ((await response.json()) as { token: string }).token;
    };
    const names: string[] = [];
    for (let i = 0; i < documents; i++) names.push(docNames.meeting((await factory.meeting()).id));
    // Writers are the chair (may edit an in-session meeting); viewers are network architects, read-only.
    const setup = { writerToken: await login('chair'), viewerToken: await login('network_architect'), names };
    fs.writeFileSync(setupFile, JSON.stringify(setup));
  }
  const setup = JSON.parse(fs.readFileSync(setupFile, 'utf8'));
  return {
    name: kind,
    dialect: 'hocuspocus',
    url: `ws://127.0.0.1:${port}/collab`,
    writerToken: setup.writerToken,
    viewerToken: setup.viewerToken,
    documents: setup.names,
  };
}

interface PapersMessage {
  paperTarget?: boolean;
  storePaper?: { file: string; name: string; watchLoop?: boolean };
  papersIdle?: boolean;
}

/**
 * bench/papers. `paperTarget`: where a chair may upload papers over HTTP (a meeting of their own,
 * in session, item i1, made at the first ask so that other benchmarks' servers are as they were).
 * `storePaper`: stores a file on disk as a paper there through the papers service, as the upload
 * route does, and answers twice: `paperStored` once it is stored (its text then being read), and
 * `paperRead` once the extraction worker is done and the text indexed, with every time the event
 * loop stalled for 50 ms or more meanwhile if asked to watch it (when, from the start of the upload,
 * and how long; the watching wakes the loop every 5 ms, so the fan-out runs without it).
 * `papersIdle`: answers once every paper's text is read and indexed.
 */
function paperMessages(council: ReturnType<typeof createCouncilServer>, port: number) {
  let target: ReturnType<typeof makeTarget> | undefined;
  async function makeTarget() {
    const factory = new Factory(council.db);
    const person = await factory.person({ role: 'chair' });
    const meeting = await factory.meeting();
    const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    const { token } = (await response.json()) as { token: string };
    const actor = { id: person.id, role: person.role, groups: {} };
    return { url: `http://127.0.0.1:${port}`, token, meetingId: meeting.id, itemId: 'i1', actor };
  }
  const read = async () => {
    await council.extractor.idle();
    await council.outbox.drain();
    await council.outbox.drain(); // one begun before the extraction's entry was written misses it
  };
  return async (message: PapersMessage) => {
    if (message.paperTarget) {
      target ??= makeTarget();
      const { actor: _, ...where } = await target;
      process.send?.({ paperTarget: where });
    }
    if (message.storePaper) {
      target ??= makeTarget();
      const { actor, meetingId, itemId } = await target;
      const start = performance.now();
      const stalls: [number, number][] = [];
      let last = start;
      const watch = message.storePaper.watchLoop
        ? setInterval(() => {
            const now = performance.now();
            if (now - last >= 55 && stalls.length < 100)
              stalls.push([Math.round(last - start), Math.round(now - last - 5)]);
            last = now;
          }, 5)
        : undefined;
      let paper: Awaited<ReturnType<typeof council.papers.upload>>;
      let stored: number;
      let extracted: number;
      let indexed: number;
      try {
        const stream = fs.createReadStream(message.storePaper.file);
        paper = await council.papers.upload(actor, meetingId, itemId, stream, { name: message.storePaper.name });
        stored = performance.now();
        process.send?.({ paperStored: { id: paper.id, size: paper.current.size, ms: stored - start } });
        await council.extractor.idle();
        extracted = performance.now();
        await read();
        indexed = performance.now();
        // A stall at the very end is seen by the next tick only, after the promises above resolve.
        if (watch) await new Promise((resolve) => setTimeout(resolve, 20));
      } finally {
        clearInterval(watch);
      }
      const version = council.papers.repo.byId(paper.id)?.current;
      const failed = council.db
        .prepare<[string], { error: string | null }>(
          'SELECT extraction_error AS error FROM paper_versions WHERE paper_id = ? AND version = 1',
        )
        .get(paper.id);
      process.send?.({
        paperRead: {
          extraction: version?.extraction,
          error: failed?.error ?? null,
          pages: version?.pages,
          readMs: extracted - stored,
          indexMs: indexed - extracted,
          stalls,
        },
      });
    }
    if (message.papersIdle) {
      await read();
      process.send?.({ papersIdle: true });
    }
  };
}

async function startHocuspocus(withDatabase: boolean): Promise<Target> {
  const extensions = [];
  if (withDatabase) {
    const db = new BetterSqlite3(path.join(dataDir, 'hocuspocus.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL)');
    const read = db.prepare<[string], { data: Buffer }>('SELECT data FROM documents WHERE name = ?');
    const write = db.prepare(
      'INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data',
    );
    extensions.push(
      new Database({
        fetch: async ({ documentName }) => read.get(documentName)?.data ?? null,
        store: async ({ documentName, state }) => {
          write.run(documentName, state);
        },
      }),
    );
  }
  const server = new Server({ address: '127.0.0.1', port: 0, quiet: true, stopOnSignals: false, extensions });
  await server.listen(0);
  return {
    name: kind,
    dialect: 'hocuspocus',
    url: `ws://127.0.0.1:${server.address.port}`,
    writerToken: '',
    viewerToken: '',
    documents: plainNames,
  };
}

async function startYWebsocket(): Promise<Target> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => setupWSConnection(ws, req));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    name: kind,
    dialect: 'y-websocket',
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    writerToken: '',
    viewerToken: '',
    documents: plainNames,
  };
}

const starters: Record<ServerKind, () => Promise<Target>> = {
  council: () => startCouncil(true),
  'council-nolog': () => startCouncil(false),
  hocuspocus: () => startHocuspocus(false),
  'hocuspocus-db': () => startHocuspocus(true),
  'y-websocket': startYWebsocket,
};

process.send?.({ ready: await starters[kind]() });
process.on('message', async (message: { gc?: boolean; settle?: boolean; mail?: number } & PapersMessage) => {
  if (message.mail) queueMail(message.mail);
  papers(message).catch((error: Error) => process.send?.({ paperError: error.message }));
  // Memory is measured after a full collection, so that garbage left by setup does not count.
  if (message.gc) {
    globalThis.gc?.();
    process.send?.({ collected: true });
  }
  if (message.settle) {
    await settle();
    process.send?.({ settled: true });
  }
});
// The parent's death ends this process too, so an interrupted benchmark leaves no server behind.
process.on('disconnect', () => process.exit(0));
// An orderly exit, so that a profiled server (BENCH_PROFILE_DIR) writes its profile.
process.on('SIGTERM', () => process.exit(0));
