const START = '\u0002';
const END = '\u0003';

/**
 * About `width` characters of `text` around the first match of any word, every match of every word
 * marked between \u0002 and \u0003 (the client turns them into <mark>). Words are lower case.
 */
export function snippet(text: string, words: string[], width = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLocaleLowerCase('da');
  const first = Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0));
  const from = Number.isFinite(first) ? Math.max(0, first - Math.floor(width / 3)) : 0;
  const start = from > 0 ? flat.indexOf(' ', from) + 1 || from : 0;
  const end = Math.min(flat.length, start + width);
  const slice = flat.slice(start, end);
  const lowerSlice = lower.slice(start, end);
  // Mark every occurrence, longest words first so that a word inside another is not marked twice.
  const marks: [number, number][] = [];
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
