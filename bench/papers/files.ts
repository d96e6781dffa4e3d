/**
 * The files bench/papers uploads, written to disk before anything is measured: real PNGs of random
 * noise (a kind whose text is not read), PDFs of a few pages padded with random bytes (read by the
 * extraction worker), and a large PDF of many pages of text that takes the worker a long while.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { pdfWithPages } from '@council/server/testing/papers';

const MiB = 1024 * 1024;

/**
 * A greyscale PNG of random noise, 4096 pixels wide, as tall as fits in `maxBytes`: a real image
 * (signature, IHDR, IDAT chunks of 1 MiB with stored deflate blocks, IEND, every CRC right).
 */
export function writeNoisePng(file: string, maxBytes: number): number {
  const width = 4096;
  const rowBytes = width + 1; // a filter byte (0, none) before each row
  // Stored deflate adds 5 bytes per 65,535; each IDAT chunk 12 bytes; the rest fits in 64 KiB.
  const height = Math.floor((maxBytes - 64 * 1024) / rowBytes / (1 + 5 / 65_535 + 12 / MiB));
  const raw = randomBytes(rowBytes * height);
  for (let row = 0; row < height; row++) raw[row * rowBytes] = 0;
  const data = zlib.deflateSync(raw, { level: 0 });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8 bits, greyscale, deflate, adaptive filtering, no interlace
  const fd = fs.openSync(file, 'w');
  try {
    const chunk = (type: string, body: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(body.length, 0);
      head.write(type, 4, 'latin1');
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(zlib.crc32(body, zlib.crc32(type)) >>> 0, 0);
      fs.writeSync(fd, head);
      fs.writeSync(fd, body);
      fs.writeSync(fd, crc);
    };
    fs.writeSync(fd, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    chunk('IHDR', header);
    for (let at = 0; at < data.length; at += MiB) chunk('IDAT', data.subarray(at, at + MiB));
    chunk('IEND', Buffer.alloc(0));
  } finally {
    fs.closeSync(fd);
  }
  return checkedSize(file, maxBytes);
}

/** A PDF of three short pages with random bytes attached (as pdf-lib stores a file), at most `maxBytes`. */
export async function writePaddedPdf(file: string, maxBytes: number, label: string): Promise<number> {
  // Deflating random bytes adds a little; the pages and the attachment's dictionaries a few KB.
  const pdf = await pdfWithPages(
    [`${label}: budget for fjernvarme`, 'Bilag: tidsplan', 'Bilag: risici'],
    true,
    maxBytes - 256 * 1024,
  );
  fs.writeFileSync(file, pdf);
  return checkedSize(file, maxBytes);
}

const WORDS = (
  'kommune region digitalisering arkitektur integration platform borger data sikkerhed udbud ' +
  'hosting fjernvarme økonomi budget plan strategi netværk fællesskab løsning anbefaling beslutning ' +
  'tidsplan risiko gevinst realisering kommissorium arbejdsgruppe standard grunddata identitet ' +
  'adgang brugerstyring infrastruktur driftsaftale leverandør kontrakt systemejer forvaltning'
).split(' ');

/**
 * A PDF of `pages` pages of five lines of Danish words each (as drawn by pdf-lib with Helvetica),
 * padded with random bytes to about `targetBytes`. pdf.js reads its pages' text at a few ms a page,
 * more the more pages there are, so that 10,000 pages keep the worker busy for most of a minute.
 */
export async function writeTextPdf(file: string, pages: number, targetBytes: number): Promise<number> {
  let seed = 19;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const line = () => Array.from({ length: 11 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const texts = Array.from({ length: pages }, (_, i) => [`Side ${i + 1}`, line(), line(), line(), line()].join('\n'));
  // About 430 bytes a page with object streams (measured); the rest is padding.
  const padding = Math.max(0, targetBytes - pages * 430 - 64 * 1024);
  fs.writeFileSync(file, await pdfWithPages(texts, true, padding));
  return fs.statSync(file).size;
}

function checkedSize(file: string, maxBytes: number): number {
  const size = fs.statSync(file).size;
  if (size > maxBytes) throw new Error(`${file} came out ${size} bytes, over ${maxBytes}`);
  return size;
}
