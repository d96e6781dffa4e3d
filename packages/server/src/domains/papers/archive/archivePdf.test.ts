import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '@council/shared';
import { concatTransformationMatrix, degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArchiveInput, type ArchivePaper, buildArchivePdf, composeArchivePdf } from './archivePdf.ts';
import { type Block, minutesBlocks } from './minutesBlocks.ts';
import { ITEMS, meetingMinutes } from './testMinutes.ts';

/**
 * The archive PDF is checked the way an archivist would meet it: read back by pdf-lib, its text
 * extracted with poppler's pdftotext, and every page rendered with pdftoppm, which complains about
 * what a viewer would stumble on. The poppler tools are required (Debian: poppler-utils).
 */

const labels = messages.da.records.archive;
let dir: string;

beforeAll(() => {
  for (const tool of ['pdftoppm', 'pdftotext']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'pipe' });
    } catch {
      throw new Error(`${tool} is missing: install poppler-utils (apt-get install poppler-utils) to run these tests`);
    }
  }
  dir = mkdtempSync(join(tmpdir(), 'council-archive-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---- papers made for the tests ----------------------------------------------------------------

/** A PDF whose pages say "<name> side N", optionally turned, as a paper would be uploaded. */
async function paperPdf(name: string, pages: number, rotate = 0, useObjectStreams = true): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    page.setRotation(degrees(rotate));
    page.drawText(`${name} side ${i}`, { x: 60, y: 700, size: 24, font });
  }
  return doc.save({ useObjectStreams });
}

/** The same file with an /Encrypt entry in its trailer: what pdf-lib meets in an encrypted PDF. */
async function encryptedPdf(): Promise<Uint8Array> {
  const text = Buffer.from(await paperPdf('Hemmelig', 2, 0, false)).toString('latin1');
  const encrypted = text.replace(
    'trailer\n<<',
    'trailer\n<<\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>',
  );
  expect(encrypted).not.toBe(text);
  return new Uint8Array(Buffer.from(encrypted, 'latin1'));
}

/**
 * A file cut off after an object, midway: pdf-lib reads it without complaint, but it lacks pages
 * its page tree promises (and copying it would leave references to nothing).
 */
async function truncatedPdf(): Promise<Uint8Array> {
  const bytes = await paperPdf('Afkortet', 3, 0, false);
  const text = Buffer.from(bytes).toString('latin1');
  const cut = bytes.slice(0, text.indexOf('endobj\n', bytes.length / 2) + 'endobj\n'.length);
  const loaded = await PDFDocument.load(cut, { throwOnInvalidObject: true });
  expect(loaded.getPageCount()).toBeLessThan(3);
  return cut;
}

function paper(overrides: Partial<ArchivePaper> & { bytes?: Uint8Array }): ArchivePaper {
  const bytes = overrides.bytes ?? new Uint8Array([1, 2, 3]);
  return {
    itemLabel: ITEMS.platform,
    title: 'Bilag',
    fileName: 'bilag.pdf',
    kind: 'pdf',
    sha256: 'ab'.repeat(32),
    size: bytes.length,
    read: async () => bytes,
    ...overrides,
  };
}

function input(overrides: Partial<ArchiveInput>): ArchiveInput {
  return {
    title: 'Rådsmøde 1/2027',
    subtitle: '2027-02-04 · Odense',
    variant: 'council',
    generatedAt: '2027-02-11T10:15:00Z',
    minutes: minutesBlocks(meetingMinutes('council')),
    papers: [],
    labels,
    ...overrides,
  };
}

/** Minutes long enough that the agenda items land on different pages. */
function longMinutes(audience: 'council' | 'public'): Block[] {
  const filler = (n: number): Block => ({
    type: 'paragraph',
    text: `Afsnit ${n}: rådet drøftede arkitekturprincipperne og deres betydning for kommunernes fælles løsninger, og hvordan de skal følges op i det kommende år.`,
  });
  return minutesBlocks(meetingMinutes(audience)).flatMap((block, i) =>
    block.type === 'heading' && block.level === 2
      ? [...Array.from({ length: 22 }, (_, n) => filler(i * 100 + n)), block]
      : [block],
  );
}

// ---- reading the result back --------------------------------------------------------------------

function save(bytes: Uint8Array, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The text of each page, as pdftotext lays it out. */
function pageTexts(file: string, pages: number): string[] {
  return Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), file, '-'], {
      encoding: 'utf8',
    }),
  );
}

/**
 * Renders every page at 30 dpi. poppler goes on past most errors and says so on stderr only, so
 * anything there fails the test as well as a failed run.
 */
function renderAll(file: string, pages: number): void {
  const name = `${file.split('/').pop()}-page`;
  const run = spawnSync('pdftoppm', ['-r', '30', '-png', file, join(dir, name)], { encoding: 'utf8' });
  expect(run.error).toBeUndefined();
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const rendered = readdirSync(dir).filter((f) => f.startsWith(name) && f.endsWith('.png'));
  expect(rendered).toHaveLength(pages);
  for (const png of rendered) expect(statSync(join(dir, png)).size).toBeGreaterThan(100);
}

/** The contents page's entries: text and page number, from "text . . . . 12" lines. */
function tocEntries(text: string): Map<string, number> {
  const entries = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^\s*(\S.*?)\s+(?:\.\s*)+(\d+)\s*$/.exec(line);
    if (match) entries.set(match[1], Number(match[2]));
  }
  return entries;
}

// ---- the tests ----------------------------------------------------------------------------------

describe('buildArchivePdf', () => {
  it('builds the council edition: cover, contents, minutes, merged papers, and lists what it cannot merge', async () => {
    const reads: string[] = [];
    const tracked = (p: ArchivePaper): ArchivePaper => ({
      ...p,
      read: async () => {
        reads.push(p.title);
        return p.read();
      },
    });
    const encrypted = await encryptedPdf();
    const papers = [
      paper({ title: 'Udbudsmateriale', fileName: 'udbud.pdf', bytes: await paperPdf('Udbud', 3) }),
      paper({
        title: 'Budget',
        fileName: 'budget.xlsx',
        kind: 'xlsx',
        read: () => Promise.reject(new Error('not read')),
      }),
      paper({ itemLabel: ITEMS.cloud, title: 'Krypteret', fileName: 'hemmelig.pdf', bytes: encrypted }),
      paper({ itemLabel: ITEMS.cloud, title: 'Afkortet', fileName: 'afkortet.pdf', bytes: await truncatedPdf() }),
      paper({
        itemLabel: ITEMS.greece,
        title: 'Tidsplan',
        fileName: 'tidsplan.pdf',
        bytes: await paperPdf('Tidsplan', 2, 90),
      }),
      paper({
        itemLabel: ITEMS.greece,
        title: 'Ødelagt',
        fileName: 'odelagt.pdf',
        bytes: new TextEncoder().encode('%PDF-1.7 nonsense'),
      }),
    ].map(tracked);
    const result = await composeArchivePdf(input({ minutes: longMinutes('council'), papers }));

    expect(result.papers).toEqual([
      { merged: true, pages: 3 },
      { merged: false, reason: 'not-pdf' },
      { merged: false, reason: 'unreadable' },
      { merged: false, reason: 'unreadable' },
      { merged: true, pages: 2 },
      { merged: false, reason: 'unreadable' },
    ]);
    expect(reads).toEqual(['Udbudsmateriale', 'Krypteret', 'Afkortet', 'Tidsplan', 'Ødelagt']);

    const loaded = await PDFDocument.load(result.bytes);
    expect(loaded.getPageCount()).toBe(result.pageCount);
    expect(loaded.getTitle()).toBe('Rådsmøde 1/2027');
    const file = save(result.bytes, 'council.pdf');
    const pages = pageTexts(file, result.pageCount);

    // Page 1 is the cover, page 2 the contents; its numbers say where the rest is.
    expect(pages[0]).toContain('Rådsmøde 1/2027');
    expect(pages[0]).toContain('Rådets udgave, med fortrolige punkter');
    expect(pages[0]).toContain('Dannet 2027-02-11 11:15');
    expect(pages[1]).toContain('Indhold');
    const toc = tocEntries(pages[1]);
    const minutesPage = toc.get('Referat');
    const papersPage = toc.get('Bilag');
    expect(minutesPage).toBe(3);
    if (!minutesPage || !papersPage) throw new Error(`Contents without minutes or papers:\n${pages[1]}`);
    const minutesPages = papersPage - minutesPage;
    expect(minutesPages).toBeGreaterThan(2);
    // cover + contents + minutes + [papers heading, Udbud's block] + 3 + [Budget, Krypteret, Afkortet,
    // Tidsplan's block] + 2 + [Ødelagt]
    expect(result.pageCount).toBe(2 + minutesPages + 1 + 3 + 1 + 2 + 1);

    // Each agenda item is on the page the contents gives, and not all on one.
    const agenda = [ITEMS.platform, ITEMS.cloud, '3. Erfaringer fra ?????? ?', 'Deltagere', 'Handlingspunkter'];
    for (const title of agenda) {
      const at = toc.get(title);
      expect(at, `${title} in the contents`).toBeGreaterThanOrEqual(minutesPage);
      expect(pages[(at ?? 0) - 1], `${title} on page ${at}`).toContain(title);
    }
    expect(new Set(agenda.map((t) => toc.get(t))).size).toBeGreaterThan(2);
    expect(pages[minutesPage - 1]).toContain('Rådsmøde 1/2027');
    expect(pages.slice(minutesPage - 1, papersPage - 1).join('')).toContain('forhandlingsstrategien');

    // The papers: Udbud's three pages follow its block; the rest are listed with their facts.
    expect(toc.get(`${ITEMS.platform}: Udbudsmateriale`)).toBe(papersPage);
    expect(pages[papersPage - 1]).toMatch(/Bilag\s+1\. Fælles integrationsplatform\s+Udbudsmateriale/);
    expect(pages[papersPage - 1]).toContain('Fil: udbud.pdf');
    expect(pages[papersPage - 1]).toContain(`SHA-256: ${'ab'.repeat(32)}`);
    expect(pages[papersPage - 1]).toContain('Antal sider: 3.');
    for (const n of [1, 2, 3]) expect(pages[papersPage - 1 + n]).toContain(`Udbud side ${n}`);
    const listed = papersPage + 4;
    const greece = '3. Erfaringer fra ?????? ?';
    for (const entry of [`${ITEMS.platform}: Budget`, `${ITEMS.cloud}: Krypteret`, `${ITEMS.cloud}: Afkortet`])
      expect(toc.get(entry), entry).toBe(listed);
    expect(toc.get(`${greece}: Tidsplan`)).toBe(listed);
    const listing = pages[listed - 1].replace(/\s+/g, ' ');
    expect(listing).toContain('Budget Fil: budget.xlsx Størrelse: 3 bytes');
    expect(listing).toContain('Filen er ikke en PDF og er ikke sat ind her. Den originale fil ligger i ZIP-arkivet.');
    expect(listing).toContain(`Krypteret Fil: hemmelig.pdf Størrelse: ${encrypted.length} bytes`);
    expect(listing.match(/Filen kunne ikke sættes ind her: den er krypteret eller beskadiget\./g)).toHaveLength(2);
    expect(pages[listed]).toContain('Tidsplan side 1');
    expect(pages[listed + 1]).toContain('Tidsplan side 2');
    expect(pages[listed + 2]).toContain('Ødelagt');
    expect(toc.get(`${greece}: Ødelagt`)).toBe(listed + 3);

    // Every page is numbered, the merged and the turned ones too.
    pages.forEach((text, i) => {
      expect(text.replace(/\s+/g, ' '), `page ${i + 1}`).toContain(`Side ${i + 1} af ${result.pageCount}`);
    });
    renderAll(file, result.pageCount);
  });

  it('has bookmarks and contents entries that link to the pages they name', async () => {
    const bytes = await buildArchivePdf(
      input({
        minutes: longMinutes('council'),
        papers: [paper({ title: 'Udbud', bytes: await paperPdf('Udbud', 2) })],
      }),
    );
    // pdf.js takes over the buffer it is given.
    const pdf = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
    const pageOf = async (dest: unknown) => {
      const [ref] = dest as [{ num: number; gen: number }];
      return (await pdf.getPageIndex(ref)) + 1;
    };
    const outline = await pdf.getOutline();
    expect(outline.map((o) => o.title)).toEqual(['Indhold', 'Referat', 'Bilag']);
    // Bookmarks keep every character; only the page fonts cannot show them.
    expect(outline[1].items.map((o) => o.title)).toEqual([
      'Deltagere',
      ITEMS.platform,
      ITEMS.cloud,
      ITEMS.greece,
      'Handlingspunkter',
      'Underskrevet af',
    ]);
    expect(outline[2].items.map((o) => o.title)).toEqual([`${ITEMS.platform}: Udbud`]);

    const file = save(bytes, 'links.pdf');
    const texts = pageTexts(file, pdf.numPages);
    const toc = tocEntries(texts[1]);
    const links = (await (await pdf.getPage(2)).getAnnotations()).filter((a) => a.subtype === 'Link');
    // One link per contents line: Referat, six headings, Bilag, one paper.
    expect(links).toHaveLength(9);
    expect(await pageOf(links[0].dest)).toBe(toc.get('Referat'));
    expect(await pageOf(links[2].dest)).toBe(toc.get(ITEMS.platform));
    expect(await pageOf(links[8].dest)).toBe(toc.get(`${ITEMS.platform}: Udbud`));
    for (const item of outline[1].items) {
      const page = await pageOf(item.dest);
      expect(texts[page - 1], item.title).toContain(item.title.replace('Ελλάδα 🎉', '?????? ?'));
    }
    await pdf.destroy();
  });

  it('builds the public edition without confidential content', async () => {
    const result = await composeArchivePdf(
      input({
        variant: 'public',
        minutes: minutesBlocks(meetingMinutes('public')),
        papers: [paper({ title: 'Udbud', bytes: await paperPdf('Udbud', 3) })],
      }),
    );
    expect((await PDFDocument.load(result.bytes)).getPageCount()).toBe(result.pageCount);
    const file = save(result.bytes, 'public.pdf');
    const pages = pageTexts(file, result.pageCount);
    const toc = tocEntries(pages[1]);
    const minutesPages = (toc.get('Bilag') ?? 0) - 3;
    expect(minutesPages).toBeGreaterThanOrEqual(1);
    // cover + contents + minutes + the paper's block + its three pages
    expect(result.pageCount).toBe(1 + 1 + minutesPages + 1 + 3);
    expect(pages[0]).toContain('Offentlig udgave, uden fortrolige punkter');
    const minutes = pages.slice(2, 2 + minutesPages).join('');
    expect(minutes).toContain('Fortroligt punkt. Referat og beslutning er kun tilgængelige for rådet.');
    expect(minutes).toContain('Underskrevet af');
    expect(pages.join('')).not.toContain('forhandlingsstrategien');
    expect(pages[2 + minutesPages + 1]).toContain('Udbud side 1');
    expect(pages[result.pageCount - 1]).toContain(`Side ${result.pageCount} af ${result.pageCount}`);
    renderAll(file, result.pageCount);
  });

  it('replaces what the standard fonts cannot show instead of throwing', async () => {
    const odd = 'Ελλάδα 🎉 中文 Ǆ \u0007 \u200b e\u0301 − tab\there';
    const result = await composeArchivePdf(
      input({
        title: `Møde ${odd}`,
        subtitle: odd,
        minutes: [
          { type: 'heading', level: 1, text: odd },
          { type: 'paragraph', text: `${odd} ${'x'.repeat(300)}` },
          { type: 'list', ordered: true, items: [odd, '🎉'] },
        ],
        papers: [paper({ title: odd, fileName: `${odd}.docx`, kind: 'docx', itemLabel: odd })],
        labels: { ...labels, contents: `Indhold ${odd}`, page: '{page}/{pages} 🎉' },
      }),
    );
    const file = save(result.bytes, 'odd.pdf');
    const pages = pageTexts(file, result.pageCount);
    expect(pages[2]).toContain('?????? ? ?? ? ? é - tab here');
    expect(pages[2]).toContain('x'.repeat(60));
    expect(pages[0]).toContain(`1/${result.pageCount} ?`);
    renderAll(file, result.pageCount);
  });

  it('numbers a paper’s pages at their seen bottom right, whatever their turn or drawing state', async () => {
    // A page that scales everything after it and never restores the state, turned four ways.
    const source = await PDFDocument.create();
    const font = await source.embedFont(StandardFonts.Helvetica);
    for (const turn of [0, 90, 180, 270]) {
      const page = source.addPage([400, 600]);
      page.setRotation(degrees(turn));
      page.drawText(`Drejet ${turn}`, { x: 40, y: 300, size: 12, font });
      page.pushOperators(concatTransformationMatrix(3, 0, 0, 3, 50, 50));
    }
    const result = await composeArchivePdf(
      input({ minutes: [], papers: [paper({ title: 'Drejet', bytes: await source.save() })] }),
    );
    expect(result.pageCount).toBe(3 + 1 + 4);
    const pdf = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
    for (let n = 5; n <= 8; n++) {
      const page = await pdf.getPage(n);
      // The viewport is the page as seen: turned, y downwards.
      const viewport = page.getViewport({ scale: 1 });
      const items = (await page.getTextContent()).items.filter((i) => 'str' in i && i.str.startsWith('Side'));
      expect(items.map((i) => ('str' in i ? i.str : ''))).toEqual([`Side ${n} af 8`]);
      const item = items[0];
      if (!('transform' in item)) throw new Error('no text item');
      const [x, y] = viewport.convertToViewportPoint(item.transform[4], item.transform[5]);
      expect(x, `page ${n}: x`).toBeGreaterThan(viewport.width / 2);
      expect(x, `page ${n}: x`).toBeLessThan(viewport.width);
      expect(y, `page ${n}: y`).toBeGreaterThan(viewport.height - 30);
      expect(y, `page ${n}: y`).toBeLessThan(viewport.height);
    }
    await pdf.destroy();
    renderAll(save(result.bytes, 'turned.pdf'), 8);
  });

  it('makes a small archive of empty minutes and no papers', async () => {
    const result = await composeArchivePdf(input({ minutes: [], papers: [] }));
    expect(result.pageCount).toBe(3);
    const file = save(result.bytes, 'empty.pdf');
    const toc = tocEntries(pageTexts(file, 3)[1]);
    expect([...toc]).toEqual([['Referat', 3]]);
    renderAll(file, 3);
  });

  it('fails when a paper cannot be read at all, rather than leave it out quietly', async () => {
    const broken = paper({ read: () => Promise.reject(new Error('EIO: the disk')) });
    await expect(buildArchivePdf(input({ papers: [broken] }))).rejects.toThrow('EIO');
  });
});
