/**
 * Fan-out: one meeting document, W writers typing about 10 updates a second each, R light viewers.
 * Reports latency, delivered against expected, server CPU per delivered message and peak RSS, and
 * the machine's and generators' CPU, marking runs where the machine was over 85% busy as client-bound.
 * A warm-up round of the same workload runs first and is not counted, so that the figures are the
 * servers' steady state, not their JIT compilers' first seconds.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Histogram } from './histogram.ts';
import { launchServer, type RunningServer, removeData, stopServer } from './launch.ts';
import { CLIENT_BOUND_BUSY, CpuWindow, forkModule, memory, nextMessage, sleep } from './proc.ts';
import { fixed, table } from './results.ts';
import type { ServerKind } from './server.ts';
import type { ViewersReport, ViewersSetup } from './viewers.ts';
import type { WritersReport, WritersSetup } from './writers.ts';

export interface FanoutResult {
  server: ServerKind;
  writers: number;
  viewers: number;
  seconds: number;
  sent: number;
  expected: number;
  delivered: number;
  repeats: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null; of: 'viewers' | 'writers' };
  serverCpuSeconds: number;
  serverMicrosPerDelivered: number;
  serverPeakRssMb: number;
  generatorCpuSeconds: number;
  machineBusy: number;
  clientBound: boolean;
  /** How many runs this result stands for; the per-run figures are their medians. */
  trials: number;
  /** The lowest and highest server CPU per delivered message over the trials. */
  microsPerDeliveredRange: [number, number];
}

const VIEWERS_PER_PROCESS = 1000;
const has =
  <K extends string>(key: K) =>
  (m: unknown): m is Record<K, never> =>
    typeof m === 'object' && m !== null && key in m;

interface Round {
  written: WritersReport;
  viewed: ViewersReport[];
}

export async function fanout(
  kind: ServerKind,
  writers: number,
  viewers: number,
  durationMs: number,
  warmupMs: number,
  /** bench/notify: the server's environment, and what it is asked to do before the warm-up round. */
  extra: { env?: NodeJS.ProcessEnv; beforeWarmup?: (server: RunningServer) => void } = {},
): Promise<FanoutResult> {
  const server = await launchServer(kind, 1, undefined, extra.env);
  const children: ChildProcess[] = [];
  try {
    const writerProcess = forkModule(path.join(import.meta.dirname, 'writers.ts'));
    children.push(writerProcess);
    writerProcess.send({ target: server.target, writers, rate: 10 } satisfies WritersSetup);
    await nextMessage(writerProcess, has('connected'));

    const viewerCounts: number[] = [];
    for (let left = viewers; left > 0; left -= VIEWERS_PER_PROCESS)
      viewerCounts.push(Math.min(left, VIEWERS_PER_PROCESS));
    const viewerProcesses = viewerCounts.map((count) => {
      const child = forkModule(path.join(import.meta.dirname, 'viewers.ts'));
      children.push(child);
      child.send({ target: server.target, viewers: count, writers } satisfies ViewersSetup);
      return child;
    });
    await Promise.all(viewerProcesses.map((child) => nextMessage(child, has('connected'))));
    await sleep(1000); // let connection setup settle out of the measured window

    /** Writers type for `ms`; then every viewer process waits for its share of their markers. */
    const round = async (ms: number): Promise<Round> => {
      writerProcess.send({ go: ms });
      const { report: written } = (await nextMessage(writerProcess, has('report'), ms + 60_000)) as unknown as {
        report: WritersReport;
      };
      viewerProcesses.forEach((child, i) => {
        child.send({ expect: written.sent * (viewerCounts[i] as number) });
      });
      const viewed = (
        (await Promise.all(viewerProcesses.map((child) => nextMessage(child, has('report'), 60_000)))) as unknown as {
          report: ViewersReport;
        }[]
      ).map((m) => m.report);
      return { written, viewed };
    };
    extra.beforeWarmup?.(server);
    if (warmupMs > 0) await round(warmupMs);

    const pids: Record<string, number> = { server: server.pid, writers: writerProcess.pid as number };
    viewerProcesses.forEach((child, i) => {
      pids[`viewers${i}`] = child.pid as number;
    });
    const window = new CpuWindow(pids);
    const { written, viewed } = await round(durationMs);
    const cpu = window.close();

    const viewerLatency = new Histogram();
    for (const v of viewed) viewerLatency.merge(new Histogram(v.latency));
    const latency = viewers > 0 ? viewerLatency : new Histogram(written.latency);
    const delivered = written.received + viewed.reduce((sum, v) => sum + v.received, 0);
    const serverCpu = cpu.cpu.server ?? 0;
    return {
      server: kind,
      writers,
      viewers,
      seconds: cpu.seconds,
      sent: written.sent,
      expected: written.expected + written.sent * viewers,
      delivered,
      repeats: viewed.reduce((sum, v) => sum + v.repeats, 0),
      latencyMs: {
        p50: latency.percentile(50),
        p95: latency.percentile(95),
        p99: latency.percentile(99),
        of: viewers > 0 ? 'viewers' : 'writers',
      },
      serverCpuSeconds: serverCpu,
      serverMicrosPerDelivered: delivered > 0 ? (serverCpu * 1e6) / delivered : Number.NaN,
      serverPeakRssMb: memory(server.pid).peak / 1024 / 1024,
      generatorCpuSeconds: Object.entries(cpu.cpu)
        .filter(([name]) => name !== 'server')
        .reduce((sum, [, seconds]) => sum + seconds, 0),
      machineBusy: cpu.machineBusy,
      clientBound: cpu.machineBusy > CLIENT_BOUND_BUSY,
      trials: 1,
      microsPerDeliveredRange: [0, 0],
    };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await stopServer(server, 'SIGTERM');
    removeData(server);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * One result for several runs of the same server and setting. A single 30-second run of a server
 * varies by about ±10% in CPU per delivered message (GC, scheduling on 2 cores), as much as the
 * differences we look for; the median of interleaved runs is steadier. Counts add up; CPU,
 * latency percentiles and RSS are medians; a setting is client-bound if any of its runs was.
 */
export function medianOfTrials(runs: FanoutResult[]): FanoutResult {
  const first = runs[0] as FanoutResult;
  const sum = (pick: (r: FanoutResult) => number) => runs.reduce((total, r) => total + pick(r), 0);
  const mid = (pick: (r: FanoutResult) => number | null) => {
    const values = runs.map(pick).filter((v): v is number => v !== null);
    return values.length ? median(values) : null;
  };
  const micros = runs.map((r) => r.serverMicrosPerDelivered);
  return {
    ...first,
    seconds: sum((r) => r.seconds),
    sent: sum((r) => r.sent),
    expected: sum((r) => r.expected),
    delivered: sum((r) => r.delivered),
    repeats: sum((r) => r.repeats),
    latencyMs: {
      ...first.latencyMs,
      p50: mid((r) => r.latencyMs.p50),
      p95: mid((r) => r.latencyMs.p95),
      p99: mid((r) => r.latencyMs.p99),
    },
    serverCpuSeconds: median(runs.map((r) => r.serverCpuSeconds)),
    serverMicrosPerDelivered: median(micros),
    serverPeakRssMb: median(runs.map((r) => r.serverPeakRssMb)),
    generatorCpuSeconds: median(runs.map((r) => r.generatorCpuSeconds)),
    machineBusy: median(runs.map((r) => r.machineBusy)),
    clientBound: runs.some((r) => r.clientBound),
    trials: runs.length,
    microsPerDeliveredRange: [Math.min(...micros), Math.max(...micros)],
  };
}

export function fanoutTable(results: FanoutResult[]): string {
  return table(
    [
      'server',
      'W, R',
      'delivered / expected',
      'latency p50 / p95 / p99 ms',
      'server CPU µs per delivered (range)',
      'server CPU s',
      'peak RSS MB',
      'machine busy',
      'generators CPU s',
    ],
    results.map((r) => [
      r.server,
      `${r.writers}, ${r.viewers}`,
      `${r.delivered} / ${r.expected}${r.delivered === r.expected ? '' : ' **lost**'}`,
      `${fixed(r.latencyMs.p50)} / ${fixed(r.latencyMs.p95)} / ${fixed(r.latencyMs.p99)}${r.clientBound ? ' (client-bound)' : ''}`,
      r.trials > 1
        ? `${fixed(r.serverMicrosPerDelivered, 2)} (${fixed(r.microsPerDeliveredRange[0], 2)}–${fixed(r.microsPerDeliveredRange[1], 2)})`
        : fixed(r.serverMicrosPerDelivered, 2),
      fixed(r.serverCpuSeconds, 2),
      fixed(r.serverPeakRssMb, 0),
      `${fixed(r.machineBusy * 100, 0)}%`,
      fixed(r.generatorCpuSeconds, 1),
    ]),
  );
}
