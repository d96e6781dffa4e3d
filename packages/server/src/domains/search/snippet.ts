import { stemOf } from './words.ts';

const START = '\u0002';
const END = '\u0003';

/** Where, in lower-case text, whole words with one of these Danish stems stand: [start, end) each. */
function stemMatches(lower: string, stems: string[]): [number, number][] {
  if (stems.length === 0) return [];
  const wanted = new Set(stems);
  const found: [number, number][] = [];
  for (const m of lower.matchAll(/\p{L}+/gu)) {
    // A stem is a prefix of its forms: only words that start with one need the stemmer.
    if (stems.some((s) => m[0].startsWith(s)) && wanted.has(stemOf(m[0]))) found.push([m.index, m.index + m[0].length]);
  }
  return found;
}

/**
 * About `width` characters of `text` around the first match of any word, every match of every word
 * marked between \u0002 and \u0003 (the client turns them into <mark>). Words are lower case.
 * `stems` are the Danish stems of the query's words: a whole word of the text with one of them is
 * marked too, since search found the row by it ("støttesystemer" for "støttesystemerne").
 */
export function snippet(text: string, words: string[], stems: string[] = [], width = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLocaleLowerCase('da');
  const stemmed = stemMatches(lower, stems);
  const first = Math.min(
    ...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0),
    ...stemmed.slice(0, 1).map(([a]) => a),
  );
  const from = Number.isFinite(first) ? Math.max(0, first - Math.floor(width / 3)) : 0;
  const start = from > 0 ? flat.indexOf(' ', from) + 1 || from : 0;
  const end = Math.min(flat.length, start + width);
  const slice = flat.slice(start, end);
  const lowerSlice = lower.slice(start, end);
  // Mark every occurrence, longest words first so that a word inside another is not marked twice.
  const marks: [number, number][] = stemmed
    .filter(([a, b]) => a >= start && b <= end)
    .map(([a, b]) => [a - start, b - start]);
  for (const w of [...words].sort((a, b) => b.length - a.length)) {
    for (let i = lowerSlice.indexOf(w); i >= 0; i = lowerSlice.indexOf(w, i + w.length)) {
      if (!marks.some(([a, b]) => i < b && i + w.length > a)) marks.push([i, i + w.length]);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [a, b] of marks) {
    out += slice.slice(at, a) + START + slice.slice(a, b) + END;
    at = b;
  }
  out += slice.slice(at);
  return `${start > 0 ? '…' : ''}${out}${end < flat.length ? '…' : ''}`;
}
