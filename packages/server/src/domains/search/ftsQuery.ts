/**
 * Turns what a person typed into an FTS5 query that cannot be FTS syntax: every word becomes a quoted
 * phrase (quotes doubled), all of them required. `NEAR`, `*`, `-`, parentheses and quotes are just text.
 * The trigram tokenizer needs three characters; shorter words are dropped, and if nothing is left
 * the caller gets an empty string and should answer with no results.
 */
export function ftsQuery(input: string): string {
  return ftsWords(input)
    .map((word) => `"${word.replaceAll('"', '""')}"`)
    .join(' ');
}

/** The words of a query that can be searched for: trimmed of punctuation, three characters or more. */
export function ftsWords(input: string): string[] {
  return input
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => [...word].length >= 3)
    .slice(0, 12);
}
