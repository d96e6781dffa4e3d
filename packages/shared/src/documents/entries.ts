import * as Y from 'yjs';
import type { z } from 'zod';

/**
 * How every reader of a document treats what it finds. Live data may be anything a client wrote, so
 * no reader throws: each entry is checked against its validator and comes back either as it is, or
 * repaired (an overlong value cut, a wrong value replaced by its default) with the reasons in
 * `issues`, for the UI and the read models to flag. Only an entry without a usable id is skipped.
 */
export type Checked<T> = T & { issues: string[] };

/** A Yjs value as plain JSON (Y.Text → string, Y.Array → array, Y.Map → object). */
export function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (issue: z.core.$ZodIssue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`;

export function checkEntry<S extends z.ZodObject>(
  schema: S,
  raw: unknown,
  fallback: z.output<S>,
): Checked<z.output<S>> {
  const value = plain(raw);
  const first = schema.safeParse(value);
  if (first.success) return { ...first.data, issues: [] };
  const issues = isRecord(value) ? first.error.issues.map(describe) : ['entry: not an object'];
  const repaired: Record<string, unknown> = isRecord(value) ? { ...value } : {};
  const dropped = new Map<string, Set<number>>();
  for (const issue of first.error.issues) {
    const [key, index] = issue.path;
    if (typeof key !== 'string') continue;
    const field = repaired[key];
    const maximum = issue.code === 'too_big' ? Number(issue.maximum) : undefined;
    if (Array.isArray(field) && typeof index === 'number') {
      // One bad entry of a list (a tag too long) costs that entry, not the list.
      if (maximum !== undefined && typeof field[index] === 'string') field[index] = field[index].slice(0, maximum);
      else dropped.set(key, (dropped.get(key) ?? new Set()).add(index));
    } else if (maximum !== undefined && (typeof field === 'string' || Array.isArray(field))) {
      repaired[key] = field.slice(0, maximum);
    } else repaired[key] = (fallback as Record<string, unknown>)[key];
  }
  for (const [key, indexes] of dropped) {
    repaired[key] = (repaired[key] as unknown[]).filter((_, i) => !indexes.has(i));
  }
  const second = schema.safeParse(repaired);
  if (second.success) return { ...second.data, issues };
  // A repaired value can still fail (an emptied title fails `min(1)` as its fallback does): keep
  // every field that passes on its own, and the repaired value where it has the fallback's type, so
  // that one bad field never costs the entry its status, assignee or removal mark.
  const kept: Record<string, unknown> = { ...fallback };
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = field.safeParse(repaired[key]);
    if (parsed.success) kept[key] = parsed.data;
    else if (typeof repaired[key] === typeof kept[key]) kept[key] = repaired[key];
  }
  return { ...(kept as z.output<S>), issues };
}
