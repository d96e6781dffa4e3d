/**
 * Bounded fuzzing of the two ways in: /collab frames and the REST routes. Used by the test suite
 * (a few hundred cases) and by `pnpm bench:sync --only fuzz` (many more). Every case is seeded, so a
 * failure names a seed and case that reproduce it.
 */
import { createHash } from 'node:crypto';
import { MEETING_FIELDS } from '@council/shared';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Db } from '../db/connection.ts';
import { connectClient, waitFor } from './server.ts';

export interface FuzzReport {
  cases: number;
  /** Times the server stopped answering /api/health. */
  crashes: number;
  serverErrors: number;
  /** Honest clients that stopped seeing each other's edits, or saw different documents, or data changed by a refused request. */
  corruptions: number;
  failures: string[];
  /** REST: how many answers had each status, to show the cases got past authentication and validation. */
  statuses?: Record<number, number>;
}

/** A small seeded generator (mulberry32). */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]) => list[int(list.length)] as T;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  return { next, int, pick, bytes };
}
type Random = ReturnType<typeof seeded>;

/** Hocuspocus frames: the document name, the message type, then the body. */
export function frame(document: string, type: number, body: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, document);
  encoding.writeVarUint(e, type);
  body(e);
  return encoding.toUint8Array(e);
}
export const authMessage = (document: string, token: string) =>
  frame(document, 2, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
  });
export const syncUpdateMessage = (document: string, update: Uint8Array) =>
  frame(document, 0, (e) => {
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });
export const syncStep1 = (document: string) =>
  frame(document, 0, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, new Uint8Array([0]));
  });
export const awarenessMessage = (document: string, clientId: number, clock: number, state: string) =>
  frame(document, 1, (e) => {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, state);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
  });

/** A real update, damaged: cut short, bytes flipped, or garbage after a valid prefix. */
function damagedUpdate(rand: Random): Uint8Array {
  const donor = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('Skadet opdatering')]);
  donor.getXmlFragment(MEETING_FIELDS.notes('i1')).push([paragraph]);
  const update = Y.encodeStateAsUpdate(donor);
  switch (rand.int(3)) {
    case 0:
      return update.slice(0, 1 + rand.int(update.length - 1));
    case 1: {
      const copy = update.slice();
      for (let i = 0; i < 1 + rand.int(4); i++) copy[rand.int(copy.length)] = rand.int(256);
      return copy;
    }
    default:
      return new Uint8Array([...update.slice(0, rand.int(update.length)), ...rand.bytes(1 + rand.int(64))]);
  }
}

const ABSURD_NAMES = [
  '',
  'x'.repeat(20_000),
  '../../etc/passwd',
  'meeting:',
  'meeting:\u0000',
  'meeting:💥'.repeat(100),
  'group:%00',
  `plan:${'ø'.repeat(5000)}`,
  'meeting:m-1:closed:closed',
];

type Case = (open: () => Promise<WebSocket>, rand: Random, document: string, token: string) => Promise<void>;

const CASES: Record<string, Case> = {
  'random bytes': async (open, rand) => send(await open(), [rand.bytes(1 + rand.int(512))]),
  'truncated varint': async (open, rand) =>
    send(await open(), [new Uint8Array([...new Array(1 + rand.int(12)).fill(0xff)])]),
  'invalid Yjs update': async (open, rand, document, token) =>
    send(await open(), [authMessage(document, token), syncUpdateMessage(document, damagedUpdate(rand))]),
  'random sync payload': async (open, rand, document, token) =>
    send(await open(), [
      authMessage(document, token),
      frame(document, rand.pick([0, 4]), (e) => {
        encoding.writeVarUint(e, rand.int(4));
        encoding.writeUint8Array(e, rand.bytes(rand.int(200)));
      }),
    ]),
  '2 MB message': async (open, rand, document, token) =>
    send(await open(), [authMessage(document, token), syncUpdateMessage(document, rand.bytes(2 * 1024 * 1024))]),
  'absurd document name': async (open, rand, _document, token) => {
    const name = rand.pick(ABSURD_NAMES);
    send(await open(), [authMessage(name, token), syncStep1(name)]);
  },
  'awareness flood': async (open, rand, document, token) => {
    const ws = await open();
    const clientId = rand.int(2 ** 31);
    const messages = [authMessage(document, token), syncStep1(document)];
    for (let clock = 1; clock <= 300; clock++) {
      const state = rand.next() < 0.1 ? '{not json' : JSON.stringify({ user: { name: 'x'.repeat(rand.int(2000)) } });
      messages.push(awarenessMessage(document, clientId, clock, state));
    }
    send(ws, messages);
  },
  'text frame': async (open) => {
    const ws = await open();
    ws.send('{"hello": "server"}');
  },
  'open and drop': async (open) => {
    for (let i = 0; i < 10; i++) (await open()).terminate();
  },
};

function send(ws: WebSocket, messages: Uint8Array[]): void {
  for (const message of messages) if (ws.readyState === WebSocket.OPEN) ws.send(message);
}

/**
 * Sends `cases` hostile cases to /collab while two honest clients edit `document`. Every 20 cases
 * it checks that the server answers, that one honest client's edit reaches the other, and at the
 * end that both, and a fresh client, see the same document.
 */
export async function fuzzCollab(options: {
  wsUrl: string;
  httpUrl: string;
  document: string;
  token: string;
  cases: number;
  seed: number;
}): Promise<FuzzReport> {
  const rand = seeded(options.seed);
  const report: FuzzReport = { cases: 0, crashes: 0, serverErrors: 0, corruptions: 0, failures: [] };
  const sockets: WebSocket[] = [];
  const open = () =>
    new Promise<WebSocket>((resolve) => {
      const ws = new WebSocket(options.wsUrl);
      sockets.push(ws);
      ws.on('error', () => {}); // the server may refuse or cut us off; that is the point
      ws.once('open', () => resolve(ws));
      ws.once('close', () => resolve(ws));
    });
  const alice = await connectClient(options.wsUrl, options.document, options.token);
  const bob = await connectClient(options.wsUrl, options.document, options.token);
  const text = (doc: Y.Doc) => doc.getXmlFragment(MEETING_FIELDS.notes('i1')).toString();
  const names = Object.keys(CASES);
  try {
    for (let i = 0; i < options.cases; i++) {
      const name = rand.pick(names);
      await (CASES[name] as Case)(open, rand, options.document, options.token);
      report.cases += 1;
      if (i % 20 !== 19 && i !== options.cases - 1) continue;
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const ws of sockets.splice(0)) ws.terminate();
      const health = await fetch(`${options.httpUrl}/api/health`).catch(() => null);
      if (!health?.ok) {
        report.crashes += 1;
        report.failures.push(`seed ${options.seed}, case ${i} (${name}): /api/health did not answer`);
        break;
      }
      const line = `Kontrol ${i}`;
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(line)]);
      alice.doc.getXmlFragment(MEETING_FIELDS.notes('i1')).push([paragraph]);
      try {
        await waitFor(() => text(bob.doc).includes(line), 'an honest edit to arrive', 5000);
      } catch {
        report.corruptions += 1;
        report.failures.push(`seed ${options.seed}, case ${i} (${name}): an honest edit stopped flowing`);
      }
    }
    await alice.synced();
    const fresh = await connectClient(options.wsUrl, options.document, options.token);
    if (text(fresh.doc) !== text(alice.doc) || text(bob.doc) !== text(alice.doc)) {
      report.corruptions += 1;
      report.failures.push(`seed ${options.seed}: honest clients and a fresh one see different documents`);
    }
    fresh.destroy();
  } finally {
    for (const ws of sockets) ws.terminate();
    alice.destroy();
    bob.destroy();
  }
  return report;
}

/** A hash of everything stored, but sessions (every authenticated request notes when it was seen). */
export function dataSnapshot(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT LIKE '%fts%' AND name != 'sessions' ORDER BY name`,
    )
    .all();
  for (const { name } of tables) {
    hash.update(name);
    for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

const GARBAGE_IDS = [
  '0',
  '-1',
  'null',
  '..%2F..%2Fetc',
  '%00',
  'ø'.repeat(300),
  "'; DROP TABLE people; --",
  '9'.repeat(40),
];
const QUERY_KEYS = ['q', 'status', 'tag', 'year', 'limit', 'cursor', 'type', 'sort', 'meeting', 'format', 'role'];

function randomJson(rand: Random, depth = 0): unknown {
  switch (rand.int(depth > 2 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return rand.next() < 0.5;
    case 2:
      return rand.pick([0, -1, 1e308, 2 ** 53 + 1, 3.14, -0]);
    case 3:
      return rand.pick(['', 'x'.repeat(rand.int(5000)), '<script>alert(1)</script>', '2026-13-45', 'æøå', '=1+1']);
    case 4:
      return rand.pick(['adopted', 'chair', 'open', 'decision', 'in-session', 'da', 'en']);
    case 5:
      return Array.from({ length: rand.int(5) }, () => randomJson(rand, depth + 1));
    default: {
      const keys = [
        'title',
        'name',
        'email',
        'password',
        'role',
        'status',
        'text',
        'startsAt',
        'id',
        'tags',
        'items',
        '__proto__',
      ];
      return Object.fromEntries(
        Array.from({ length: rand.int(6) }, () => [rand.pick(keys), randomJson(rand, depth + 1)]),
      );
    }
  }
}

/**
 * Sends `cases` random requests to the server's routes: real and garbage ids, random query strings,
 * random, malformed and oversized JSON, every role's token, none and a forged one. No answer may be a
 * 5xx, and a refused request (4xx) may not change stored data.
 */
export async function fuzzRest(options: {
  url: string;
  routes: string[];
  tokens: string[];
  ids: string[];
  /** What is stored, once the server has finished with earlier requests (debounced stores and projections). */
  snapshot: () => Promise<string>;
  cases: number;
  seed: number;
}): Promise<FuzzReport> {
  const rand = seeded(options.seed);
  const statuses: Record<number, number> = {};
  const report: FuzzReport = { cases: 0, crashes: 0, serverErrors: 0, corruptions: 0, failures: [], statuses };
  for (let i = 0; i < options.cases; i++) {
    const [method, template] = rand.pick(options.routes).split(' ') as [string, string];
    const path = template.replace(/:\w+/g, () =>
      encodeURIComponent(rand.next() < 0.7 ? rand.pick(options.ids) : rand.pick(GARBAGE_IDS)),
    );
    const query =
      rand.next() < 0.3
        ? `?${Array.from({ length: 1 + rand.int(3) }, () => `${rand.pick(QUERY_KEYS)}=${encodeURIComponent(String(randomJson(rand, 3)))}`).join('&')}`
        : '';
    const token = rand.next() < 0.9 ? rand.pick(options.tokens) : 'forged-token';
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    let body: string | undefined;
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      const shape = rand.int(20);
      body =
        shape === 0
          ? `{"text": "${'x'.repeat(2 * 1024 * 1024)}"}`
          : shape < 3
            ? '{"title": "Uafsluttet'
            : JSON.stringify(randomJson(rand));
    }
    const before = await options.snapshot();
    const response = await fetch(`${options.url}${path}${query}`, { method, headers, body }).catch(() => null);
    report.cases += 1;
    const what = `seed ${options.seed}, case ${i}: ${method} ${path}${query.slice(0, 80)}`;
    if (!response) {
      report.crashes += 1;
      report.failures.push(`${what}: no answer`);
      break;
    }
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (response.status >= 500) {
      report.serverErrors += 1;
      report.failures.push(`${what}: ${response.status}`);
    } else if (response.status >= 400 && (await options.snapshot()) !== before) {
      report.corruptions += 1;
      report.failures.push(`${what}: refused with ${response.status}, but stored data changed`);
    }
  }
  return report;
}
