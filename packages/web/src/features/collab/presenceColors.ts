/**
 * Colours of the people in a document: each person's avatar and caret.
 *
 * Why not just a hash of the id: with a handful of colours two people in the same meeting often got
 * the same one. Every client assigns colours over the same set of people (the ids in awareness), in
 * the same order, so all of them agree: each person gets their hashed colour unless someone earlier
 * in id order has it, then the next free one. Each client then publishes its own colour, so carets
 * drawn by Tiptap agree with the avatars. All colours carry white text at 4.5:1 or more (WCAG 1.4.3).
 */
export const PRESENCE_COLORS = [
  '#1d4f73',
  '#2f7d4f',
  '#9c3d54',
  '#8a5a00',
  '#5b4a9e',
  '#00707a',
  '#a34700',
  '#b0256f',
  '#4d6619',
  '#1f6fb2',
] as const;

/** The colour `id` has when nobody earlier in id order has it. */
export function preferredColor(id: string): string {
  return PRESENCE_COLORS[preferredIndex(id)] as string;
}

function preferredIndex(id: string): number {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % PRESENCE_COLORS.length;
}

/** The colour of each id in `ids`, distinct while there are no more people than colours. */
export function assignColors(ids: Iterable<string>): Map<string, string> {
  const taken = new Set<number>();
  const colors = new Map<string, string>();
  for (const id of [...new Set(ids)].sort()) {
    const preferred = preferredIndex(id);
    let index = preferred;
    for (let step = 0; step < PRESENCE_COLORS.length && taken.has(index); step++) {
      index = (preferred + step + 1) % PRESENCE_COLORS.length;
    }
    if (taken.has(index)) index = preferred; // more people than colours: share
    taken.add(index);
    colors.set(id, PRESENCE_COLORS[index] as string);
  }
  return colors;
}
