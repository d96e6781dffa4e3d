import type { RunRange } from './textSearch.ts';

/** The text layer of a rendered page: its spans, one per text run, and each run's text. */
export interface TextLayerParts {
  divs: readonly HTMLElement[];
  strs: readonly string[];
}

/**
 * Marks the matches in a page's text layer, the current one apart, and returns the current one's
 * first piece (to bring it into view). Spans touched before are first given back their plain
 * text, so that marks never pile up. The marks are inside the spans, so selecting and copying
 * the text works as before.
 */
export function applyHighlights(
  layer: TextLayerParts,
  ranges: readonly RunRange[],
  selected: number,
  touched: Set<number>,
): HTMLElement | null {
  for (const run of touched) {
    const div = layer.divs[run];
    if (div) div.textContent = layer.strs[run] ?? '';
  }
  touched.clear();
  let current: HTMLElement | null = null;
  const byRun = new Map<number, RunRange[]>();
  for (const range of ranges) byRun.set(range.run, [...(byRun.get(range.run) ?? []), range]);
  for (const [run, pieces] of byRun) {
    const div = layer.divs[run];
    const str = layer.strs[run];
    if (!div || str === undefined) continue;
    touched.add(run);
    div.textContent = '';
    let at = 0;
    for (const piece of pieces.sort((a, b) => a.start - b.start)) {
      if (piece.start > at) div.append(str.slice(at, piece.start));
      const mark = document.createElement('span');
      mark.className = piece.match === selected ? 'highlight selected' : 'highlight';
      mark.textContent = str.slice(Math.max(piece.start, at), piece.end);
      div.append(mark);
      if (piece.match === selected && !current) current = mark;
      at = Math.max(at, piece.end);
    }
    if (at < str.length) div.append(str.slice(at));
  }
  return current;
}
