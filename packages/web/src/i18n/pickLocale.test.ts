import { describe, expect, it } from 'vitest';
import { pickLocale } from './pickLocale.ts';

describe('pickLocale', () => {
  it('keeps the choice made on this device over the browser’s languages', () => {
    expect(pickLocale('da', ['en-GB', 'en'])).toBe('da');
    expect(pickLocale('en', ['da-DK'])).toBe('en');
  });

  it('follows the first browser language Council speaks', () => {
    expect(pickLocale(null, ['en-GB', 'da'])).toBe('en');
    expect(pickLocale(null, ['sv-SE', 'da-DK', 'en'])).toBe('da');
    expect(pickLocale(null, ['EN-us'])).toBe('en');
  });

  it('starts in Danish when nothing else says otherwise', () => {
    expect(pickLocale(null, [])).toBe('da');
    expect(pickLocale(null, ['de-DE', 'fr'])).toBe('da');
    expect(pickLocale('klingon', ['de'])).toBe('da');
  });
});
