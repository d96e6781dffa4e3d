import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { PaperKind } from '@council/shared';

export interface ExtractionLimits {
  /** How long one file may take before its worker is stopped. */
  timeoutMs: number;
  /** The worker process's heap; past it the worker stops, not the server. */
  memoryMb: number;
  /** Most characters of text kept from one file. */
  maxChars: number;
  /** Most bytes the XML part of an Office file may unpack to. */
  maxUnpackedBytes: number;
}

export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = {
  timeoutMs: 120_000,
  memoryMb: 512,
  maxChars: 20_000_000,
  maxUnpackedBytes: 200 * 1024 * 1024,
};

export type Extracted = { pages: string[] } | { error: string };

/**
 * Reads a paper's text in a child process (worker.mjs) with a heap limit, a deadline and the lowest
 * CPU priority: its memory is never the server's, a crash or an endless file costs only it, and the
 * collaboration server's event loop goes first for the CPU. Never rejects: a file that cannot be
 * read, takes too long or needs too much memory gives `{ error }`, and the process is gone either way.
 */
export function extractText(
  file: string,
  kind: PaperKind,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
  signal?: AbortSignal,
): Promise<Extracted> {
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(new URL('./worker.mjs', import.meta.url)), [], {
      // Plain node: not the server's tsx loader, which the worker does not need and would load.
      execArgv: [`--max-old-space-size=${limits.memoryMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      // The start is kept: V8's out-of-memory report is followed by a long native stack.
      if (stderr.length < 64 * 1024) stderr += chunk.toString();
    });
    try {
      if (child.pid) os.setPriority(child.pid, 19);
    } catch {
      // Some containers refuse priority changes; the limits still hold.
    }
    let settled = false;
    const finish = (result: Extracted) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ error: `took longer than ${limits.timeoutMs / 1000} s` }),
      limits.timeoutMs,
    );
    const abort = () => finish({ error: 'stopped' });
    signal?.addEventListener('abort', abort);
    child.once('message', (message: Extracted) => finish(message));
    child.once('error', (err) => finish({ error: err.message }));
    // 'close', not 'exit': by then all it wrote to stderr (V8's out-of-memory report) has been read.
    child.once('close', (code, signalName) =>
      finish({
        error: /heap out of memory|Reached heap limit/i.test(stderr)
          ? 'needed more memory than allowed'
          : `the worker stopped (${code ?? signalName})`,
      }),
    );
    child.send({ file, kind, maxChars: limits.maxChars, maxUnpackedBytes: limits.maxUnpackedBytes });
  });
}
