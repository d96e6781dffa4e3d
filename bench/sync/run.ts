/**
 * Sync benchmarks, side by side: Council, bare Hocuspocus 4.7 and the Yjs reference server.
 * Usage: pnpm bench:sync [--only fanout,durability,log,connections,open,stalled,fuzz]
 *   [--servers council,council-nolog,hocuspocus,y-websocket]
 *   fan-out:     [--duration 30] [--warmup 5] [--fanout-trials 3] [--settings 2x0,10x100,10x500,10x2000]
 *   durability:  [--trials 20]      connections: [--connections 10000] [--connection-trials 3]
 *   open:        [--samples 20] [--open-trials 3]              fuzz: [--cases 5000]
 *   stalled:     [--stalled 60] [--stalled-seconds 30] [--pad 20000]
 */
import { parseArgs } from 'node:util';
import { type ConnectionsResult, connections, connectionsTable, medianRun } from './connections.ts';
import { durability, durabilityTable } from './durability.ts';
import { type FanoutResult, fanout, fanoutTable, medianOfTrials } from './fanout.ts';
import { fuzz, fuzzTable } from './fuzz.ts';
import { logCost, logCostTable } from './log.ts';
import { buildDocument, type OpenResult, openBenchmark, openTable, pooled } from './open.ts';
import { saveResults } from './results.ts';
import type { ServerKind } from './server.ts';
import { type StalledResult, stalledReaders, stalledTable } from './stalled.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    only: { type: 'string' },
    duration: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    'fanout-trials': { type: 'string', default: '3' },
    settings: { type: 'string', default: '2x0,10x100,10x500,10x2000' },
    trials: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10000' },
    'connection-trials': { type: 'string', default: '3' },
    samples: { type: 'string', default: '20' },
    'open-trials': { type: 'string', default: '3' },
    cases: { type: 'string', default: '5000' },
    stalled: { type: 'string', default: '60' },
    'stalled-seconds': { type: 'string', default: '30' },
    pad: { type: 'string', default: '20000' },
    servers: { type: 'string', default: 'council,council-nolog,hocuspocus,y-websocket' },
  },
});
const only = values.only?.split(',');
const wanted = (name: string) => !only || only.includes(name);
const durationMs = Number(values.duration) * 1000;
const warmupMs = Number(values.warmup) * 1000;
const trials = Number(values['fanout-trials']);
const servers = (values.servers as string).split(',') as ServerKind[];
const command = `pnpm bench:sync ${process.argv
  .slice(2)
  .filter((a) => a !== '--')
  .join(' ')}`.trim();

if (wanted('fanout')) {
  const results: FanoutResult[] = [];
  // W×R: writers and viewers.
  const settings = (values.settings as string)
    .split(',')
    .map((pair) => pair.split('x').map(Number) as [number, number]);
  for (const [writers, viewers] of settings) {
    // Servers take turns within each trial, so that a slow spell of the machine hits them alike.
    const runs = new Map<ServerKind, FanoutResult[]>(servers.map((kind) => [kind, []]));
    for (let trial = 0; trial < trials; trial++) {
      for (const kind of servers) {
        const result = await fanout(kind, writers, viewers, durationMs, warmupMs);
        console.log(fanoutTable([result]).split('\n').at(-1));
        runs.get(kind)?.push(result);
      }
    }
    for (const kind of servers) results.push(medianOfTrials(runs.get(kind) ?? []));
  }
  console.log(`\nFan-out, ${durationMs / 1000} s per run, median of ${trials}\n${fanoutTable(results)}\n`);
  saveResults('fanout', command, results);
}

if (wanted('durability')) {
  const results = [];
  for (const kind of ['council', 'hocuspocus-db'] as const) {
    results.push(await durability(kind, Number(values.trials)));
    console.log(durabilityTable(results.slice(-1)).split('\n').at(-1));
  }
  console.log(`\nDurability: SIGKILL during a burst of 10 writers, then restart\n${durabilityTable(results)}\n`);
  saveResults('durability', command, results);
}

if (wanted('log')) {
  const result = await logCost(20_000);
  console.log(`\nThe durable log's own cost, in-process\n${logCostTable(result)}\n`);
  saveResults('log', command, result);
}

if (wanted('connections')) {
  const total = Number(values.connections);
  const results = [];
  // The durable log writes only when something changes; idle connections cost the same without it.
  const kinds = servers.filter((k) => k !== 'council-nolog');
  const runs = new Map<ServerKind, ConnectionsResult[]>(kinds.map((kind) => [kind, []]));
  for (let trial = 0; trial < Number(values['connection-trials']); trial++) {
    for (const kind of kinds) {
      const result = await connections(kind, total / 10, 10);
      console.log(connectionsTable([result]).split('\n').at(-1));
      runs.get(kind)?.push(result);
    }
  }
  for (const kind of kinds) results.push(medianRun(runs.get(kind) ?? []));
  console.log(`\nIdle connections, 10 per document, awareness on\n${connectionsTable(results)}\n`);
  saveResults('connections', command, results);
}

if (wanted('open')) {
  const samples = Number(values.samples);
  const results: OpenResult[] = [];
  for (const [size, bytes] of [
    ['100 KB', 100_000],
    ['1 MB', 1_000_000],
  ] as const) {
    const built = buildDocument(bytes);
    const runs = [
      () => openBenchmark('council', 'council (state + 400-update log)', size, built, samples, 400),
      () => openBenchmark('council', 'council (one state)', size, built, samples, 0),
      () => openBenchmark('hocuspocus-db', 'hocuspocus + Database (one state)', size, built, samples),
      () => openBenchmark('hocuspocus', 'hocuspocus (in memory)', size, built, samples),
      () => openBenchmark('y-websocket', 'y-websocket (in memory)', size, built, samples),
    ];
    // Servers take turns within each trial, as in fan-out; each row pools the samples of every trial.
    for (let trial = 0; trial < Number(values['open-trials']); trial++) {
      for (const run of runs) {
        const rows = await run();
        console.log(openTable(rows).split('\n').slice(2).join('\n'));
        results.push(...rows);
      }
    }
  }
  const rows = pooled(results);
  console.log(`\nDocument open, connect to synced\n${openTable(rows)}\n`);
  saveResults('open', command, rows);
}

if (wanted('stalled')) {
  const stalled = Number(values.stalled);
  const runs: [ServerKind, string, NodeJS.ProcessEnv, number][] = [
    // The same writing with nobody stalled: what the workload itself adds to the server's memory.
    ['council', 'council, no stalled reader', {}, 0],
    ['council', 'council (1 MB per reader, the default)', {}, stalled],
    ['council', 'council without the limit', { COUNCIL_MAX_SEND_BUFFER_KB: String(1024 * 1024) }, stalled],
    ['hocuspocus', 'hocuspocus', {}, stalled],
    ['y-websocket', 'y-websocket', {}, stalled],
  ];
  const results: StalledResult[] = [];
  const seconds = Number(values['stalled-seconds']);
  for (const [kind, label, env, readers] of runs.filter(([kind]) => servers.includes(kind))) {
    results.push(await stalledReaders(kind, label, env, 10, readers, seconds * 1000, Number(values.pad)));
    console.log(stalledTable(results.slice(-1)).split('\n').at(-1));
  }
  console.log(`\nReaders that stop reading, on a busy meeting\n${stalledTable(results)}\n`);
  saveResults('stalled', command, results);
}

if (wanted('fuzz')) {
  const results = await fuzz(Number(values.cases), 2026);
  console.log(`\nBad input, against Council in its own process\n${fuzzTable(results)}\n`);
  for (const result of results) for (const failure of result.failures) console.log(`  ${failure}`);
  saveResults('fuzz', command, results);
}
