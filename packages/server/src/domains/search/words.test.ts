import { describe, expect, it } from 'vitest';
import { isPlainWord, minimalPhrases, stemOf, wordsOf } from './words.ts';

describe('wordsOf', () => {
  it('gives the distinct words of letters, lower case, split at anything else', () => {
    expect(wordsOf('Aktiv it-arkitekturstyring: ARKITEKTUR og 2026-arkitektur, å!')).toEqual([
      'aktiv',
      'arkitekturstyring',
      'arkitektur',
    ]);
  });

  it('leaves out words too short to search for and too long to be language', () => {
    expect(wordsOf(`ab abc ${'x'.repeat(41)}`)).toEqual(['abc']);
  });
});

describe('stemOf', () => {
  it('gives Danish inflections one stem', () => {
    const stem = stemOf('støttesystemerne');
    for (const form of ['støttesystemer', 'støttesystemet', 'støttesystemers']) expect(stemOf(form)).toBe(stem);
    expect(stemOf('indikatorerne')).toBe(stemOf('indikatorer'));
    expect(stemOf('principperne')).toBe(stemOf('principper'));
  });

  it('keeps words apart that only share their first letters', () => {
    expect(stemOf('kommunerne')).not.toBe(stemOf('kommunikation'));
  });

  it('always gives a prefix of the word, which snippets and title ranking rely on', () => {
    for (const word of ['støttesystemerne', 'principperne', 'undersøgelser', 'løst', 'sikkerhed', 'mødet'])
      expect(word.startsWith(stemOf(word)), word).toBe(true);
  });
});

describe('minimalPhrases', () => {
  it('keeps the phrases that no shorter one is part of, shortest first', () => {
    expect(minimalPhrases(['støttesystemerne', 'støttesystemer', 'støttesystemet'])).toEqual([
      'støttesystemer',
      'støttesystemet',
    ]);
    expect(minimalPhrases(['kommunerne', 'kommune', 'kommuner', 'kommunen', 'kommunerne'])).toEqual(['kommune']);
    expect(minimalPhrases(['arkitektur'])).toEqual(['arkitektur']);
  });
});

describe('isPlainWord', () => {
  it('accepts letters only', () => {
    expect(isPlainWord('støttesystemerne')).toBe(true);
    expect(isPlainWord('it-arkitektur')).toBe(false);
    expect(isPlainWord('FORTROLIGT-91c2')).toBe(false);
  });
});
