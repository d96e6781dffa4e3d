import * as Y from 'yjs';

/**
 * Collaborative text and lists inside documents. Text that two people may edit at once is a Y.Text,
 * changed by the smallest edit that turns the old value into the new one, so that concurrent typing
 * at different places merges instead of the last keystroke replacing the whole field. Lists (tags,
 * superseded decisions) are Y.Arrays changed entry by entry for the same reason.
 */

/** The text of a field: a Y.Text, or a plain string as schema 1 stored it; anything else is no text. */
export function textOf(value: unknown): string | undefined {
  if (value instanceof Y.Text) return value.toString();
  return typeof value === 'string' ? value : undefined;
}

export const newText = (value = '') => new Y.Text(value);

/**
 * Changes a Y.Text to `next` with one delete and one insert between the common prefix and suffix.
 * `cursor`, where the edit ended in the editor (its caret), settles which of several equal runs was
 * edited, e.g. which "s" of "ss" was typed.
 */
export function replaceText(text: Y.Text, next: string, cursor?: number): void {
  const current = text.toString();
  if (current === next) return;
  const { start, removed, inserted } = diffText(current, next, cursor);
  const apply = () => {
    if (removed > 0) text.delete(start, removed);
    if (inserted) text.insert(start, inserted);
  };
  if (text.doc) text.doc.transact(apply);
  else apply();
}

/** The single edit that turns `before` into `after`: `removed` characters at `start` replaced by `inserted`. */
export function diffText(before: string, after: string, cursor?: number) {
  const limit = Math.min(before.length, after.length);
  // The caret after the edit bounds the common prefix: what follows the caret was not typed.
  const prefixLimit =
    cursor === undefined ? limit : Math.min(limit, Math.max(0, cursor - (after.length - before.length)), cursor);
  let start = 0;
  while (start < prefixLimit && before[start] === after[start]) start++;
  let end = 0;
  while (end < limit - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, removed: before.length - start - end, inserted: after.slice(start, after.length - end) };
}

/** The entries of a list: a Y.Array, or a plain array as schema 1 stored it. */
export function listOf(value: unknown): unknown[] | undefined {
  if (value instanceof Y.Array) return value.toArray();
  return Array.isArray(value) ? value : undefined;
}

export function newList(values: readonly string[] = []): Y.Array<string> {
  const list = new Y.Array<string>();
  list.push([...values]);
  return list;
}

/** Makes a list hold `next`: entries no longer there are deleted and new ones appended, one by one. */
export function replaceList(list: Y.Array<string>, next: readonly string[]): void {
  const apply = () => {
    const wanted = new Set(next);
    const current = list.toArray();
    for (let i = current.length - 1; i >= 0; i--) if (!wanted.has(current[i] as string)) list.delete(i, 1);
    const kept = new Set(list.toArray());
    const added = next.filter((value, i) => !kept.has(value) && next.indexOf(value) === i);
    if (added.length > 0) list.push(added);
  };
  if (list.doc) list.doc.transact(apply);
  else apply();
}
