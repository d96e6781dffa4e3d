/**
 * The durable log's own cost, in-process: CPU time per appended update, with the compaction that
 * follows every LIMITS.updateLogCompactAt appends (writing a 100 KB state; encoding it, which
 * depends on the document and is not the log's doing, is left out). A 30-second fan-out run varies by more than the
 * log costs, so this pins the figure down; multiplied by updates per delivered message it gives the
 * log's share of the server's CPU per delivered message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, SqliteDocumentStore } from '@council/server/bench';
import { LIMITS } from '@council/shared';
import { fixed, table } from './results.ts';

export interface LogCostResult {
  /** What was timed: an append, or for scale one system call. */
  what: string;
  /** What the process did between two timed operations. */
  between: string;
  times: number;
  updateBytes: number;
  cpuMicrosEach: number;
  wallMicrosEach: number;
}

/**
 * Back to back, an append finds SQLite's code and pages in the CPU caches; in a server it follows
 * a hundred deliveries that have pushed them out. Touching 16 MB between appends stands in for
 * that; only the appends (and compactions) are timed.
 */
const CACHE_SWEEP_BYTES = 16 << 20;
/**
 * In a meeting the server idles between updates (10 ms at 100 updates a second, 50 at 20). On this
 * virtual machine a system call after such a pause costs several times what it costs back to back,
 * and an append is eight of them (six WAL lock calls, two writes), so idling is measured too, with
 * one bare system call alongside for scale.
 */
const IDLE_MS = 20;
const IDLE_APPENDS = 500;

export async function logCost(appends: number): Promise<LogCostResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'council-log-'));
  const db = openDatabase(path.join(dir, 'council.sqlite'));
  try {
    const store = new SqliteDocumentStore(db);
    // A typed character with its formatting, about what an editor sends per keystroke.
    const update = new Uint8Array(40).fill(7);
    const state = new Uint8Array(100_000).fill(3);
    const sweep = new Uint8Array(CACHE_SWEEP_BYTES);
    const append = async (i: number) => {
      const seq = store.appendUpdate('meeting:bench', update);
      if (i % LIMITS.updateLogCompactAt === 0) await store.compact('meeting:bench', state, seq);
    };
    const fd = fs.openSync(path.join(dir, 'council.sqlite'), 'r');
    const systemCall = async () => {
      fs.fstatSync(fd);
    };
    const run = async (count: number, between: () => unknown, timed: (i: number) => Promise<void> = append) => {
      let cpuMicros = 0;
      let wallMs = 0;
      for (let i = 1; i <= count; i++) {
        await between();
        const cpu = process.cpuUsage();
        const started = performance.now();
        await timed(i);
        wallMs += performance.now() - started;
        const used = process.cpuUsage(cpu);
        cpuMicros += used.user + used.system;
      }
      return { cpuMicrosEach: cpuMicros / count, wallMicrosEach: (wallMs * 1000) / count };
    };
    const nothing = () => {};
    const sweepCaches = () => {
      for (let i = 0; i < sweep.length; i += 64) sweep[i] = (sweep[i] as number) + 1;
    };
    const idle = () => new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    await run(2000, nothing); // warm-up
    const results: LogCostResult[] = [];
    for (const [what, between, count, fn, timed] of [
      ['append', 'nothing (back to back)', appends, nothing, append],
      ['append', '16 MB of memory touched', Math.ceil(appends / 10), sweepCaches, append],
      ['append', `${IDLE_MS} ms idle`, IDLE_APPENDS, idle, append],
      ['one system call (fstat)', 'nothing (back to back)', appends, nothing, systemCall],
      ['one system call (fstat)', `${IDLE_MS} ms idle`, IDLE_APPENDS, idle, systemCall],
    ] as const) {
      const updateBytes = timed === append ? update.length : 0;
      results.push({ what, between, times: count, updateBytes, ...(await run(count, fn, timed)) });
    }
    fs.closeSync(fd);
    return results;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function logCostTable(results: LogCostResult[]): string {
  return table(
    ['timed', 'between', 'times', 'update bytes', 'CPU µs each (compaction included)', 'wall µs each'],
    results.map((r) => [
      r.what,
      r.between,
      r.times,
      r.updateBytes,
      fixed(r.cpuMicrosEach, 1),
      fixed(r.wallMicrosEach, 1),
    ]),
  );
}
