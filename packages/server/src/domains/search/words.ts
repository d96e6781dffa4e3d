import { stemmer } from '@orama/stemmers/danish';

/**
 * The words of the search index, as the two forgiving parts of search see them: Danish stems (so
 * that "støttesystemerne" finds "støttesystemer") and spelling suggestions, both drawn from the
 * vocabulary of the index (`vocabulary.ts`). Both work on runs of letters, lower-cased the Danish way; digits and punctuation split
 * words, so "it-arkitekturstyring" gives "it" and "arkitekturstyring".
 */

/** Shorter words are not indexed: a query needs three characters for the trigram index anyway. */
const MIN_LENGTH = 3;
/** Longer "words" are pasted identifiers or URLs, not language; they would only bloat the vocabulary. */
const MAX_LENGTH = 40;

/** The distinct words of a text, lower case, in order of first appearance. */
export function wordsOf(text: string): string[] {
  const found = new Set<string>();
  for (const [word] of text.toLocaleLowerCase('da').matchAll(/\p{L}+/gu)) {
    const length = [...word].length;
    if (length >= MIN_LENGTH && length <= MAX_LENGTH) found.add(word);
  }
  return [...found];
}

/** Whether a query word is a single word of letters: only those are stemmed and spell-checked. */
export const isPlainWord = (word: string): boolean => /^\p{L}+$/u.test(word);

// Stemming is pure and an archive repeats its words endlessly; remembering recent stems makes
// counting the words of 100,000 rows cost a Map lookup per word instead of a run of Snowball.
const stems = new Map<string, string>();
const STEM_CACHE = 50_000;

/**
 * The Danish Snowball stem of a lower-case word. Snowball's Danish algorithm only ever removes
 * letters from the end, so the stem is always a prefix of the word; `snippet.ts` relies on that.
 */
export function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (stems.size >= STEM_CACHE) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/**
 * The fewest phrases that match everything `phrases` match as substrings: a phrase that contains
 * another one is dropped ("støttesystemerne" goes where "støttesystemer" is), so that FTS5 walks as
 * few phrases as possible. Shortest first.
 */
export function minimalPhrases(phrases: string[]): string[] {
  const kept: string[] = [];
  for (const p of [...new Set(phrases)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)))
    if (!kept.some((k) => p.includes(k))) kept.push(p);
  return kept;
}
