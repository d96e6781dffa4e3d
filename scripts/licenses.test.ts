import { describe, expect, it } from 'vitest';
import { classifyLicense, offendersIn } from './licenses.ts';

describe('classifyLicense', () => {
  it.each([
    ['GPL-2.0', 'strong-copyleft'],
    ['GPL-3.0-only', 'strong-copyleft'],
    ['GPL-2.0+', 'strong-copyleft'],
    ['AGPL-3.0-or-later', 'strong-copyleft'],
    ['AGPLv3', 'strong-copyleft'],
    ['GNU GPL v3', 'strong-copyleft'],
    ['GPL-2.0 OR MIT', 'allowed'],
    ['(GPL-3.0-only OR AGPL-3.0-only)', 'strong-copyleft'],
    ['MIT AND GPL-3.0', 'strong-copyleft'],
    ['MIT AND (GPL-2.0 OR Apache-2.0)', 'allowed'],
    ['GPL-2.0-only WITH Classpath-exception-2.0', 'strong-copyleft'],
    ['LGPL-2.1', 'allowed'],
    ['LGPL-3.0-or-later', 'allowed'],
    ['MPL-2.0', 'allowed'],
    ['(MIT OR CC0-1.0)', 'allowed'],
    ['MIT AND ISC AND BSD-3-Clause', 'allowed'],
    ['(BSD-2-Clause OR MIT OR Apache-2.0)', 'allowed'],
    ['mit or apache-2.0', 'allowed'],
    ['Unknown', 'unknown'],
    ['', 'unknown'],
    [undefined, 'unknown'],
    ['UNLICENSED', 'unknown'],
    ['SEE LICENSE IN LICENSE.md', 'unknown'],
    ['MIT AND Unknown', 'unknown'],
    ['Unknown OR MIT', 'allowed'],
    ['(MIT', 'unknown'],
    ['Apache 2.0', 'unknown'],
  ] as const)('%s is %s', (license, expected) => {
    expect(classifyLicense(license)).toBe(expected);
  });
});

describe('offendersIn', () => {
  it('names every package whose licence is strong copyleft or unknown, and nothing else', () => {
    const report = {
      MIT: [{ name: 'express', versions: ['5.1.0'] }],
      'MPL-2.0': [{ name: 'axe-core', versions: ['4.14.1'] }],
      'GPL-2.0 OR MIT': [{ name: 'either-way', versions: ['1.0.0'] }],
      'AGPL-3.0-or-later': [{ name: 'fake-offender', versions: ['1.0.0', '2.0.0'] }],
      Unknown: [{ name: 'no-licence-field', versions: ['0.1.0'] }],
    };
    expect(offendersIn(report)).toEqual([
      { name: 'fake-offender', versions: ['1.0.0', '2.0.0'], license: 'AGPL-3.0-or-later', class: 'strong-copyleft' },
      { name: 'no-licence-field', versions: ['0.1.0'], license: 'Unknown', class: 'unknown' },
    ]);
  });

  it('finds nothing in a report of permissive and weak-copyleft licences', () => {
    expect(
      offendersIn({ 'LGPL-3.0': [{ name: 'a', versions: ['1'] }], ISC: [{ name: 'b', versions: ['2'] }] }),
    ).toEqual([]);
  });
});
