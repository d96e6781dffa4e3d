import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forkModule, nextMessage } from './proc.ts';
import type { ServerKind } from './server.ts';
import type { Target } from './wire.ts';

export interface RunningServer {
  target: Target;
  child: ChildProcess;
  pid: number;
  dataDir: string;
}

const isReady = (m: unknown): m is { ready: Target } => typeof m === 'object' && m !== null && 'ready' in m;

/** Starts a server process (in `dataDir`, a new temporary one unless given) and waits until it listens. */
export async function launchServer(
  kind: ServerKind,
  documents: number,
  dataDir?: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunningServer> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `council-bench-${kind}-`));
  const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const child = forkModule(
    path.join(import.meta.dirname, 'server.ts'),
    [kind, dir, String(documents)],
    env,
    nodeOptions,
  );
  const { ready } = await nextMessage(child, isReady);
  return { target: ready, child, pid: child.pid as number, dataDir: dir };
}

/** Stops a server: SIGKILL, as a crash would, unless `graceful`. Waits for the process to be gone. */
export async function stopServer(server: RunningServer, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill(signal);
  await exited;
}

export function removeData(server: RunningServer): void {
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}

/** Runs a full garbage collection in the server and waits for it, before reading its memory. */
export async function collectGarbage(server: RunningServer): Promise<void> {
  server.child.send({ gc: true });
  await nextMessage(
    server.child,
    (m): m is { collected: true } => typeof m === 'object' && m !== null && 'collected' in m,
  );
}

/** Lets Council finish its pending stores and projections, so that what it has stored holds still. */
export async function settleServer(server: RunningServer): Promise<void> {
  server.child.send({ settle: true });
  await nextMessage(server.child, (m): m is { settled: true } => typeof m === 'object' && m !== null && 'settled' in m);
}
