import { Worker } from 'node:worker_threads';
import type { PaperKind } from '@council/shared';

export interface ExtractionLimits {
  /** How long one file may take before its worker is stopped. */
  timeoutMs: number;
  /** The worker's heap; past it the worker is stopped, not the server. */
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
 * Reads a paper's text in a worker thread with a time and a memory limit. Never rejects: a file
 * that cannot be read, takes too long or needs too much memory gives `{ error }`, and the worker is
 * gone either way.
 */
export function extractText(
  file: string,
  kind: PaperKind,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
  signal?: AbortSignal,
): Promise<Extracted> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
      workerData: { file, kind, maxChars: limits.maxChars, maxUnpackedBytes: limits.maxUnpackedBytes },
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (result: Extracted) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ error: `took longer than ${limits.timeoutMs / 1000} s` }),
      limits.timeoutMs,
    );
    const abort = () => finish({ error: 'stopped' });
    signal?.addEventListener('abort', abort);
    worker.once('message', (message: Extracted) => finish(message));
    worker.once('error', (err: Error & { code?: string }) =>
      finish({ error: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'needed more memory than allowed' : err.message }),
    );
    worker.once('exit', (code) => finish({ error: `the worker stopped (${code})` }));
  });
}
