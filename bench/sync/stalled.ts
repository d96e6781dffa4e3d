/**
 * Readers that stop reading: one busy meeting document (W writers typing a marker and pasted text
 * 10 times a second), R light viewers that finish the sync handshake and then stop reading their
 * sockets, as a suspended laptop or a stuck client would. Every broadcast the server cannot hand to
 * the kernel waits in the server for them. Samples the server's RSS throughout and reports its peak
 * above the level before writing started, then lets the viewers read again to see how each was let go.
 */
import type { Socket } from 'node:net';
import path from 'node:path';
import { launchServer, removeData, stopServer } from './launch.ts';
import { forkModule, memory, nextMessage, sleep } from './proc.ts';
import { fixed, table } from './results.ts';
import type { ServerKind } from './server.ts';
import { LightClient } from './wire.ts';
import type { WritersReport, WritersSetup } from './writers.ts';

export interface StalledResult {
  server: string;
  writers: number;
  stalled: number;
  seconds: number;
  /** Characters each writer sent, in total, during the run. */
  sentKb: number;
  baselineRssMb: number;
  peakRssMb: number;
  /** RSS when the run ended, before the viewers read again. */
  endRssMb: number;
  /** How the stalled viewers' connections ended: close code (or 'open') → count. */
  endings: Record<string, number>;
}

const has =
  <K extends string>(key: K) =>
  (m: unknown): m is Record<K, never> =>
    typeof m === 'object' && m !== null && key in m;

export async function stalledReaders(
  kind: ServerKind,
  label: string,
  env: NodeJS.ProcessEnv,
  writers: number,
  stalled: number,
  durationMs: number,
  pad: number,
): Promise<StalledResult> {
  const server = await launchServer(kind, 1, undefined, env);
  const writerProcess = forkModule(path.join(import.meta.dirname, 'writers.ts'));
  const viewers: LightClient[] = [];
  try {
    writerProcess.send({ target: server.target, writers, rate: 10, pad } satisfies WritersSetup);
    await nextMessage(writerProcess, has('connected'));
    const document = server.target.documents[0] as string;
    for (let i = 0; i < stalled; i++) {
      const viewer = new LightClient(server.target, document, server.target.viewerToken);
      await viewer.connect();
      (viewer.ws as unknown as { _socket: Socket })._socket.pause();
      viewers.push(viewer);
    }
    await sleep(1000);
    const baseline = memory(server.pid).rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, memory(server.pid).rss);
    }, 250);
    writerProcess.send({ go: durationMs });
    const { report } = (await nextMessage(writerProcess, has('report'), durationMs + 60_000)) as unknown as {
      report: WritersReport;
    };
    clearInterval(sampler);
    const end = memory(server.pid).rss;

    // Read again: what was queued arrives, then the close, if the server closed the connection.
    const endings: Record<string, number> = {};
    await Promise.all(
      viewers.map(
        (viewer) =>
          new Promise<void>((resolve) => {
            let ended = false;
            const done = (ending: string) => {
              if (ended) return;
              ended = true;
              endings[ending] = (endings[ending] ?? 0) + 1;
              resolve();
            };
            viewer.onFrame = undefined;
            viewer.ws.removeAllListeners('close');
            viewer.ws.once('close', (code) => done(String(code)));
            setTimeout(() => done('open'), 10_000);
            (viewer.ws as unknown as { _socket: Socket })._socket.resume();
          }),
      ),
    );
    const mb = (bytes: number) => bytes / 1024 / 1024;
    return {
      server: label,
      writers,
      stalled,
      seconds: durationMs / 1000,
      sentKb: (report.sent * (pad + 30)) / 1024,
      baselineRssMb: mb(baseline),
      peakRssMb: mb(peak),
      endRssMb: mb(end),
      endings,
    };
  } finally {
    for (const viewer of viewers) viewer.close();
    writerProcess.kill('SIGKILL');
    await stopServer(server, 'SIGTERM');
    removeData(server);
  }
}

export function stalledTable(results: StalledResult[]): string {
  return table(
    [
      'server',
      'W, stalled R',
      'written during the run',
      'RSS before MB',
      'peak RSS MB (above before)',
      'RSS at the end MB',
      'stalled readers ended by',
    ],
    results.map((r) => [
      r.server,
      `${r.writers}, ${r.stalled}`,
      `${fixed(r.sentKb / 1024, 1)} MB in ${r.seconds} s`,
      fixed(r.baselineRssMb, 0),
      `${fixed(r.peakRssMb, 0)} (+${fixed(r.peakRssMb - r.baselineRssMb, 0)})`,
      fixed(r.endRssMb, 0),
      Object.entries(r.endings)
        .map(([ending, count]) => `${count} × ${ending}`)
        .join(', '),
    ]),
  );
}
