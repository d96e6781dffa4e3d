/**
 * Connections: 10,000 idle, authenticated connections over 1,000 documents with awareness on.
 * Reports the server's RSS growth per connection, measured after a full garbage collection from a
 * freshly started server (documents stored, none loaded) to all connections open and idle, so it
 * includes the documents in memory and each connection's context.
 */
import path from 'node:path';
import type { IdleSetup } from './idle.ts';
import { collectGarbage, launchServer, removeData, stopServer } from './launch.ts';
import { forkModule, memory, nextMessage, sleep } from './proc.ts';
import { fixed, table } from './results.ts';
import type { ServerKind } from './server.ts';

export interface ConnectionsResult {
  server: ServerKind;
  connections: number;
  documents: number;
  connectSeconds: number;
  baselineRssMb: number;
  rssMb: number;
  kbPerConnection: number;
  /** Runs this result stands for: it is the median one; the range is over all of them. */
  trials?: number;
  kbRange?: [number, number];
}

/** Memory per connection varies by about ±1 KB from run to run (heap growth is stepwise): report the median run. */
export function medianRun(runs: ConnectionsResult[]): ConnectionsResult {
  const sorted = [...runs].sort((a, b) => a.kbPerConnection - b.kbPerConnection);
  const kb = sorted.map((r) => r.kbPerConnection);
  return {
    ...(sorted[Math.floor((sorted.length - 1) / 2)] as ConnectionsResult),
    trials: runs.length,
    kbRange: [kb[0] as number, kb.at(-1) as number],
  };
}

export async function connections(
  kind: ServerKind,
  documents: number,
  perDocument: number,
): Promise<ConnectionsResult> {
  // Council creates its people and meetings on first start; a second start measures from a clean process.
  const setup = await launchServer(kind, documents);
  await stopServer(setup, 'SIGTERM');
  const server = await launchServer(kind, documents, setup.dataDir);
  const generator = forkModule(path.join(import.meta.dirname, 'idle.ts'));
  try {
    await sleep(1000);
    await collectGarbage(server);
    const baseline = memory(server.pid).rss;
    const started = performance.now();
    generator.send({ target: server.target, documents, perDocument } satisfies IdleSetup);
    const { connected } = await nextMessage(
      generator,
      (m): m is { connected: number } => typeof m === 'object' && m !== null && 'connected' in m,
      600_000,
    );
    const connectSeconds = (performance.now() - started) / 1000;
    await sleep(5000); // idle: let the server finish what the connections started
    await collectGarbage(server);
    const rss = memory(server.pid).rss;
    return {
      server: kind,
      connections: connected,
      documents,
      connectSeconds,
      baselineRssMb: baseline / 1024 / 1024,
      rssMb: rss / 1024 / 1024,
      kbPerConnection: (rss - baseline) / 1024 / connected,
    };
  } finally {
    generator.kill('SIGKILL');
    await stopServer(server);
    removeData(server);
  }
}

export function connectionsTable(results: ConnectionsResult[]): string {
  return table(
    ['server', 'connections', 'documents', 'connect s', 'RSS before → after MB', 'KB per connection (range)'],
    results.map((r) => [
      r.server,
      r.connections,
      r.documents,
      fixed(r.connectSeconds),
      `${fixed(r.baselineRssMb, 0)} → ${fixed(r.rssMb, 0)}`,
      r.trials && r.trials > 1 && r.kbRange
        ? `${fixed(r.kbPerConnection)} (${fixed(r.kbRange[0])}–${fixed(r.kbRange[1])})`
        : fixed(r.kbPerConnection),
    ]),
  );
}
