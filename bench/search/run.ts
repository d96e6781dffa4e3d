/**
 * Search and register benchmark: a corpus of 100,000 decisions and 20,000 meetings of minutes in
 * Danish, indexed through the product's own indexer, then typical queries timed in-process.
 * Usage: pnpm bench:search [--decisions 100000] [--meetings 20000] [--runs 200]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  DecisionsRepo,
  type IndexRow,
  indexDecisions,
  openDatabase,
  replaceSource,
  SearchRepo,
  suggest,
} from '@council/server/bench';
import { seeded } from '@council/server/fuzz';
import type { Actor, DecisionQuery, SearchResult } from '@council/shared';
import { sentences } from './corpus.ts';

const { values } = parseArgs({
  // pnpm passes a literal `--` through; it is not an argument.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    decisions: { type: 'string', default: '100000' },
    meetings: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: path.resolve(import.meta.dirname, '../../docs/benchmarks-search.json') },
  },
});
const DECISIONS = Number(values.decisions);
const MEETINGS = Number(values.meetings);
const RUNS = Number(values.runs);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'council-bench-search-'));
const file = path.join(dir, 'bench.sqlite');
const db = openDatabase(file);
const rand = seeded(2011).next; // the same sequence, so the same corpus, on every run
const text = sentences();
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
const paragraph = (n: number) => Array.from({ length: n }, () => pick(text)).join(' ');
const TAGS = [
  'rammearkitektur',
  'gevinstrealisering',
  'indikatorer',
  'sikkerhed',
  'data',
  'integration',
  'digital post',
  'cloud',
  'indkøb',
  'GDPR',
];

console.log(`corpus: ${MEETINGS} meetings, ${DECISIONS} decisions, ${text.length} source sentences; database ${file}`);

// Meetings and their minutes: five agenda items each, indexed as the projector indexes them.
let started = performance.now();
const insertMeeting = db.prepare(
  'INSERT INTO meetings (id, title, starts_at, ends_at, location, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const meetingIds: string[] = [];
db.transaction(() => {
  for (let i = 0; i < MEETINGS; i++) {
    const year = 2011 + Math.floor((i / MEETINGS) * 16);
    const day = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const id = `m${i}`;
    meetingIds.push(id);
    insertMeeting.run(
      id,
      `Rådsmøde ${(i % 4) + 1}/${year}`,
      `${day}T09:00:00+01:00`,
      `${day}T12:00:00+01:00`,
      'København',
      i % 50 === 0 ? 'draft' : 'approved',
      day,
    );
  }
})();
let rows = 0;
for (const id of meetingIds) {
  const minutes: IndexRow[] = Array.from({ length: 5 }, (_, k) => ({
    type: 'minutes',
    ref: `${id}:i${k}`,
    title: pick(text).slice(0, 80),
    body: paragraph(3),
    url: `/meetings/${id}?tab=minutes#item-i${k}`,
    visibility: k === 4 ? 'council' : 'all',
  }));
  replaceSource(db, `meeting:${id}`, minutes);
  rows += minutes.length;
}
const minutesSeconds = (performance.now() - started) / 1000;

// Decisions: recorded and numbered by the repository, then indexed.
started = performance.now();
const decisions = new DecisionsRepo(db);
for (let batch = 0; batch < DECISIONS; batch += 1000) {
  const items = Array.from({ length: Math.min(1000, DECISIONS - batch) }, (_, k) => {
    const n = batch + k;
    const meetingId = meetingIds[Math.floor((n / DECISIONS) * MEETINGS)] as string;
    const status = n % 10 === 0 ? 'rejected' : n % 13 === 0 ? 'postponed' : 'adopted';
    return {
      title: pick(text).slice(0, 100),
      text: paragraph(2),
      status: status as 'adopted' | 'rejected' | 'postponed',
      meetingId,
      itemId: `d${n}`,
      decidedOn: `${2011 + Math.floor((n / DECISIONS) * 16)}-06-15`,
      tags: [pick(TAGS), pick(TAGS)],
      supersedes: [],
      confidential: n % 97 === 0,
    };
  });
  await decisions.recordAll(items);
}
const recordSeconds = (performance.now() - started) / 1000;
started = performance.now();
indexDecisions(db, await decisions.all(true));
const decisionIndexSeconds = (performance.now() - started) / 1000;
rows += DECISIONS;
db.pragma('wal_checkpoint(TRUNCATE)');
db.exec('VACUUM');
const sizeMb = fs.statSync(file).size / 1024 / 1024;

const architect: Actor = { id: 'a', role: 'network_architect', groups: { g1: 'member' } };
const chair: Actor = { id: 'c', role: 'chair', groups: {} };
const search = new SearchRepo(db);

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

async function time(name: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await run(); // warm the page cache and statement cache
  const samples: number[] = [];
  let hits = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const result = await run();
    samples.push(performance.now() - t);
    const r = result as { items?: unknown[]; hits?: unknown[] };
    hits = Array.isArray(result)
      ? result.length
      : typeof result === 'string'
        ? 1
        : (r?.items?.length ?? r?.hits?.length ?? 0);
  }
  const p = percentiles(samples);
  console.log(
    `${name.padEnd(52)} p50 ${p.p50.toFixed(2)} ms  p95 ${p.p95.toFixed(2)} ms  p99 ${p.p99.toFixed(2)} ms  (${hits} hits)`,
  );
  return { name, ...p, hits };
}

/** A typo's result, checked: timing a query that quietly stopped correcting would prove nothing. */
async function corrected(expected: string, result: Promise<SearchResult>): Promise<SearchResult> {
  const r = await result;
  if (r.correction?.query !== expected || r.hits.length === 0)
    throw new Error(`expected hits for the correction ${expected}, got ${JSON.stringify(r.correction)}`);
  return r;
}

const page = (q: Partial<DecisionQuery>): DecisionQuery => ({ sort: 'newest', limit: 50, ...q });
/** The cursor after `pages` pages of the register with that filter. */
async function cursorAfter(pages: number, filter: Partial<DecisionQuery>): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++)
    cursor = (await decisions.query(page({ ...filter, cursor }), false))?.nextCursor ?? undefined;
  return cursor;
}
const deepCursor = await cursorAfter(200, {});
// A third of all decisions contain the word, so page 101 is about a sixth of the way into its matches.
const deepTextCursor = await cursorAfter(100, { q: 'arkitektur' });

const results = [
  await time('search "arkitektur" (architect)', () => search.search(architect, { q: 'arkitektur', limit: 20 })),
  await time('search "gevinster indikatorer" (architect)', () =>
    search.search(architect, { q: 'gevinster indikatorer', limit: 20 }),
  ),
  await time('search "sikkerhed" (chair, no visibility filter)', () =>
    search.search(chair, { q: 'sikkerhed', limit: 20 }),
  ),
  await time('search "kommune" (very common word)', () => search.search(architect, { q: 'kommune', limit: 20 })),
  await time('search "botanikeren" (rare word)', () => search.search(architect, { q: 'botanikeren', limit: 20 })),
  await time('search "digital" type=decision', () =>
    search.search(architect, { q: 'digital', type: 'decision', limit: 20 }),
  ),
  // Search that forgives (issue 16): three typos, answered with a correction, and an inflection.
  await time('search "gevinstrealisring" (typo, architect)', () =>
    corrected('gevinstrealisering', search.search(architect, { q: 'gevinstrealisring', limit: 20 })),
  ),
  await time('search "arkitekur" (typo, architect)', () =>
    corrected('arkitektur', search.search(architect, { q: 'arkitekur', limit: 20 })),
  ),
  await time('search "kommisorium" (typo, architect)', () =>
    corrected('kommissorium', search.search(architect, { q: 'kommisorium', limit: 20 })),
  ),
  await time('search "støttesystemerne" (inflection, architect)', () =>
    search.search(architect, { q: 'støttesystemerne', limit: 20 }),
  ),
  await time('register first page', () => decisions.query(page({}), false) as Promise<unknown>),
  await time(
    'register page 201 (cursor)',
    () => decisions.query(page({ cursor: deepCursor }), false) as Promise<unknown>,
  ),
  await time(
    'register status=postponed',
    () => decisions.query(page({ status: 'postponed' }), false) as Promise<unknown>,
  ),
  await time(
    'register tag=sikkerhed year=2020',
    () => decisions.query(page({ tag: 'sikkerhed', year: 2020 }), false) as Promise<unknown>,
  ),
  await time('register q=arkitektur', () => decisions.query(page({ q: 'arkitektur' }), false) as Promise<unknown>),
  await time(
    'register q=arkitektur status=postponed',
    () => decisions.query(page({ q: 'arkitektur', status: 'postponed' }), false) as Promise<unknown>,
  ),
  await time(
    'register q=arkitektur page 101 (cursor)',
    () => decisions.query(page({ q: 'arkitektur', cursor: deepTextCursor }), false) as Promise<unknown>,
  ),
];

// Suggestions in a vocabulary far larger than this corpus's: a real archive has far more distinct
// words than these repeated sentences, most of them compounds. 200,000 compounds of the corpus's
// words, as Danish makes them ("arkitektur" + "kommunerne"), many sharing their first and last
// letters with the typos, in a database of their own.
const vocabularyDb = openDatabase(path.join(dir, 'vocabulary.sqlite'));
const VOCABULARY = 200_000;
const corpusWords = [...new Set(text.flatMap((s) => s.toLocaleLowerCase('da').match(/\p{L}{3,}/gu) ?? []))];
const addWord = vocabularyDb.prepare(
  "INSERT OR IGNORE INTO search_words (word, visibility, docs, stem) VALUES (?, 'all', 1, '')",
);
vocabularyDb.transaction(() => {
  for (const word of corpusWords) addWord.run(word);
  for (let added = 0; added < VOCABULARY; )
    added += addWord.run(`${pick(corpusWords)}${pick(corpusWords)}`.slice(0, 40)).changes;
})();
const visibleToArchitect = ['all', 'group:g1'];
for (const [typo, word] of [
  ['gevinstrealisring', 'gevinstrealisering'],
  ['arkitekur', 'arkitektur'],
  ['kommisorium', 'kommissorium'],
] as const) {
  results.push(
    await time(`suggest "${typo}" (${VOCABULARY / 1000}k-word vocabulary)`, async () => {
      const found = suggest(vocabularyDb, typo, visibleToArchitect);
      if (found !== word) throw new Error(`suggested ${found} for ${typo}`);
      return found;
    }),
  );
}
vocabularyDb.close();

const summary = {
  machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 1024 ** 3)} GB, Node ${process.version}`,
  command: `pnpm bench:search --decisions ${DECISIONS} --meetings ${MEETINGS} --runs ${RUNS}`,
  corpus: { meetings: MEETINGS, minutesRows: MEETINGS * 5, decisions: DECISIONS, vocabulary: VOCABULARY },
  indexing: {
    minutesRowsPerSecond: Math.round((MEETINGS * 5) / minutesSeconds),
    decisionsRecordedPerSecond: Math.round(DECISIONS / recordSeconds),
    decisionsIndexedPerSecond: Math.round(DECISIONS / decisionIndexSeconds),
  },
  databaseMb: Number(sizeMb.toFixed(1)),
  queries: results,
  when: new Date().toISOString(),
};
console.log(JSON.stringify(summary.indexing), `database ${summary.databaseMb} MB, ${rows} indexed rows`);
fs.writeFileSync(values.out as string, `${JSON.stringify(summary, null, 2)}\n`);
db.close();
if (values.keep) console.log(`kept ${file}`);
else fs.rmSync(dir, { recursive: true, force: true });
