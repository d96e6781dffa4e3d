/**
 * Spelling suggestions ("Mente du …") drawn from the index's own vocabulary: the nearest word by
 * Damerau–Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
 * neighbours), allowing more edits in longer words.
 */

/** How many edits a word of this length may be away from its suggestion. */
export function maxEdits(length: number): number {
  if (length < 4) return 0; // "tre" → "tog", "the": every short word is near too many others
  if (length < 8) return 1;
  return 2;
}

/**
 * The edit distance between `a` and `b`, or `max + 1` as soon as it is certainly above `max`, so
 * that comparing a word with hundreds of candidates stays cheap.
 */
export function editDistance(a: string, b: string, max: number): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let before = new Array<number>(t.length + 1).fill(0); // row i - 2, for swaps
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = new Array<number>(t.length + 1);
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d = Math.min(d, (before[j - 2] as number) + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[t.length] as number, max + 1);
}

/**
 * Pieces of `word` that a word within `edits` edits of it must still contain, as trigram phrases
 * over vocabulary entries stored between bars (`|arkitektur|`): its first letters (`"|arki"`), its
 * last (`"ekur|"`) and, for two edits, a middle piece. Split into edits + 1 pieces with a letter
 * between neighbours, every edit (a swap included) can spoil at most one piece, so one survives:
 * looking up the pieces finds every candidate while reading only a sliver of the vocabulary.
 */
export function candidatePieces(word: string, edits: number): string[] {
  const letters = [...word];
  const n = letters.length;
  const text = (from: number, to: number) => letters.slice(from, to).join('');
  if (edits <= 0) return [];
  if (edits === 1) {
    const head = Math.max(2, Math.floor((n - 1) / 2));
    const tail = Math.max(2, n - 1 - head);
    return [`|${text(0, head)}`, `${text(n - tail, n)}|`];
  }
  const third = Math.floor((n - 2) / 3);
  const head = Math.max(2, third);
  const middle = Math.max(3, third);
  const tail = Math.max(2, n - 2 - head - middle);
  const middleStart = Math.min(head + 1, n - tail - middle);
  return [`|${text(0, head)}`, text(middleStart, middleStart + middle), `${text(n - tail, n)}|`];
}

export interface Candidate {
  word: string;
  /** Rows the reader may see that contain the word. */
  docs: number;
}

/** The best candidate within `edits` of `word`: fewest edits, then the most used, then alphabetical. */
export function nearest(word: string, candidates: Candidate[], edits: number): Candidate | null {
  let best: (Candidate & { distance: number }) | null = null;
  for (const c of candidates) {
    if (c.word === word) continue;
    const distance = editDistance(word, c.word, edits);
    if (distance > edits) continue;
    if (
      !best ||
      distance < best.distance ||
      (distance === best.distance && (c.docs > best.docs || (c.docs === best.docs && c.word < best.word)))
    )
      best = { ...c, distance };
  }
  return best && { word: best.word, docs: best.docs };
}
