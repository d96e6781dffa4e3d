import { createHash, randomBytes } from 'node:crypto';
import { PassThrough, Readable, Writable } from 'node:stream';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type ArchiveZipEntries, type ArchiveZipPaper, safeZipPath, writeArchiveZip } from './archiveZip.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** An output that keeps what it is given, slowly if asked, so that backpressure is real. */
class Collector extends Writable {
  readonly chunks: Buffer[] = [];
  written = 0;
  constructor(private readonly delayMs = 0) {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    this.written += chunk.length;
    if (this.delayMs) setTimeout(callback, this.delayMs);
    else setImmediate(callback);
  }
  bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks));
  }
}

/** A paper of `size` random bytes, produced 64 KB at a time as it is read; `produced` counts them. */
function lazyPaper(path: string, size: number) {
  const bytes = randomBytes(size);
  const source = { produced: 0 };
  const paper: ArchiveZipPaper = {
    path,
    sha256: sha256(bytes),
    open: () => {
      let offset = 0;
      return new Readable({
        highWaterMark: 64 * 1024,
        read() {
          const chunk = bytes.subarray(offset, offset + 64 * 1024);
          offset += chunk.length;
          source.produced = offset;
          this.push(chunk.length > 0 ? chunk : null);
        },
      });
    },
  };
  return { paper, bytes, source };
}

function papersOf(files: Record<string, Uint8Array>): ArchiveZipPaper[] {
  return Object.entries(files).map(([path, bytes]) => ({
    path,
    sha256: sha256(bytes),
    open: () => Readable.from([Buffer.from(bytes)]),
  }));
}

function entries(overrides: Partial<ArchiveZipEntries>): ArchiveZipEntries {
  return {
    pdf: new TextEncoder().encode('%PDF-1.7 archive'),
    pdfName: 'Rådsmøde 1-2027.pdf',
    metadata: { meeting: 'Rådsmøde 1/2027', papers: 0 },
    papers: [],
    modifiedAt: '2027-02-11T10:15:00Z',
    ...overrides,
  };
}

/** Each entry of the central directory: its name, general-purpose flags and compression method. */
function centralDirectory(zip: Uint8Array): { name: string; flags: number; method: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const result = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    result.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
    });
    at += 46 + nameLength + extra + comment;
  }
  return result;
}

describe('writeArchiveZip', () => {
  it('writes the PDF, metadata.json, every paper and SHA256SUMS, which matches every file', async () => {
    const budget = randomBytes(200_000);
    const slides = new TextEncoder().encode('PK fake pptx ÆØÅ');
    const out = new Collector();
    const metadata = {
      meeting: 'Rådsmøde 1/2027',
      variant: 'council',
      papers: [{ title: 'Budget', sha256: sha256(budget) }],
    };
    await writeArchiveZip(
      out,
      entries({
        metadata,
        papers: papersOf({ 'bilag/01-01 Budget.pdf': budget, 'bilag/03-01 Præsentation.pptx': slides }),
      }),
    );
    expect(out.writableFinished).toBe(true);

    const zip = out.bytes();
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual([
      'Rådsmøde 1-2027.pdf',
      'metadata.json',
      'bilag/01-01 Budget.pdf',
      'bilag/03-01 Præsentation.pptx',
      'SHA256SUMS',
    ]);
    // Compared by hash: vitest's deep equality takes seconds over 200 000 bytes.
    expect(sha256(files['bilag/01-01 Budget.pdf'])).toBe(sha256(budget));
    expect(sha256(files['bilag/03-01 Præsentation.pptx'])).toBe(sha256(slides));
    expect(JSON.parse(new TextDecoder().decode(files['metadata.json']))).toEqual(metadata);

    // sha256sum's format: "<hash>  <path>", one line per file but itself, and every hash right.
    const sums = new TextDecoder().decode(files.SHA256SUMS);
    expect(sums.endsWith('\n')).toBe(true);
    const lines = sums.trimEnd().split('\n');
    expect(lines.map((l) => l.slice(66))).toEqual(Object.keys(files).filter((name) => name !== 'SHA256SUMS'));
    for (const line of lines) {
      const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      expect(match, line).not.toBeNull();
      if (match) expect(sha256(files[match[2]]), match[2]).toBe(match[1]);
    }

    // Papers are stored as they are (they are compressed already); the text files are deflated.
    const directory = centralDirectory(zip);
    const method = Object.fromEntries(directory.map((e) => [e.name, e.method]));
    expect(method).toEqual({
      'Rådsmøde 1-2027.pdf': 0,
      'metadata.json': 8,
      'bilag/01-01 Budget.pdf': 0,
      'bilag/03-01 Præsentation.pptx': 0,
      SHA256SUMS: 8,
    });
    // Names beyond ASCII carry the UTF-8 flag (bit 11).
    for (const entry of directory)
      expect(Boolean(entry.flags & 0x800), entry.name).toBe(/[^\x20-\x7e]/.test(entry.name));
  });

  it('streams a large paper through a slow output without reading far ahead of it', async () => {
    const { paper, bytes, source } = lazyPaper('bilag/02-01 Stor.pdf', 4 * 1024 * 1024);
    const out = new Collector(1);
    let furthestAhead = 0;
    const watch = setInterval(() => {
      furthestAhead = Math.max(furthestAhead, source.produced - out.written);
    }, 1);
    await writeArchiveZip(out, entries({ papers: [paper] }));
    clearInterval(watch);
    expect(sha256(unzipSync(out.bytes())['bilag/02-01 Stor.pdf'])).toBe(sha256(bytes));
    expect(source.produced).toBe(bytes.length);
    // The output's buffer, the stream's buffer and a chunk in hand: far less than the file.
    expect(furthestAhead).toBeLessThan(512 * 1024);
  });

  it('makes every name safe and unique', async () => {
    const a = new TextEncoder().encode('a');
    const b = new TextEncoder().encode('b');
    const papers: ArchiveZipPaper[] = [
      { path: '../../etc/passwd', sha256: sha256(a), open: () => Readable.from([Buffer.from(a)]) },
      { path: '/bilag/01-01 Budget.pdf', sha256: sha256(a), open: () => Readable.from([Buffer.from(a)]) },
      { path: 'bilag\\01-01 budget.PDF', sha256: sha256(b), open: () => Readable.from([Buffer.from(b)]) },
      { path: 'bilag/Ond\u202egnp.exe\u0000\n.pdf', sha256: sha256(b), open: () => Readable.from([Buffer.from(b)]) },
      { path: 'metadata.json', sha256: sha256(b), open: () => Readable.from([Buffer.from(b)]) },
    ];
    const out = new Collector();
    await writeArchiveZip(out, entries({ pdfName: '../Referat.pdf', papers }));
    const names = Object.keys(unzipSync(out.bytes()));
    expect(names).toEqual([
      'Referat.pdf',
      'metadata.json',
      'etc/passwd',
      'bilag/01-01 Budget.pdf',
      'bilag/01-01 budget (2).PDF',
      'bilag/Ondgnp.exe.pdf',
      'metadata (2).json',
      'SHA256SUMS',
    ]);
    const sums = new TextDecoder().decode(unzipSync(out.bytes()).SHA256SUMS);
    expect(sums).toContain(`${sha256(b)}  bilag/01-01 budget (2).PDF\n`);
  });

  it('rejects when the output fails, and stops reading the paper', async () => {
    const { paper, source } = lazyPaper('bilag/stor.pdf', 2 * 1024 * 1024);
    let writes = 0;
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(_chunk, _encoding, callback) {
        writes++;
        if (writes === 5) callback(new Error('ENOSPC: disk full'));
        else setImmediate(callback);
      },
    });
    await expect(writeArchiveZip(out, entries({ papers: [paper] }))).rejects.toThrow('ENOSPC');
    expect(source.produced).toBeLessThan(2 * 1024 * 1024);
  });

  it('rejects when the output closes early, as a client that goes away', async () => {
    const { paper } = lazyPaper('bilag/stor.pdf', 2 * 1024 * 1024);
    const out = new Collector(1);
    setTimeout(() => out.destroy(), 20);
    await expect(writeArchiveZip(out, entries({ papers: [paper] }))).rejects.toThrow(/closed/);
  });

  it('rejects a paper whose bytes are not the recorded ones, before finishing its entry', async () => {
    const out = new Collector();
    const paper: ArchiveZipPaper = {
      path: 'bilag/ændret.pdf',
      sha256: sha256(new TextEncoder().encode('as uploaded')),
      open: () => Readable.from([Buffer.from('changed on disk')]),
    };
    await expect(writeArchiveZip(out, entries({ papers: [paper] }))).rejects.toThrow(/SHA-256/);
    expect(out.writableEnded).toBe(false);
    await expect(writeArchiveZip(new Collector(), entries({ papers: [{ ...paper, sha256: 'nope' }] }))).rejects.toThrow(
      /no valid SHA-256/,
    );
  });

  it('rejects when a paper cannot be read', async () => {
    const failing = new PassThrough();
    const paper: ArchiveZipPaper = { path: 'bilag/x.pdf', sha256: 'ab'.repeat(32), open: () => failing };
    const written = writeArchiveZip(new Collector(), entries({ papers: [paper] }));
    setTimeout(() => failing.destroy(new Error('EIO: read failed')), 5);
    await expect(written).rejects.toThrow('EIO');
  });
});

describe('safeZipPath', () => {
  it('keeps a plain relative path and Danish letters', () => {
    expect(safeZipPath('bilag/03-01 Ærø budget.pdf')).toBe('bilag/03-01 Ærø budget.pdf');
  });

  it('drops what leads out of the folder, and characters that hide or break a name', () => {
    expect(safeZipPath('/../a/./b/../c')).toBe('a/b/c');
    expect(safeZipPath('C:\\Windows\\system32')).toBe('C_/Windows/system32');
    expect(safeZipPath('a\u0000b\u001fc\u007f\u202e.pdf')).toBe('abc.pdf');
    expect(safeZipPath('notes. ')).toBe('notes');
    expect(safeZipPath('con.txt')).toBe('_con.txt');
    expect(safeZipPath('..')).toBe('unnamed');
    expect(safeZipPath('')).toBe('unnamed');
  });

  it('shortens a name over 255 bytes and keeps its extension', () => {
    const long = safeZipPath(`${'æ'.repeat(200)}.pdf`);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(255);
    expect(long.endsWith('æ.pdf')).toBe(true);
  });
});
