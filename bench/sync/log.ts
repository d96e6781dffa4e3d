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
  appends: number;
  updateBytes: number;
  cpuMicrosPerAppend: number;
  wallMicrosPerAppend: number;
}

export async function logCost(appends: number): Promise<LogCostResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'council-log-'));
  const db = openDatabase(path.join(dir, 'council.sqlite'));
  try {
    const store = new SqliteDocumentStore(db);
    // A typed character with its formatting, about what an editor sends per keystroke.
    const update = new Uint8Array(40).fill(7);
    const state = new Uint8Array(100_000).fill(3);
    const run = async (count: number) => {
      for (let i = 1; i <= count; i++) {
        const seq = store.appendUpdate('meeting:bench', update);
        if (i % LIMITS.updateLogCompactAt === 0) await store.compact('meeting:bench', state, seq);
      }
    };
    await run(2000); // warm-up
    const cpu = process.cpuUsage();
    const started = performance.now();
    await run(appends);
    const used = process.cpuUsage(cpu);
    return {
      appends,
      updateBytes: update.length,
      cpuMicrosPerAppend: (used.user + used.system) / appends,
      wallMicrosPerAppend: ((performance.now() - started) * 1000) / appends,
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function logCostTable(result: LogCostResult): string {
  return table(
    ['appends', 'update bytes', 'CPU µs per append (compaction included)', 'wall µs per append'],
    [[result.appends, result.updateBytes, fixed(result.cpuMicrosPerAppend, 1), fixed(result.wallMicrosPerAppend, 1)]],
  );
}
