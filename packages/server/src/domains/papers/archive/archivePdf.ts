import { type Catalogue, fill } from '@council/shared';
import {
  degrees,
  PageSizes,
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFDocument,
  type PDFFont,
  PDFName,
  type PDFObject,
  PDFPage,
  PDFRef,
  PDFStream,
  type RGB,
  rgb,
  StandardFonts,
} from 'pdf-lib';
import type { Block } from './minutesBlocks.ts';
import { type Anchor, addLink, addOutline, type OutlineEntry } from './pdfNavigation.ts';
import { fitText, type MeasuringFont, textCleaner, unkerned, wrapText } from './pdfText.ts';

/**
 * The archival PDF of a meeting: a cover, a table of contents, the approved minutes, and every
 * paper, PDFs merged in and other files listed (they are in the ZIP next to it). It only composes
 * bytes; reading the meeting, choosing the variant's papers and serving the file are the caller's.
 */

/** Every word the PDF shows, in the record's language: `messages[RECORD_LOCALE].records.archive`. */
export type ArchiveLabels = Catalogue['records']['archive'];

export interface ArchivePaper {
  /** The agenda item the paper belongs to, as the minutes name it: "3. Fælles integrationsplatform". */
  itemLabel: string;
  title: string;
  fileName: string;
  /** The paper's kind as the server judged it from its bytes ('pdf', 'docx', 'png', …). */
  kind: string;
  sha256: string;
  size: number;
  /** The file's bytes; called only for PDFs and images (which go in), one paper at a time. */
  read: () => Promise<Uint8Array>;
}

export interface ArchiveInput {
  title: string;
  /** Date and place: "2027-02-04 · Odense". */
  subtitle: string;
  variant: 'council' | 'public';
  /** ISO date-time the archive was made; shown on the cover (Copenhagen time) and in the metadata. */
  generatedAt: string;
  minutes: Block[];
  papers: ArchivePaper[];
  labels: ArchiveLabels;
}

/** What became of a paper: merged (with its page count), not a PDF, or a PDF that could not be read. */
export type PaperOutcome = { merged: true; pages: number } | { merged: false; reason: 'not-pdf' | 'unreadable' };

export interface ArchivePdf {
  bytes: Uint8Array;
  pageCount: number;
  /** One per paper, in the input's order, for the caller's metadata. */
  papers: PaperOutcome[];
}

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN = { top: 64, right: 64, bottom: 72, left: 64 };
const CONTENT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
/** Room kept at the right of a table-of-contents line for its page number. */
const NUMBER_COLUMN = 40;
const TIME_ZONE = 'Europe/Copenhagen';

type FontName = 'regular' | 'bold' | 'italic';
interface Style {
  font: FontName;
  size: number;
  /** Height of one line. */
  leading: number;
  /** Space above the block, left out at the top of a page, and below it. */
  before: number;
  after: number;
  color: RGB;
}

const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.38, 0.38, 0.38);
const style = (font: FontName, size: number, leading: number, before: number, after: number, color = INK): Style => ({
  font,
  size,
  leading,
  before,
  after,
  color,
});
const STYLES = {
  title: style('bold', 26, 32, 0, 14),
  subtitle: style('regular', 14, 19, 0, 24, GREY),
  h1: style('bold', 18, 23, 0, 10),
  h2: style('bold', 14, 18, 16, 6),
  h3: style('bold', 11.5, 15, 10, 4),
  body: style('regular', 10.5, 14.5, 0, 7),
  emphasis: style('italic', 10.5, 14.5, 0, 7, GREY),
  item: style('regular', 10.5, 14.5, 0, 3),
  meta: style('regular', 9, 12.5, 0, 1, GREY),
  tocSection: style('bold', 11.5, 16, 10, 2),
  tocEntry: style('regular', 10.5, 14.5, 0, 2),
  footer: style('regular', 8, 10, 0, 0, GREY),
};
const HEADINGS = { 1: STYLES.h1, 2: STYLES.h2, 3: STYLES.h3 } as const;

/** Builds the archival PDF and returns its bytes. */
export async function buildArchivePdf(input: ArchiveInput): Promise<Uint8Array> {
  return (await composeArchivePdf(input)).bytes;
}

/** Builds the archival PDF and says what became of each paper. */
export async function composeArchivePdf(input: ArchiveInput): Promise<ArchivePdf> {
  const { labels } = input;
  const doc = await PDFDocument.create();
  setMetadata(doc, input);
  const fonts: Record<FontName, PDFFont> = {
    regular: doc.embedStandardFont(StandardFonts.Helvetica),
    bold: doc.embedStandardFont(StandardFonts.HelveticaBold),
    italic: doc.embedStandardFont(StandardFonts.HelveticaOblique),
  };
  // The three share WinAnsi, so one character set serves them all.
  const set = new Typesetter(doc, fonts, textCleaner(fonts.regular.getCharacterSet()));

  writeCover(set, input);

  // The contents' entries are all known before anything they point to is laid out; their page
  // numbers are filled in at the end, on lines kept free for them.
  const agendaHeadings = input.minutes.flatMap((b) => (b.type === 'heading' && b.level === 2 ? [b.text] : []));
  set.newPage();
  const contentsAnchor = set.write(labels.contents, STYLES.h1).anchor;
  const tocMinutes = writeTocEntry(set, labels.minutes, 0);
  const tocAgenda = agendaHeadings.map((text) => writeTocEntry(set, text, 1));
  const tocPapersSection = input.papers.length > 0 ? writeTocEntry(set, labels.papers, 0) : undefined;
  const paperTitles = input.papers.map((p) => (p.itemLabel ? `${p.itemLabel}: ${p.title}` : p.title));
  const tocPapers = paperTitles.map((text) => writeTocEntry(set, text, 1));

  set.endPage();
  const minutesAnchor: Anchor = { page: set.newPage(), top: set.top };
  const agendaAnchors = writeMinutes(set, input.minutes);

  const papers = input.papers.length > 0 ? await writePapers(set, input) : undefined;

  const numbers = new Map(doc.getPages().map((page, i) => [page, i + 1]));
  const finish = (entry: TocEntry | undefined, anchor: Anchor | undefined) => {
    if (entry && anchor) finishTocEntry(set, entry, anchor, numbers.get(anchor.page) ?? 0);
  };
  finish(tocMinutes, minutesAnchor);
  for (const [i, entry] of tocAgenda.entries()) finish(entry, agendaAnchors[i]);
  finish(tocPapersSection, papers?.anchor);
  for (const [i, entry] of tocPapers.entries()) finish(entry, papers?.anchors[i]);

  addOutline(doc, [
    { title: labels.contents, anchor: contentsAnchor },
    {
      title: labels.minutes,
      anchor: minutesAnchor,
      children: agendaHeadings.map((title, i) => ({ title, anchor: agendaAnchors[i] })),
    },
    ...(papers
      ? [
          {
            title: labels.papers,
            anchor: papers.anchor,
            children: paperTitles.map((title, i) => ({ title, anchor: papers.anchors[i] })),
          } satisfies OutlineEntry,
        ]
      : []),
  ]);

  stampPages(set, input);
  const bytes = await doc.save();
  return { bytes, pageCount: doc.getPageCount(), papers: papers?.outcomes ?? [] };
}

function setMetadata(doc: PDFDocument, input: ArchiveInput): void {
  doc.setTitle(input.title, { showInWindowTitleBar: true });
  doc.setSubject(`${input.subtitle} · ${variantLabel(input)}`);
  doc.setCreator('Council');
  doc.setProducer('Council (pdf-lib)');
  const made = new Date(input.generatedAt);
  if (!Number.isNaN(made.getTime())) {
    doc.setCreationDate(made);
    doc.setModificationDate(made);
  }
}

const variantLabel = (input: ArchiveInput) =>
  input.variant === 'council' ? input.labels.councilVariant : input.labels.publicVariant;

/** "2027-02-04 14:05" in Copenhagen: the same in every language of the labels. */
function formatStamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

// ---- layout ----------------------------------------------------------------------------------

interface PlacedLine {
  page: PDFPage;
  x: number;
  baseline: number;
  width: number;
  style: Style;
}

interface Placed {
  anchor: Anchor;
  lines: PlacedLine[];
}

interface WriteOptions {
  /** Indent from the left margin. */
  indent?: number;
  /** Width taken from the right of the text column (the contents' page numbers). */
  reserve?: number;
  /** Points that must fit below the first line on its page: a heading keeps its first paragraph's line. */
  keep?: number;
  /** A list's bullet or number, drawn right-aligned before the first line. */
  marker?: string;
}

/** Lays text out down the pages the PDF makes itself, opening a new page when one is full. */
class Typesetter {
  /** The pages this module drew, as opposed to pages merged from papers. */
  readonly own = new Set<PDFPage>();
  /** Text widths as drawn, for wrapping and aligning. */
  readonly widths: Record<FontName, MeasuringFont>;
  private page: PDFPage | null = null;
  private y = 0;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Record<FontName, PDFFont>,
    readonly clean: (text: string) => string,
  ) {
    this.widths = { regular: unkerned(fonts.regular), bold: unkerned(fonts.bold), italic: unkerned(fonts.italic) };
  }

  /** The height of the top of the text column. */
  get top(): number {
    return PAGE_HEIGHT - MARGIN.top;
  }

  newPage(): PDFPage {
    const page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.own.add(page);
    this.page = page;
    this.y = this.top;
    return page;
  }

  /** What is written next starts a new page. */
  endPage(): void {
    this.page = null;
  }

  /** Moves the cursor down to `y` on the current page (the cover's title sits low). */
  moveTo(y: number): void {
    this.y = Math.min(this.y, y);
  }

  /** A page with `height` points free below the cursor: this one, or a new one. */
  private room(height: number): PDFPage {
    if (this.page && this.y - height >= MARGIN.bottom) return this.page;
    return this.newPage();
  }

  lines(text: string, s: Style, width: number): string[] {
    return wrapText(this.clean(text), this.widths[s.font], s.size, width);
  }

  /** The height `write` would take, for keeping a group of blocks on one page. */
  measure(text: string, s: Style, options: WriteOptions = {}): number {
    const width = CONTENT_WIDTH - (options.indent ?? 0) - (options.reserve ?? 0);
    return s.before + this.lines(text, s, width).length * s.leading + s.after;
  }

  /** Keeps the next `height` points together on one page. */
  keepTogether(height: number): void {
    if (height <= this.top - MARGIN.bottom) this.room(height);
  }

  /** Writes wrapped text; a block longer than the page's rest goes on over the next pages. */
  write(text: string, s: Style, options: WriteOptions = {}): Placed {
    const indent = options.indent ?? 0;
    const x = MARGIN.left + indent;
    const lines = this.lines(text, s, CONTENT_WIDTH - indent - (options.reserve ?? 0));
    const atTop = this.page !== null && this.y === this.top;
    let page = this.room((atTop ? 0 : s.before) + s.leading + (options.keep ?? 0));
    if (this.y !== this.top) this.y -= s.before;
    const anchor: Anchor = { page, top: this.y };
    const font = this.fonts[s.font];
    const widths = this.widths[s.font];
    const placed: PlacedLine[] = [];
    lines.forEach((line, i) => {
      page = this.room(s.leading);
      // The baseline sits so that capitals are centred in the line's height.
      const baseline = this.y - (s.leading + s.size * 0.7) / 2;
      if (i === 0 && options.marker) {
        const marker = this.clean(options.marker);
        const markerWidth = widths.widthOfTextAtSize(marker, s.size);
        page.drawText(marker, { x: x - 6 - markerWidth, y: baseline, size: s.size, font, color: s.color });
      }
      if (line) page.drawText(line, { x, y: baseline, size: s.size, font, color: s.color });
      placed.push({ page, x, baseline, width: widths.widthOfTextAtSize(line, s.size), style: s });
      this.y -= s.leading;
    });
    this.y -= s.after;
    return { anchor, lines: placed };
  }
}

function writeCover(set: Typesetter, input: ArchiveInput): void {
  set.newPage();
  set.moveTo(PAGE_HEIGHT * 0.66);
  set.write(input.title, STYLES.title);
  set.write(input.subtitle, STYLES.subtitle);
  set.write(variantLabel(input), STYLES.h3);
  set.write(fill(input.labels.generated, { date: formatStamp(input.generatedAt) }), STYLES.meta);
  set.endPage();
}

/** The minutes, block by block; returns where each level-2 heading (an agenda item) landed. */
function writeMinutes(set: Typesetter, blocks: Block[]): Anchor[] {
  const anchors: Anchor[] = [];
  for (const block of blocks) {
    if (block.type === 'heading') {
      const placed = set.write(block.text, HEADINGS[block.level], { keep: STYLES.body.leading * 2 });
      if (block.level === 2) anchors.push(placed.anchor);
    } else if (block.type === 'paragraph') {
      set.write(block.text, block.emphasis ? STYLES.emphasis : STYLES.body);
    } else {
      block.items.forEach((item, i) => {
        const last = i === block.items.length - 1;
        set.write(item, last ? { ...STYLES.item, after: STYLES.body.after } : STYLES.item, {
          indent: 18,
          marker: block.ordered ? `${i + 1}.` : '•',
        });
      });
    }
  }
  return anchors;
}

// ---- table of contents -----------------------------------------------------------------------

/** Where a contents entry's lines went: its page number goes on the last, its link over all. */
interface TocEntry {
  lines: PlacedLine[];
}

function writeTocEntry(set: Typesetter, text: string, level: 0 | 1): TocEntry {
  const s = level === 0 ? STYLES.tocSection : STYLES.tocEntry;
  return { lines: set.write(text, s, { indent: level * 16, reserve: NUMBER_COLUMN }).lines };
}

/** Writes an entry's page number, dot leaders up to it, and a link over the entry to its target. */
function finishTocEntry(set: Typesetter, entry: TocEntry, target: Anchor, pageNumber: number): void {
  const last = entry.lines[entry.lines.length - 1];
  const font = set.fonts[last.style.font];
  const widths = set.widths[last.style.font];
  const size = last.style.size;
  const number = String(pageNumber);
  const right = PAGE_WIDTH - MARGIN.right;
  const numberWidth = widths.widthOfTextAtSize(number, size);
  last.page.drawText(number, { x: right - numberWidth, y: last.baseline, size, font, color: INK });
  const dotsFrom = last.x + last.width + 6;
  const dotsTo = right - numberWidth - 6;
  const dot = widths.widthOfTextAtSize(' .', size);
  const count = Math.floor((dotsTo - dotsFrom) / dot);
  if (count > 0) {
    const dots = ' .'.repeat(count);
    const x = dotsTo - widths.widthOfTextAtSize(dots, size);
    last.page.drawText(dots, { x, y: last.baseline, size, font: set.fonts.regular, color: GREY });
  }
  for (const line of entry.lines) {
    const height = line.style.leading;
    const y = line.baseline - (height - line.style.size * 0.7) / 2;
    addLink(set.doc, line.page, { x: line.x, y, width: right - line.x, height }, target);
  }
}

// ---- papers ----------------------------------------------------------------------------------

/**
 * The papers' section: its heading, then each paper's block, a merged paper's pages right after
 * its block. One paper at a time: its file is read, parsed and copied, and let go before the next.
 */
async function writePapers(
  set: Typesetter,
  input: ArchiveInput,
): Promise<{ anchor: Anchor; anchors: Anchor[]; outcomes: PaperOutcome[] }> {
  set.endPage();
  const anchor = set.write(input.labels.papers, STYLES.h1).anchor;
  const anchors: Anchor[] = [];
  const outcomes: PaperOutcome[] = [];
  for (const paper of input.papers) {
    const copied = await copyPaper(set.doc, paper);
    anchors.push(writePaperBlock(set, paper, copied, input.labels));
    if (copied.merged) {
      set.endPage();
      for (const page of copied.pages) set.doc.addPage(page);
      outcomes.push({ merged: true, pages: copied.pages.length });
    } else {
      outcomes.push({ merged: false, reason: copied.reason });
    }
  }
  return { anchor, anchors, outcomes };
}

type Copied = { merged: true; pages: PDFPage[] } | { merged: false; reason: 'not-pdf' | 'unreadable' };

/**
 * A PDF paper's pages copied into the archive (not yet placed), or why not. Reading the file may
 * fail, and that fails the archive: an archive silently missing a paper is worse than none. A file
 * pdf-lib cannot parse, an encrypted one (pdf-lib cannot decrypt), or one whose pages point at
 * objects that are not there (a truncated upload) is listed instead; its original is in the ZIP.
 */
async function copyPaper(doc: PDFDocument, paper: ArchivePaper): Promise<Copied> {
  if (paper.kind === 'png' || paper.kind === 'jpeg') return imagePage(doc, paper);
  if (paper.kind !== 'pdf') return { merged: false, reason: 'not-pdf' };
  const bytes = await paper.read();
  try {
    const source = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    if (!isIntact(source)) return { merged: false, reason: 'unreadable' };
    return { merged: true, pages: await doc.copyPages(source, source.getPageIndices()) };
  } catch {
    return { merged: false, reason: 'unreadable' };
  }
}

/** An image paper on a page of its own, as large as fits within the margins (never enlarged). */
async function imagePage(doc: PDFDocument, paper: ArchivePaper): Promise<Copied> {
  const bytes = await paper.read();
  try {
    const image = paper.kind === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
    const room = { width: CONTENT_WIDTH, height: PAGE_HEIGHT - MARGIN.top - MARGIN.bottom };
    const size =
      image.width <= room.width && image.height <= room.height
        ? image.size()
        : image.scaleToFit(room.width, room.height);
    const page = PDFPage.create(doc);
    page.setSize(PAGE_WIDTH, PAGE_HEIGHT);
    page.drawImage(image, { x: (PAGE_WIDTH - size.width) / 2, y: PAGE_HEIGHT - MARGIN.top - size.height, ...size });
    return { merged: true, pages: [page] };
  } catch {
    return { merged: false, reason: 'unreadable' };
  }
}

const PARENT = PDFName.of('Parent');

/**
 * Whether every page the page tree promises is there, and every object a page draws with exists.
 * pdf-lib reads a truncated file without complaint and would copy pages with holes in them.
 */
function isIntact(source: PDFDocument): boolean {
  const pages = source.getPages();
  if (pages.length === 0 || source.catalog.Pages().Count().asNumber() !== pages.length) return false;
  const seen = new Set<PDFRef>();
  return pages.every((page) => resolvable(source.context, page.node, seen));
}

/** Walks an object's references (not up to /Parent, which leads to the whole tree) and finds them all. */
function resolvable(context: PDFContext, root: PDFObject, seen: Set<PDFRef>): boolean {
  const stack: PDFObject[] = [root];
  for (let object = stack.pop(); object !== undefined; object = stack.pop()) {
    if (object instanceof PDFRef) {
      if (seen.has(object)) continue;
      seen.add(object);
      const target = context.lookup(object);
      if (target === undefined) return false;
      stack.push(target);
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) if (key !== PARENT) stack.push(value);
    } else if (object instanceof PDFArray) {
      stack.push(...object.asArray());
    } else if (object instanceof PDFStream) {
      stack.push(object.dict);
    }
  }
  return true;
}

/**
 * A paper's heading and facts, kept on one page: the agenda item, its title, file name, size and
 * SHA-256 (so the original in the ZIP can be found and checked), and whether it follows or why not.
 */
function writePaperBlock(set: Typesetter, paper: ArchivePaper, copied: Copied, labels: ArchiveLabels): Anchor {
  const status = copied.merged
    ? fill(labels.follows, { pages: copied.pages.length })
    : `${copied.reason === 'not-pdf' ? labels.notPdf : labels.notMerged} ${labels.inZip}`;
  const parts: [string, Style][] = [
    [paper.itemLabel, { ...STYLES.meta, before: 18, after: 2 }],
    [paper.title, { ...STYLES.h2, before: 0 }],
    [fill(labels.fileName, { name: paper.fileName }), STYLES.meta],
    [fill(labels.size, { bytes: paper.size }), STYLES.meta],
    [fill(labels.sha256, { sha256: paper.sha256 }), STYLES.meta],
    [status, { ...STYLES.emphasis, before: 6 }],
  ];
  const shown = parts.filter(([text]) => text !== '');
  set.keepTogether(shown.reduce((sum, [text, s]) => sum + set.measure(text, s), 0));
  const placed = shown.map(([text, s]) => set.write(text, s));
  return placed[0].anchor;
}

// ---- page numbers ----------------------------------------------------------------------------

/** "Side 3 af 17" on every page; the archive's own pages also say what they are on the left. */
function stampPages(set: Typesetter, input: ArchiveInput): void {
  const pages = set.doc.getPages();
  const s = STYLES.footer;
  const font = set.fonts[s.font];
  const widths = set.widths[s.font];
  const leftText = `${input.title} · ${variantLabel(input)}`;
  pages.forEach((page, i) => {
    const label = set.clean(fill(input.labels.page, { page: i + 1, pages: pages.length }));
    const width = widths.widthOfTextAtSize(label, s.size);
    if (set.own.has(page)) {
      const baseline = MARGIN.bottom / 2;
      page.drawText(label, { x: PAGE_WIDTH - MARGIN.right - width, y: baseline, size: s.size, font, color: s.color });
      const room = CONTENT_WIDTH - width - 24;
      const left = fitText(set.clean(leftText), widths, s.size, room);
      page.drawText(left, { x: MARGIN.left, y: baseline, size: s.size, font, color: s.color });
    } else {
      stampMergedPage(page, label, font, s.size, width);
    }
  });
}

/**
 * The page number at the bottom right of a paper's page as it is seen: a page with /Rotate is
 * shown turned, so the corner and the direction of the text are turned with it. Near the edge, where
 * a document rarely prints anything.
 */
function stampMergedPage(page: PDFPage, label: string, font: PDFFont, size: number, width: number): void {
  const box = page.getCropBox();
  const inset = { side: 24, bottom: 14 };
  const options = { size, font, color: GREY };
  const angle = ((page.getRotation().angle % 360) + 360) % 360;
  if (angle === 90) {
    // Turned a quarter clockwise: the seen bottom is the right edge, text runs up.
    const x = box.x + box.width - inset.bottom;
    page.drawText(label, { ...options, x, y: box.y + box.height - inset.side - width, rotate: degrees(90) });
  } else if (angle === 180) {
    const y = box.y + box.height - inset.bottom;
    page.drawText(label, { ...options, x: box.x + inset.side + width, y, rotate: degrees(180) });
  } else if (angle === 270) {
    // Turned a quarter anticlockwise: the seen bottom is the left edge, text runs down.
    const x = box.x + inset.bottom;
    page.drawText(label, { ...options, x, y: box.y + inset.side + width, rotate: degrees(270) });
  } else {
    page.drawText(label, { ...options, x: box.x + box.width - inset.side - width, y: box.y + inset.bottom });
  }
}
