/**
 * Sync benchmarks, side by side: Council, bare Hocuspocus 4.7 and the Yjs reference server.
 * Usage: pnpm bench:sync [--only fanout,durability,connections,open,fuzz] [--duration 30] [--trials 20]
 *        [--connections 10000] [--samples 20] [--cases 5000] [--servers council,council-nolog,hocuspocus,y-websocket]
 */
import { parseArgs } from 'node:util';
import { connections, connectionsTable } from './connections.ts';
import { durability, durabilityTable } from './durability.ts';
import { type FanoutResult, fanout, fanoutTable } from './fanout.ts';
import { fuzz, fuzzTable } from './fuzz.ts';
import { buildDocument, type OpenResult, openBenchmark, openTable } from './open.ts';
import { saveResults } from './results.ts';
import type { ServerKind } from './server.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    only: { type: 'string' },
    duration: { type: 'string', default: '30' },
    trials: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10000' },
    samples: { type: 'string', default: '20' },
    cases: { type: 'string', default: '5000' },
    servers: { type: 'string', default: 'council,council-nolog,hocuspocus,y-websocket' },
  },
});
const only = values.only?.split(',');
const wanted = (name: string) => !only || only.includes(name);
const durationMs = Number(values.duration) * 1000;
const servers = (values.servers as string).split(',') as ServerKind[];
const command = `pnpm bench:sync ${process.argv
  .slice(2)
  .filter((a) => a !== '--')
  .join(' ')}`.trim();

if (wanted('fanout')) {
  const results: FanoutResult[] = [];
  for (const [writers, viewers] of [
    [2, 0],
    [10, 100],
    [10, 500],
    [10, 2000],
  ] as const) {
    for (const kind of servers) {
      const result = await fanout(kind, writers, viewers, durationMs);
      console.log(fanoutTable([result]).split('\n').at(-1));
      results.push(result);
    }
  }
  console.log(`\nFan-out, ${durationMs / 1000} s per run\n${fanoutTable(results)}\n`);
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

if (wanted('connections')) {
  const total = Number(values.connections);
  const results = [];
  // The durable log writes only when something changes; idle connections cost the same without it.
  for (const kind of servers.filter((k) => k !== 'council-nolog')) {
    results.push(await connections(kind, total / 10, 10));
    console.log(connectionsTable(results.slice(-1)).split('\n').at(-1));
  }
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
    for (const run of runs) {
      const rows = await run();
      console.log(openTable(rows).split('\n').slice(2).join('\n'));
      results.push(...rows);
    }
  }
  console.log(`\nDocument open, connect to synced\n${openTable(results)}\n`);
  saveResults('open', command, results);
}

if (wanted('fuzz')) {
  const results = await fuzz(Number(values.cases), 2026);
  console.log(`\nBad input, against Council in its own process\n${fuzzTable(results)}\n`);
  for (const result of results) for (const failure of result.failures) console.log(`  ${failure}`);
  saveResults('fuzz', command, results);
}
