/**
 * Meeting papers (issue 19): what uploading large files costs the server's memory, and whether
 * reading a large PDF's text slows the collaboration server.
 *
 * Usage: pnpm bench:papers [--only upload,extract] [--kinds png,pdf] [--concurrency 1,4] [--files 4]
 *        [--file-mb 50] [--extract-mb 100] [--extract-pages 10000] [--duration 20] [--warmup 5]
 *        [--sample-ms 20] [--niced]
 *
 * - upload: `files` files of at most `file-mb` MB each (MB = 2^20 bytes, as the server's limits),
 *   written to disk first, streamed from disk over HTTP on 127.0.0.1 to a Council server in its own
 *   process, `concurrency` at a time, for each kind: real PNGs of random noise (their text is not
 *   read: the upload alone) and PDFs of three pages padded with random bytes (the extraction worker
 *   reads each, in the same process, while the next arrives). A fresh server for each kind and
 *   concurrency: its idle RSS after a full GC, then its RSS every `sample-ms` during the uploads
 *   and until every text is read, and its kernel-kept peak (VmHWM, reset after the idle figure).
 *   Target: the peak at most 50 MB above idle.
 * - extract: a PDF of `extract-pages` pages of text padded to about `extract-mb` MB. First read
 *   alone (how long, how much CPU and memory, the longest event-loop wait); then the sync
 *   benchmark's fan-out at 10 writers and 100 viewers, once plainly and once while the same server
 *   stores that PDF as a paper and reads it (sent before the warm-up, so that the window sees the
 *   reading, not the storing). Target: fan-out p99 within 10% of the plain run's. `--niced` adds
 *   a third run in which the threads the reading starts are set to nice 19 from outside, to see
 *   what an extraction at lower CPU priority would leave of the difference.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fanout, fanoutTable } from '../sync/fanout.ts';
import { collectGarbage, launchServer, type RunningServer, removeData, stopServer } from '../sync/launch.ts';
import { cpuSeconds, machineDescription, memory, nextMessage, sleep } from '../sync/proc.ts';
import { fixed, table } from '../sync/results.ts';
import { writeNoisePng, writePaddedPdf, writeTextPdf } from './files.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'upload,extract' },
    kinds: { type: 'string', default: 'png,pdf' },
    concurrency: { type: 'string', default: '1,4' },
    files: { type: 'string', default: '4' },
    'file-mb': { type: 'string', default: '50' },
    'extract-mb': { type: 'string', default: '100' },
    'extract-pages': { type: 'string', default: '10000' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    'sample-ms': { type: 'string', default: '20' },
    niced: { type: 'boolean', default: false },
  },
});
const list = (value: string | undefined) => (value ?? '').split(',').filter(Boolean);
const wanted = (part: string) => list(values.only).includes(part);
const MiB = 1024 * 1024;
const mb = (bytes: number) => bytes / MiB;
const sampleMs = Number(values['sample-ms']);
const has =
  <K extends string>(key: K) =>
  (m: unknown): m is Record<K, never> =>
    typeof m === 'object' && m !== null && key in m;

console.log(`pnpm bench:papers ${process.argv.slice(2).join(' ')}`);
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`${machineDescription()}, ${new Date().toISOString()}, load average ${load()}\n`);
process.on('exit', () => console.log(`\n${new Date().toISOString()}, load average ${load()}`));

// Every generated file lives here and goes when the benchmark ends, however it ends.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'council-bench-papers-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

interface PaperTarget {
  url: string;
  token: string;
  meetingId: string;
  itemId: string;
}

/** Samples a process's RSS every `everyMs` until stopped. */
class RssSampler {
  private readonly samples: { at: number; rss: number }[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(pid: number, everyMs: number) {
    const sample = () => this.samples.push({ at: performance.now(), rss: memory(pid).rss });
    sample();
    this.timer = setInterval(sample, everyMs);
  }

  /** The largest sample taken between `from` and `to` (performance.now() times). */
  max(from = 0, to = Number.POSITIVE_INFINITY): number {
    let max = 0;
    for (const s of this.samples) if (s.at >= from && s.at <= to && s.rss > max) max = s.rss;
    return max;
  }

  get count(): number {
    return this.samples.length;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Resets the kernel's peak RSS (VmHWM) of a process to its current RSS (Linux ≥ 4.0). */
function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Where to upload; the server made a meeting and a chair for it. */
async function paperTarget(server: RunningServer): Promise<PaperTarget> {
  server.child.send({ paperTarget: true });
  const { paperTarget: target } = (await nextMessage(server.child, has('paperTarget'))) as unknown as {
    paperTarget: PaperTarget;
  };
  if (new URL(target.url).hostname !== '127.0.0.1') throw new Error(`not this machine: ${target.url}`);
  return target;
}

/** RSS after setup has settled and a full GC has run, twice. */
async function idleRss(server: RunningServer): Promise<number> {
  await sleep(1000);
  await collectGarbage(server);
  await sleep(500);
  await collectGarbage(server);
  return memory(server.pid).rss;
}

/** Streams a file from disk as the body of an upload, with its Content-Length. */
function upload(target: PaperTarget, file: string, name: string): Promise<{ ms: number; extraction: string }> {
  const size = fs.statSync(file).size;
  const url = `${target.url}/api/meetings/${target.meetingId}/items/${target.itemId}/papers?name=${encodeURIComponent(name)}`;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${target.token}`,
          'content-type': 'application/octet-stream',
          'content-length': String(size),
        },
        timeout: 120_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 201) {
            reject(new Error(`upload of ${name}: ${response.statusCode} ${text.slice(0, 300)}`));
            return;
          }
          const body = JSON.parse(text) as { current: { extraction: string; size: number } };
          if (body.current.size !== size)
            reject(new Error(`upload of ${name}: stored ${body.current.size} of ${size}`));
          resolve({ ms: performance.now() - start, extraction: body.current.extraction });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`upload of ${name} timed out`)));
    request.on('error', reject);
    const source = fs.createReadStream(file);
    source.on('error', (error) => request.destroy(error));
    source.pipe(request);
  });
}

interface UploadResult {
  kind: string;
  files: number;
  totalBytes: number;
  concurrency: number;
  uploadSeconds: number;
  extraction: string;
  readSeconds: number;
  idle: number;
  uploadPeak: number;
  peak: number;
  kernelPeak: number | null;
  after: number;
  serverCpuSeconds: number;
  samples: number;
}

async function uploadRun(kind: string, files: string[], concurrency: number): Promise<UploadResult> {
  const server = await launchServer('council', 1);
  try {
    const target = await paperTarget(server);
    const idle = await idleRss(server);
    const peakReset = resetPeak(server.pid);
    const sampler = new RssSampler(server.pid, sampleMs);
    const cpuStart = cpuSeconds(server.pid);
    const start = performance.now();
    const answers: { ms: number; extraction: string }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < files.length; i = next++) {
          answers[i] = await upload(target, files[i] as string, `Bilag ${i + 1}.${kind}`);
        }
      }),
    );
    const uploaded = performance.now();
    server.child.send({ papersIdle: true });
    await nextMessage(server.child, has('papersIdle'), 600_000);
    const read = performance.now();
    await sleep(2000); // and what follows
    sampler.stop();
    const serverCpuSeconds = cpuSeconds(server.pid) - cpuStart;
    const kernelPeak = peakReset ? memory(server.pid).peak : null;
    await collectGarbage(server);
    const after = memory(server.pid).rss;
    return {
      kind,
      files: files.length,
      totalBytes: files.reduce((sum, file) => sum + fs.statSync(file).size, 0),
      concurrency,
      uploadSeconds: (uploaded - start) / 1000,
      extraction: [...new Set(answers.map((a) => a.extraction))].join(', '),
      readSeconds: (read - uploaded) / 1000,
      idle,
      uploadPeak: sampler.max(start, uploaded),
      peak: Math.max(sampler.max(), kernelPeak ?? 0),
      kernelPeak,
      after,
      serverCpuSeconds,
      samples: sampler.count,
    };
  } finally {
    await stopServer(server, 'SIGTERM');
    removeData(server);
  }
}

if (wanted('upload')) {
  const count = Number(values.files);
  const fileBytes = Number(values['file-mb']) * MiB;
  const results: UploadResult[] = [];
  for (const kind of list(values.kinds)) {
    const started = performance.now();
    const files: string[] = [];
    for (let i = 0; i < count; i++) {
      const file = path.join(dir, `upload-${i + 1}.${kind}`);
      if (kind === 'png') writeNoisePng(file, fileBytes);
      else if (kind === 'pdf') await writePaddedPdf(file, fileBytes, `Bilag ${i + 1}`);
      else throw new Error(`--kinds: png or pdf, not ${kind}`);
      files.push(file);
    }
    console.log(`${count} ${kind} files written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const concurrency of list(values.concurrency).map(Number)) {
      const result = await uploadRun(kind, files, concurrency);
      results.push(result);
      console.log(
        `${kind}, ${concurrency} at a time: idle ${fixed(mb(result.idle))} MB, peak ${fixed(mb(result.peak))} MB (+${fixed(mb(result.peak - result.idle))})`,
      );
    }
    for (const file of files) fs.rmSync(file, { force: true });
  }
  console.log(
    `\nUploads: ${count} files each, streamed from disk over HTTP on 127.0.0.1; RSS sampled every ${sampleMs} ms; MB = 2^20 bytes`,
  );
  console.log(
    table(
      [
        'kind',
        'files, MB in all',
        'at once',
        'upload s (MB/s)',
        'text read',
        'idle RSS MB (GC’d)',
        'peak while uploading (sampled)',
        'peak overall (VmHWM)',
        'peak − idle',
        '≤ 50 MB',
        'after, GC’d',
        'server CPU s',
      ],
      results.map((r) => [
        r.kind,
        `${r.files}, ${fixed(mb(r.totalBytes))}`,
        r.concurrency,
        `${fixed(r.uploadSeconds, 2)} (${fixed(mb(r.totalBytes) / r.uploadSeconds, 0)})`,
        r.extraction === 'none'
          ? 'none (not extracted)'
          : `${r.extraction}; read ${fixed(r.readSeconds)} s after the last upload`,
        fixed(mb(r.idle)),
        `${fixed(mb(r.uploadPeak))} (+${fixed(mb(r.uploadPeak - r.idle))})`,
        r.kernelPeak === null ? `${fixed(mb(r.peak))} (sampled)` : fixed(mb(r.kernelPeak)),
        `+${fixed(mb(r.peak - r.idle))}`,
        mb(r.peak - r.idle) <= 50 ? 'yes' : '**no**',
        `${fixed(mb(r.after))} (+${fixed(mb(r.after - r.idle))})`,
        fixed(r.serverCpuSeconds, 2),
      ]),
    ),
  );
}

interface PaperRead {
  extraction: string;
  error: string | null;
  pages: number | null;
  readMs: number;
  indexMs: number;
  /** [when from the start of the upload, how long], ms, for each event-loop stall of 50 ms or more. */
  stalls: [number, number][];
}

/** Watches a server's answers about the paper it was asked to store: when each came. */
function watchPaper(server: RunningServer) {
  const seen: { stored?: { at: number; ms: number }; read?: { at: number; value: PaperRead }; error?: string } = {};
  server.child.on('message', (m: unknown) => {
    if (has('paperStored')(m)) seen.stored = { at: performance.now(), ms: (m.paperStored as { ms: number }).ms };
    if (has('paperRead')(m)) seen.read = { at: performance.now(), value: m.paperRead as PaperRead };
    if (has('paperError')(m)) seen.error = m.paperError as string;
  });
  return seen;
}

if (wanted('extract')) {
  const pages = Number(values['extract-pages']);
  const file = path.join(dir, 'extract.pdf');
  const env = { COUNCIL_MAX_PAPER_MB: String(Math.ceil(Number(values['extract-mb']) * 1.2)) };
  const durationMs = Number(values.duration) * 1000;
  const warmupMs = Number(values.warmup) * 1000;
  const name = 'Bilag med mange sider.pdf';

  let started = performance.now();
  const size = await writeTextPdf(file, pages, Number(values['extract-mb']) * MiB);
  console.log(
    `\nA PDF of ${pages} pages of text, ${fixed(mb(size))} MB, written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // Alone: how long the worker takes, and what it costs the server process.
  const server = await launchServer('council', 1, undefined, env);
  let alone: { storeMs: number; read: PaperRead; cpu: number; idle: number; peak: number | null; samplePeak: number };
  try {
    await paperTarget(server);
    const idle = await idleRss(server);
    const peakReset = resetPeak(server.pid);
    const sampler = new RssSampler(server.pid, 100);
    const cpuStart = cpuSeconds(server.pid);
    const seen = watchPaper(server);
    started = performance.now();
    server.child.send({ storePaper: { file, name, watchLoop: true } });
    while (!seen.read && !seen.error && performance.now() - started < 600_000) await sleep(100);
    sampler.stop();
    if (!seen.read || !seen.stored) throw new Error(`the paper was not read: ${seen.error ?? 'no answer in 600 s'}`);
    alone = {
      storeMs: seen.stored.ms,
      read: seen.read.value,
      cpu: cpuSeconds(server.pid) - cpuStart,
      idle,
      peak: peakReset ? memory(server.pid).peak : null,
      samplePeak: sampler.max(),
    };
  } finally {
    await stopServer(server, 'SIGTERM');
    removeData(server);
  }
  const { read } = alone;
  console.log(
    `Alone: stored in ${fixed(alone.storeMs / 1000, 2)} s; text ${read.extraction}${read.error ? ` (${read.error})` : ''}, ${read.pages ?? 0} pages, read and stored in ${fixed(read.readMs / 1000)} s (then ${fixed(read.indexMs / 1000, 2)} s to drain the outbox); ` +
      `server CPU ${fixed(alone.cpu)} s; event loop stalled ${read.stalls.length ? read.stalls.map(([at, ms]) => `${ms} ms at ${fixed(at / 1000)} s`).join(', ') : 'never'} (≥ 50 ms, from the upload's start); ` +
      `RSS idle ${fixed(mb(alone.idle))} MB, peak ${fixed(mb(alone.peak ?? alone.samplePeak))} MB (+${fixed(mb((alone.peak ?? alone.samplePeak) - alone.idle))})`,
  );

  const plain = await fanout('council', 10, 100, durationMs, warmupMs, { env });
  const extracting = await fanoutWhileReading(file, name, durationMs, warmupMs, env, false);
  const niced = values.niced ? await fanoutWhileReading(file, name, durationMs, warmupMs, env, true) : null;
  console.log(
    `\nFan-out at (10, 100), ${durationMs / 1000} s after a ${warmupMs / 1000} s warm-up: plainly; while the same server reads the text of that PDF${niced ? '; the same with the reading thread at nice 19' : ''}`,
  );
  console.log(fanoutTable([plain, extracting.result, ...(niced ? [niced.result] : [])]));
  for (const run of [extracting, ...(niced ? [niced] : [])]) {
    const ratio = (run.result.latencyMs.p99 ?? Number.NaN) / (plain.latencyMs.p99 ?? Number.NaN);
    console.log(
      `\n${run.niced ? 'Reading at nice 19' : 'Reading'}: p99 ${fixed(run.result.latencyMs.p99)} ms against ${fixed(plain.latencyMs.p99)} ms plainly, ${fixed(ratio, 2)}× (${ratio <= 1.1 ? 'within' : '**not** within'} 10%)`,
    );
    for (const line of run.coverage) console.log(line);
  }
}

/**
 * The fan-out while the server stores `file` as a paper and reads its text, asked before the
 * warm-up round. `niced`: every thread the reading starts that uses CPU is set to nice 19 from
 * outside (setpriority on its thread id), as an extraction in a process of lower priority would
 * be; the server's code is the same.
 */
async function fanoutWhileReading(
  file: string,
  name: string,
  durationMs: number,
  warmupMs: number,
  env: NodeJS.ProcessEnv,
  niced: boolean,
) {
  let seen: ReturnType<typeof watchPaper> = {};
  let askedAt = 0;
  let renice: NodeJS.Timeout | undefined;
  const reniced = new Map<number, number>();
  const result = await fanout('council', 10, 100, durationMs, warmupMs, {
    env,
    // Stored before the warm-up round, so that the window sees the worker reading, not the storing.
    beforeWarmup: (running) => {
      seen = watchPaper(running);
      const before = new Set(threads(running.pid));
      askedAt = performance.now();
      running.child.send({ storePaper: { file, name } });
      if (niced) {
        renice = setInterval(() => {
          for (const tid of threads(running.pid)) {
            if (before.has(tid) || reniced.has(tid)) continue;
            const ticks = threadTicks(running.pid, tid);
            if (ticks < 20) continue; // not (yet) busy: a thread of the pool, say
            try {
              os.setPriority(tid, 19);
              reniced.set(tid, ticks);
            } catch {
              // gone already
            }
          }
        }, 200);
      }
    },
  });
  clearInterval(renice);
  const ended = performance.now();
  const since = (at: number) => `${fixed((at - askedAt) / 1000)} s`;
  const coverage: string[] = [];
  if (seen.error) coverage.push(`the paper could not be stored: ${seen.error}`);
  else if (!seen.stored) coverage.push('the paper was never stored');
  else {
    coverage.push(
      `paper stored ${since(seen.stored.at)} after it was sent, before the warm-up round of ${warmupMs / 1000} s` +
        `${seen.stored.at - askedAt < warmupMs ? ' could end: its reading began before the measured window' : ' … **after** the warm-up could have ended'}`,
    );
    coverage.push(
      seen.read
        ? `its text was ${seen.read.value.extraction} ${since(seen.read.at)} after it was sent; the run ended ${since(ended)} after, its window being the ${fixed(result.seconds)} s before the servers stopped`
        : `its text was still being read when the run ended and the server stopped, ${since(ended)} after it was sent: the reading covered the whole window`,
    );
  }
  if (niced) coverage.push(`threads set to nice 19: ${reniced.size}`);
  return { result, coverage, niced };
}

/** The thread ids of a process. */
function threads(pid: number): number[] {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [];
  }
}

/** CPU ticks (user + system) a thread has used. */
function threadTicks(pid: number, tid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}
