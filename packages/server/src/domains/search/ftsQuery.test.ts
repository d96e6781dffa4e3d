import { describe, expect, it } from 'vitest';
import { ftsQuery } from './ftsQuery.ts';

describe('ftsQuery', () => {
  it('quotes every word so that nothing is FTS syntax', () => {
    expect(ftsQuery('arkitektur NEAR styring')).toBe('"arkitektur" "NEAR" "styring"');
    expect(ftsQuery('"unbalanced (paren* -minus')).toBe('"unbalanced" "paren" "minus"');
    expect(ftsQuery('it-arkitekturstyring')).toBe('"it-arkitekturstyring"');
    expect(ftsQuery('a"b"c')).toBe('"a""b""c"');
  });

  it('drops words too short for trigrams, and keeps Danish letters', () => {
    expect(ftsQuery('på møde i Århus')).toBe('"møde" "Århus"');
    expect(ftsQuery('it')).toBe('');
    expect(ftsQuery('   ')).toBe('');
  });
});
