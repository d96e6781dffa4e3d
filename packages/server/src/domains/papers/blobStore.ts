import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where the bytes of meeting papers live, by the SHA-256 of their content: the same file uploaded
 * twice is stored once, and a name can never point at other bytes. Metadata is in SQLite; a blob is
 * only ever referenced after `commit` has made it durable, so an acknowledged upload is never lost.
 * The disk store below is the default; an S3-compatible one can implement the same interface.
 */
export interface BlobStore {
  /** Streams `source` into a staging file, hashing as it goes, refusing past `maxBytes`. */
  stage(source: Readable, maxBytes: number): Promise<StagedBlob>;
  /** The blob's bytes, or the inclusive byte range of them; throws if it is not stored. */
  open(sha256: string, range?: { start: number; end: number }): Readable;
  has(sha256: string): boolean;
  /** Runs `use` with the blob as a local file (a remote store would fetch it to a temporary one first). */
  withLocalFile<T>(sha256: string, use: (file: string) => Promise<T>): Promise<T>;
  /** Every stored blob with the time it was stored, for garbage collection and backups. */
  list(): { sha256: string; storedAt: Date; size: number }[];
  remove(sha256: string): void;
}

/** A file received whole but not yet stored: inspect it at `path`, then commit or discard it. */
export interface StagedBlob {
  sha256: string;
  size: number;
  /** A local file holding the bytes, to be read while deciding whether to keep them. */
  path: string;
  /** Makes the blob durable under its hash (fsynced, then renamed into place). */
  commit(): Promise<void>;
  discard(): void;
}

/** The upload was larger than allowed: nothing of it was kept. */
export class BlobTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${limit} bytes.`);
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

export class DiskBlobStore implements BlobStore {
  private readonly staging: string;

  constructor(private readonly root: string) {
    this.staging = path.join(root, 'staging');
    fs.mkdirSync(this.staging, { recursive: true });
  }

  /**
   * What a crash left half-received is worthless: nobody was told it was stored. Only the server
   * calls this, at start: the command line (backup, gc) must not touch an upload in progress.
   */
  clearStaging(): void {
    for (const name of fs.readdirSync(this.staging)) fs.rmSync(path.join(this.staging, name), { force: true });
  }

  async stage(source: Readable, maxBytes: number): Promise<StagedBlob> {
    const file = path.join(this.staging, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    try {
      await receive(source, fs.createWriteStream(file, { flags: 'wx' }), (chunk) => {
        size += chunk.length;
        if (size > maxBytes) throw new BlobTooLarge(maxBytes);
        hash.update(chunk);
      });
    } catch (error) {
      fs.rmSync(file, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    const target = this.pathOf(sha256);
    return {
      sha256,
      size,
      path: file,
      commit: async () => {
        if (fs.existsSync(target)) {
          // Stored already (perhaps by an upload a crash left unrecorded): touched, so that garbage
          // collection, which spares what is younger than its grace period, leaves it to this one.
          const now = new Date();
          fs.utimesSync(target, now, now);
          fs.rmSync(file, { force: true });
          return;
        }
        await fsyncFile(file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.renameSync(file, target);
        // The rename itself is durable only once its directory is.
        await fsyncFile(path.dirname(target));
      },
      discard: () => fs.rmSync(file, { force: true }),
    };
  }

  open(sha256: string, range?: { start: number; end: number }): Readable {
    return fs.createReadStream(this.pathOf(sha256), range);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  withLocalFile<T>(sha256: string, use: (file: string) => Promise<T>): Promise<T> {
    return use(this.pathOf(sha256));
  }

  list(): { sha256: string; storedAt: Date; size: number }[] {
    const found: { sha256: string; storedAt: Date; size: number }[] = [];
    for (const dir of fs.readdirSync(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of fs.readdirSync(path.join(this.root, dir))) {
        if (!SHA256.test(name)) continue;
        const stat = fs.statSync(path.join(this.root, dir, name));
        found.push({ sha256: name, storedAt: stat.mtime, size: stat.size });
      }
    }
    return found;
  }

  remove(sha256: string): void {
    fs.rmSync(this.pathOf(sha256), { force: true });
  }

  /** `ab/abcdef…`: two hex digits of fan-out keep directories small. */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }
}

/**
 * Copies `source` into `out`, calling `inspect` on each chunk first (it may throw to refuse). Unlike
 * `pipeline`, a refusal or a full disk does not destroy `source`: the rest of it is read and
 * dropped, so that an HTTP request can still be answered with why (a destroyed request leaves the
 * browser only a reset connection). A source that fails (the browser went away) rejects at once.
 */
function receive(source: Readable, out: fs.WriteStream, inspect: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      out.destroy();
      source.off('data', onData);
      source.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      try {
        inspect(chunk);
      } catch (error) {
        return fail(error as Error);
      }
      if (!out.write(chunk)) source.pause();
    };
    source.on('data', onData);
    out.on('drain', () => source.resume());
    out.on('error', fail);
    out.on('finish', () => {
      if (!failed) resolve();
    });
    source.on('error', fail);
    // An HTTP request that is cut off closes without ending.
    source.on('close', () => {
      if (!source.readableEnded) fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    });
    source.on('end', () => {
      if (!failed) out.end();
    });
  });
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
