import { describe, expect, it } from 'vitest';
import { browserName } from './browserName.ts';

describe('browserName', () => {
  it('names the common browsers and systems, telling Edge from the Chrome it says it is', () => {
    expect(
      browserName(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toEqual({ browser: 'Edge', system: 'Windows' });
    expect(
      browserName(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Safari/604.1',
      ),
    ).toEqual({ browser: 'Safari', system: 'iOS' });
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toEqual({
      browser: 'Firefox',
      system: 'Linux',
    });
  });

  it('says nothing it cannot tell', () => {
    expect(browserName('')).toEqual({ browser: null, system: null });
    expect(browserName('curl/8.5.0')).toEqual({ browser: null, system: null });
  });
});
