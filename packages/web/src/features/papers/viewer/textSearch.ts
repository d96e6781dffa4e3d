/** A text run of a page as pdf.js gives it (`TextItem`), reduced to what searching needs. */
export interface TextRun {
  str: string;
  hasEOL: boolean;
}

/**
 * A page's text as one string, with where each run starts and ends in it. A line break becomes a
 * space, so that a phrase broken over two lines is found; a run's index is its index in the text layer.
 */
export interface PageText {
  text: string;
  starts: number[];
  ends: number[];
}

/** One place the query was found: a page (1-based) and a range of its `PageText.text`. */
export interface Match {
  page: number;
  start: number;
  end: number;
}

/** The part of one text run a match covers, in that run's own characters. */
export interface RunRange {
  run: number;
  start: number;
  end: number;
  /** Index of the match in the document's list, to mark the current one. */
  match: number;
}

export function pageText(runs: readonly TextRun[]): PageText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const run of runs) {
    starts.push(text.length);
    text += run.str;
    ends.push(text.length);
    if (run.hasEOL) text += ' ';
  }
  return { text, starts, ends };
}

/**
 * A pattern for the query: case does not matter and any run of spaces or line breaks matches any
 * other. Letters are compared as they are (no folding of æ, ø, å or accents: in Danish they are
 * letters of their own). Null for a query of only spaces.
 */
export function queryPattern(query: string): RegExp | null {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('\\s+'), 'giu');
}

/** Every match on one page, in reading order. */
export function findInPage(page: number, text: PageText, pattern: RegExp): Match[] {
  const found: Match[] = [];
  for (const m of text.text.matchAll(pattern)) {
    if (m[0].length > 0) found.push({ page, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/**
 * The pieces of the text layer's runs that the page's matches cover. `first` is the index in the
 * document's list of the page's first match, so that each piece knows which match it belongs to.
 */
export function runRanges(text: PageText, matches: readonly Match[], first: number): RunRange[] {
  const ranges: RunRange[] = [];
  const { starts } = text;
  matches.forEach((m, i) => {
    // The run the match starts in: the last one starting at or before it (runs are in order).
    for (let run = Math.max(upperBound(starts, m.start) - 1, 0); run < starts.length; run++) {
      if ((starts[run] ?? 0) >= m.end) break;
      const runStart = starts[run] ?? 0;
      const runEnd = text.ends[run] ?? runStart;
      const start = Math.max(m.start, runStart) - runStart;
      const end = Math.min(m.end, runEnd) - runStart;
      if (end > start) ranges.push({ run, start, end, match: first + i });
    }
  });
  return ranges;
}

/** The first index whose value is greater than `value`, in an ascending list. */
function upperBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((list[mid] ?? 0) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
