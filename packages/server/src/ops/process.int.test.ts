import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startChildServer } from '../testing/childServer.ts';
import { tempDatabaseFile } from '../testing/server.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('the server as its own process', () => {
  // On Node 24.19 and later, better-sqlite3 12 built from source aborts the process ("Assertion
  // failed: (env) != nullptr" in RemoveEnvironmentCleanupHook) when V8 finalises a collected
  // Statement, which happens while the server starts. patches/better-sqlite3@12.11.1.patch mends
  // the addon; without it this test fails on Node 24.21 (SIGABRT at start-up, nearly every run),
  // and it passes on Node 20 either way.
  it('starts, answers and stops on SIGTERM with exit code 0', async () => {
    const { child, port } = await startChildServer(tempDatabaseFile(), children);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});
