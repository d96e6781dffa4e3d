import { describe, expect, it } from 'vitest';
import { snippet } from './snippet.ts';

describe('snippet', () => {
  it('marks every match of every word, case-insensitively', () => {
    expect(snippet('Aktiv it-arkitekturstyring og Arkitektur', ['arkitektur'])).toBe(
      'Aktiv it-\u0002arkitektur\u0003styring og \u0002Arkitektur\u0003',
    );
  });

  it('cuts around the first match on a word boundary and says so', () => {
    const text = `${'Indledning om mødet. '.repeat(20)}Rådet drøftede botanikeren i drivhuset. ${'Afslutning. '.repeat(20)}`;
    const s = snippet(text, ['botanikeren'], [], 80);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('\u0002botanikeren\u0003');
    expect(s.length).toBeLessThan(90);
  });

  it('does not mark a word twice inside a longer one', () => {
    expect(snippet('gevinstrealisering', ['gevinst', 'gevinstrealisering'])).toBe('\u0002gevinstrealisering\u0003');
  });

  it('marks whole words of the same Danish stem, and only those', () => {
    expect(
      snippet('Støttesystemer og støttesystemet, ikke støttesystematik.', ['støttesystemerne'], ['støttesystem']),
    ).toBe('\u0002Støttesystemer\u0003 og \u0002støttesystemet\u0003, ikke støttesystematik.');
  });

  it('starts at the beginning when nothing matches', () => {
    expect(snippet('Ingen træf her', ['xyz'])).toBe('Ingen træf her');
  });
});
