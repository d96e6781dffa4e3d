import { describe, expect, it } from 'vitest';
import { findInPage, pageText, queryPattern, runRanges } from './textSearch.ts';

const page = pageText([
  { str: 'Rådets beslutning om', hasEOL: true },
  { str: 'fælles ', hasEOL: false },
  { str: '', hasEOL: false },
  { str: 'arkitektur', hasEOL: false },
  { str: '.', hasEOL: true },
  { str: 'ARKITEKTUR og Arkitektur', hasEOL: false },
]);

describe('document search', () => {
  it('finds every match on a page, whatever the case, with æ, ø and å as letters of their own', () => {
    const pattern = queryPattern('arkitektur');
    expect(pattern).not.toBeNull();
    const found = findInPage(3, page, pattern as RegExp);
    expect(found).toHaveLength(3);
    expect(found.every((m) => m.page === 3)).toBe(true);
    expect(findInPage(1, page, queryPattern('rådets') as RegExp)).toHaveLength(1);
    expect(findInPage(1, page, queryPattern('radets') as RegExp)).toHaveLength(0);
  });

  it('finds a phrase broken over two lines and treats the query as text, not a pattern', () => {
    expect(findInPage(1, page, queryPattern('beslutning   om fælles') as RegExp)).toHaveLength(1);
    expect(findInPage(1, page, queryPattern('a.') as RegExp)).toHaveLength(0);
    expect(queryPattern('   ')).toBeNull();
  });

  it('maps each match onto the text runs it covers, also across runs', () => {
    const found = findInPage(1, page, queryPattern('fælles arkitektur.') as RegExp);
    expect(found).toHaveLength(1);
    expect(runRanges(page, found, 4)).toEqual([
      { run: 1, start: 0, end: 7, match: 4 },
      { run: 3, start: 0, end: 10, match: 4 },
      { run: 4, start: 0, end: 1, match: 4 },
    ]);
    const last = findInPage(1, page, queryPattern('og arkitektur') as RegExp);
    expect(runRanges(page, last, 0)).toEqual([{ run: 5, start: 11, end: 24, match: 0 }]);
  });
});
