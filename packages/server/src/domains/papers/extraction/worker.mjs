// The extraction worker: reads the text of one meeting paper, page by page, in a process of its
// own, so that a slow, huge or hostile file never blocks the collaboration server's event loop nor
// swells its memory. Plain JavaScript run by plain node (no tsx), so that it starts the same under
// tsx, vitest, Node 20 and Node 24. extract.ts starts it with a heap limit, a deadline and the
// lowest CPU priority, sends it one job and reads its one answer.
import fs from 'node:fs';
import { unzipSync } from 'fflate';

/** @type {{ file: string; kind: string; maxChars: number; maxUnpackedBytes: number }} */
const { file, kind, maxChars, maxUnpackedBytes } = await new Promise((resolve) => process.once('message', resolve));

/** The file's bytes, not copied: a 100 MB paper costs 100 MB here, not 200. */
function bytesOf() {
  const buffer = fs.readFileSync(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The text of a PDF's pages, by pdf.js (the legacy build is the one made for Node). */
async function pdfPages() {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = bytesOf();
  const pdf = await getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages = [];
  let total = 0;
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : ' ');
    page.cleanup();
    total += text.length;
    // Past the limit the rest is not indexed; the pages read so far are.
    if (total > maxChars) break;
    pages.push(text.replace(/[ \t]+/g, ' ').trim());
  }
  await pdf.destroy();
  return pages;
}

/** One entry of a ZIP-based document, unpacked only if it says it is small enough. */
function entryOf(name) {
  const found = unzipSync(bytesOf(), {
    filter: (entry) => entry.name === name && entry.originalSize <= maxUnpackedBytes,
  })[name];
  if (!found) throw new Error(`${name} is missing or too large`);
  return new TextDecoder().decode(found);
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function xmlText(xml) {
  return xml
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, name) => {
      if (name[0] === '#')
        return String.fromCodePoint(Number.parseInt(name.slice(name[1] === 'x' ? 2 : 1), name[1] === 'x' ? 16 : 10));
      return ENTITIES[name] ?? all;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Word: paragraphs end lines, and explicit page breaks start pages (Word keeps no other pages). */
function docxPages() {
  const xml = entryOf('word/document.xml');
  return xml
    .split(/<w:br [^>]*w:type="page"[^>]*\/>/)
    .map((part) => xmlText(part.replace(/<\/w:p>/g, '\n').replace(/<w:tab\/>/g, '\t')));
}

/** OpenDocument text: paragraphs and headings end lines; the soft page breaks LibreOffice records start pages. */
function odtPages() {
  const xml = entryOf('content.xml');
  return xml
    .split(/<text:soft-page-break\/>/)
    .map((part) => xmlText(part.replace(/<\/text:(p|h)>/g, '\n').replace(/<text:tab\/>/g, '\t')));
}

function plainPages() {
  const bytes = fs.readFileSync(file);
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: Danish text from older programs is Windows-1252.
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return [text.slice(0, maxChars)];
}

const READERS = { pdf: pdfPages, docx: docxPages, odt: odtPages, txt: plainPages, csv: plainPages };

try {
  const read = READERS[kind];
  if (!read) throw new Error(`no text is read from ${kind}`);
  let pages = await read();
  let total = 0;
  pages = pages.map((page) => {
    const kept = page.slice(0, Math.max(0, maxChars - total));
    total += kept.length;
    return kept;
  });
  process.send({ pages }, () => process.exit(0));
} catch (error) {
  process.send({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(0));
}
