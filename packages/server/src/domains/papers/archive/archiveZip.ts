import { createHash } from 'node:crypto';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/**
 * The archival ZIP of a meeting: the archive PDF, metadata.json, every paper as uploaded, and
 * SHA256SUMS over all of them (`sha256sum -c SHA256SUMS` checks an unpacked copy). It is written
 * as it is made: a paper is streamed from its file in chunks, and the next chunk is read only when
 * the output has taken the last one, so a meeting with large papers costs little memory.
 */

export interface ArchiveZipPaper {
  /** Where the paper goes in the ZIP, e.g. 'bilag/03-01 Budget.pdf'; made safe here. */
  path: string;
  /** The SHA-256 recorded at upload, lowercase hex; the streamed bytes are checked against it. */
  sha256: string;
  open: () => NodeJS.ReadableStream;
}

export interface ArchiveZipEntries {
  pdf: Uint8Array;
  pdfName: string;
  /** Written as pretty-printed JSON to metadata.json. */
  metadata: unknown;
  papers: ArchiveZipPaper[];
  /** The entries' modification time (ISO); the time of writing when absent. */
  modifiedAt?: string;
}

const METADATA = 'metadata.json';
const SUMS = 'SHA256SUMS';
/** fflate writes no ZIP64 records: sizes and offsets must stay below 4 GiB. */
const ZIP32_LIMIT = 0xffff_ffff;
/** The archive PDF is pushed in slices of this size, so that the output's backpressure is heard. */
const SLICE = 256 * 1024;

/**
 * Writes the ZIP to `out` and ends it. Rejects when `out` fails or closes early, when a paper's
 * stream fails, or when a paper's bytes do not match its SHA-256; `out` is then left unended, and
 * the caller should destroy it (an HTTP response then shows the download as failed, not complete).
 */
export async function writeArchiveZip(out: NodeJS.WritableStream, entries: ArchiveZipEntries): Promise<void> {
  const sink = new Sink(out);
  const zip = new Zip((err, chunk) => (err ? sink.fail(err) : sink.write(chunk)));
  const mtime = entries.modifiedAt ? new Date(entries.modifiedAt) : new Date();
  const names = new UniqueNames();
  const sums: string[] = [];
  try {
    const pdfName = names.claim(entries.pdfName);
    const metadataName = names.claim(METADATA);
    const sumsName = names.claim(SUMS);
    await addBytes(zip, sink, new ZipPassThrough(pdfName), entries.pdf, mtime);
    sums.push(sumLine(sha256(entries.pdf), pdfName));

    const metadata = new TextEncoder().encode(`${JSON.stringify(entries.metadata ?? null, null, 2)}\n`);
    await addBytes(zip, sink, new ZipDeflate(metadataName, { level: 9 }), metadata, mtime);
    sums.push(sumLine(sha256(metadata), metadataName));

    for (const paper of entries.papers) {
      const expected = checkedSha256(paper);
      const path = names.claim(paper.path);
      await addStream(zip, sink, new ZipPassThrough(path), paper.open(), expected, mtime);
      sums.push(sumLine(expected, path));
    }

    const sumsBytes = new TextEncoder().encode(sums.join(''));
    await addBytes(zip, sink, new ZipDeflate(sumsName, { level: 9 }), sumsBytes, mtime);
    // The central directory records each entry's offset in 32 bits.
    if (sink.bytes > ZIP32_LIMIT) throw new Error('The archive is over 4 GiB, which a ZIP without ZIP64 cannot hold');
    zip.end();
    await sink.end();
  } catch (error) {
    zip.terminate();
    throw error;
  } finally {
    sink.dispose();
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A line in GNU sha256sum's format: the hash, two spaces (text mode), the path. */
const sumLine = (hash: string, path: string) => `${hash}  ${path}\n`;

function checkedSha256(paper: ArchiveZipPaper): string {
  const hash = paper.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`Paper ${paper.path} has no valid SHA-256`);
  return hash;
}

/**
 * The entry's time, and "made on Unix" with plain file permissions: an entry said to come from
 * MS-DOS has its UTF-8 name read as code page 437 by Info-ZIP's unzip (Debian's), which then writes
 * "Opstartsm+¦de" and `sha256sum -c` cannot find the file.
 */
function stamp(file: ZipPassThrough | ZipDeflate, mtime: Date): void {
  file.mtime = mtime;
  file.os = 3;
  file.attrs = 0o100644 << 16;
}

async function addBytes(
  zip: Zip,
  sink: Sink,
  file: ZipPassThrough | ZipDeflate,
  bytes: Uint8Array,
  mtime: Date,
): Promise<void> {
  stamp(file, mtime);
  zip.add(file);
  let offset = 0;
  do {
    const end = Math.min(bytes.length, offset + SLICE);
    file.push(bytes.subarray(offset, end), end === bytes.length);
    offset = end;
    await sink.ready();
  } while (offset < bytes.length);
}

/**
 * Streams one paper in: each chunk is hashed and passed through, and the next is read only once
 * the output has room. The file is finished only if its hash is the recorded one, so a paper that
 * changed on disk fails the archive instead of contradicting SHA256SUMS.
 */
async function addStream(
  zip: Zip,
  sink: Sink,
  file: ZipPassThrough,
  stream: NodeJS.ReadableStream,
  expected: string,
  mtime: Date,
): Promise<void> {
  stamp(file, mtime);
  zip.add(file);
  const hash = createHash('sha256');
  let size = 0;
  // A failing output stops the read at once, also while it waits for a slow disk.
  const stop = sink.onFail((error) => destroy(stream, error));
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > ZIP32_LIMIT) throw new Error(`Paper ${file.filename} is over 4 GiB`);
      hash.update(bytes);
      file.push(bytes, false);
      await sink.ready();
    }
  } finally {
    stop();
  }
  const actual = hash.digest('hex');
  if (actual !== expected) throw new Error(`Paper ${file.filename} has SHA-256 ${actual}, not ${expected} as recorded`);
  file.push(new Uint8Array(0), true);
  await sink.ready();
}

function destroy(stream: NodeJS.ReadableStream, error: Error): void {
  const destroyable = stream as NodeJS.ReadableStream & { destroy?: (error?: Error) => void };
  destroyable.destroy?.(error);
}

/**
 * The output, as the ZIP writer sees it: writes that respect its backpressure, and its failure
 * (an error, or a close before it finished, as when a client goes away) turned into a rejection.
 */
class Sink {
  bytes = 0;
  private failure: Error | null = null;
  private blocked = false;
  private finished = false;
  private readonly waiters = new Set<{ resolve: () => void; reject: (error: Error) => void }>();
  private readonly failHandlers = new Set<(error: Error) => void>();

  constructor(private readonly out: NodeJS.WritableStream) {
    out.on('error', this.onError);
    out.on('close', this.onClose);
    out.on('drain', this.onDrain);
    out.on('finish', this.onFinish);
  }

  private readonly onError = (error: Error) => this.fail(error);
  private readonly onClose = () => {
    if (!this.finished) this.fail(new Error('The output closed before the archive was written'));
  };
  private readonly onDrain = () => {
    this.blocked = false;
    this.settle();
  };
  private readonly onFinish = () => {
    this.finished = true;
    this.settle();
  };

  write(chunk: Uint8Array): void {
    if (this.failure) return;
    this.bytes += chunk.length;
    if (!this.out.write(chunk)) this.blocked = true;
  }

  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const handler of this.failHandlers) handler(error);
    this.settle();
  }

  /** Calls `handler` if the output fails; returns a function that stops listening. */
  onFail(handler: (error: Error) => void): () => void {
    this.failHandlers.add(handler);
    return () => this.failHandlers.delete(handler);
  }

  /** Resolves when the output can take more, rejects when it has failed. */
  ready(): Promise<void> {
    return this.wait(() => !this.blocked);
  }

  /** Ends the output and resolves once it has flushed everything. */
  end(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.out.end();
    return this.wait(() => this.finished);
  }

  dispose(): void {
    this.out.removeListener('error', this.onError);
    this.out.removeListener('close', this.onClose);
    this.out.removeListener('drain', this.onDrain);
    this.out.removeListener('finish', this.onFinish);
  }

  private wait(done: () => boolean): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: () => {
          if (!done()) return;
          this.waiters.delete(waiter);
          resolve();
        },
        reject,
      };
      this.waiters.add(waiter);
    });
  }

  private settle(): void {
    for (const waiter of [...this.waiters]) {
      if (this.failure) {
        this.waiters.delete(waiter);
        waiter.reject(this.failure);
      } else {
        waiter.resolve();
      }
    }
  }
}

/**
 * Names inside the ZIP, made safe for any unzip tool and file system, and unique (ignoring case,
 * for Windows and macOS): a second 'bilag/budget.pdf' becomes 'bilag/budget (2).pdf'.
 */
class UniqueNames {
  private readonly taken = new Set<string>();

  claim(path: string): string {
    const safe = safeZipPath(path);
    const dot = safe.lastIndexOf('.');
    const hasExtension = dot > safe.lastIndexOf('/') + 1;
    const stem = hasExtension ? safe.slice(0, dot) : safe;
    const extension = hasExtension ? safe.slice(dot) : '';
    let name = safe;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = `${stem} (${n})${extension}`;
    this.taken.add(name.toLowerCase());
    return name;
  }
}

/** Control and direction-changing characters, which could hide or disguise a name in a listing. */
const UNSAFE_CHARS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** Characters Windows does not allow in a file name. */
const WINDOWS_CHARS = /[<>:"|?*]/g;
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
/** Most file systems allow 255 bytes per name. */
const MAX_SEGMENT_BYTES = 255;

/**
 * A relative path with '/' between its parts and none of them empty, '.' or '..', so that no unzip
 * tool writes outside the folder it unpacks into. fflate marks a name UTF-8 in the ZIP whenever
 * it has a character beyond ASCII (and ASCII reads the same in every encoding).
 */
export function safeZipPath(path: string): string {
  const segments = path
    .normalize('NFC')
    .replace(/\\/g, '/')
    .split('/')
    .map(safeSegment)
    .filter((segment) => segment !== '');
  return segments.length > 0 ? segments.join('/') : 'unnamed';
}

function safeSegment(segment: string): string {
  // Trailing dots and spaces are dropped by Windows, so '..' and '. .' come out empty too.
  let safe = segment
    .replace(UNSAFE_CHARS, '')
    .replace(WINDOWS_CHARS, '_')
    .trim()
    .replace(/[. ]+$/, '');
  if (WINDOWS_DEVICES.test(safe)) safe = `_${safe}`;
  return truncateBytes(safe, MAX_SEGMENT_BYTES);
}

/** Shortens a name to `max` UTF-8 bytes, from the end of its stem so that its extension stays. */
function truncateBytes(name: string, max: number): string {
  if (Buffer.byteLength(name) <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  const chars = [...name.slice(0, name.length - extension.length)];
  while (chars.length > 0 && Buffer.byteLength(chars.join('') + extension) > max) chars.pop();
  return chars.join('').trimEnd() + extension;
}
