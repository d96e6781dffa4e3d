/**
 * What a benchmark reads off Linux about processes and the machine: CPU time and RSS from /proc,
 * so that every server, generator and the machine as a whole are measured the same way.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ; the same on every Linux this runs on

/** User plus system CPU seconds a process has used so far. */
export function cpuSeconds(pid: number): number {
  // Fields after the command name, which is in parentheses and may contain spaces.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident and peak resident memory of a process, in bytes. */
export function memory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Busy and total CPU time of the whole machine so far, in ticks, summed over all cores. */
function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] as string;
  const [, ...values] = line.trim().split(/\s+/).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** A window over which the machine's and some processes' CPU use is measured. */
export class CpuWindow {
  private readonly machineStart = machineTicks();
  private readonly start = performance.now();
  private readonly processStart: Map<number, number>;

  constructor(private readonly pids: Record<string, number>) {
    this.processStart = new Map(Object.values(pids).map((pid) => [pid, cpuSeconds(pid)]));
  }

  /** Busy share of the machine (0..1) and each named process's CPU seconds, since the window opened. */
  close(): { seconds: number; machineBusy: number; cpu: Record<string, number> } {
    const machine = machineTicks();
    const cpu: Record<string, number> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      cpu[name] = cpuSeconds(pid) - (this.processStart.get(pid) ?? 0);
    }
    return {
      seconds: (performance.now() - this.start) / 1000,
      machineBusy: (machine.busy - this.machineStart.busy) / Math.max(1, machine.total - this.machineStart.total),
      cpu,
    };
  }
}

/** A run where the machine was busier than this is client-bound: its latencies are not server figures. */
export const CLIENT_BOUND_BUSY = 0.85;

export const machineDescription = () =>
  `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 1024 ** 3)} GB, Linux ${os.release()}, Node ${process.version}`;

/** Starts a TypeScript module of this folder as a child process, with IPC. */
export function forkModule(
  file: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  nodeOptions: string[] = [],
): ChildProcess {
  return fork(file, args, {
    execArgv: ['--import', 'tsx', '--max-old-space-size=8192', '--expose-gc', ...nodeOptions],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The next IPC message of a child that satisfies `accept`, or an error if it exits first or takes too long. */
export function nextMessage<T>(child: ChildProcess, accept: (m: unknown) => m is T, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`no message from child ${child.pid} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (m: unknown) => {
      if (accept(m)) finish(null, m);
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`child ${child.pid} exited (${code ?? signal}) before answering`));
    function finish(error: Error | null, value?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value as T);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
