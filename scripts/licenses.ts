/**
 * Which licences production dependencies may carry: anything but strong copyleft (GPL and AGPL, any
 * version). LGPL, MPL and the permissive licences are fine, and so is an `OR` expression with one
 * alternative that is not strong copyleft (we may choose it). Pure, for scripts/check-licenses.ts.
 */

/** `allowed`; `strong-copyleft` (GPL or AGPL binds us); `unknown` (no licence, or one that cannot be read). */
export type LicenseClass = 'allowed' | 'strong-copyleft' | 'unknown';

/** GPL or AGPL under any spelling (`GPL-2.0`, `GPL-3.0-or-later`, `GPL-2.0+`, `AGPLv3`, `GPL`), never LGPL. */
const STRONG_COPYLEFT = /^A?GPL(?:-|v?\d|\+|$)/i;
/** What package managers write when a package names no licence, or none a reader can check. */
const NO_LICENSE = /^(?:unknown|none|unlicensed|custom\b.*|see licen[cs]e in\b.*)$/i;

type Token = '(' | ')' | 'AND' | 'OR' | 'WITH' | { id: string };

function tokenize(expression: string): Token[] {
  return (expression.match(/\(|\)|[^\s()]+/g) ?? []).map((t) => {
    const upper = t.toUpperCase();
    return t === '(' || t === ')' ? t : upper === 'AND' || upper === 'OR' || upper === 'WITH' ? upper : { id: t };
  });
}

/**
 * Classifies an SPDX licence expression (`MIT`, `(MIT OR CC0-1.0)`, `GPL-2.0-only WITH
 * Classpath-exception-2.0`, …). An exception (`WITH`) does not change the class of the licence it
 * qualifies: a person decides on those. Anything that is not an expression is `unknown`.
 */
export function classifyLicense(expression: string | null | undefined): LicenseClass {
  const text = (expression ?? '').trim();
  if (!text || NO_LICENSE.test(text)) return 'unknown';
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];

  // or := and ('OR' and)*; and := atom ('AND' atom)*; atom := '(' or ')' | id ('WITH' id)?
  function or(): LicenseClass {
    const alternatives = [and()];
    while (peek() === 'OR') {
      at++;
      alternatives.push(and());
    }
    // One alternative we may choose is enough.
    if (alternatives.includes('allowed')) return 'allowed';
    return alternatives.includes('unknown') ? 'unknown' : 'strong-copyleft';
  }
  function and(): LicenseClass {
    const parts = [atom()];
    while (peek() === 'AND') {
      at++;
      parts.push(atom());
    }
    // Every part binds us.
    if (parts.includes('strong-copyleft')) return 'strong-copyleft';
    return parts.includes('unknown') ? 'unknown' : 'allowed';
  }
  function atom(): LicenseClass {
    const token = tokens[at++];
    if (token === '(') {
      const inner = or();
      if (tokens[at++] !== ')') throw new SyntaxError('unbalanced parentheses');
      return inner;
    }
    if (typeof token !== 'object') throw new SyntaxError(`unexpected ${token ?? 'end'}`);
    if (peek() === 'WITH') {
      at++;
      if (typeof tokens[at++] !== 'object') throw new SyntaxError('WITH names no exception');
    }
    if (STRONG_COPYLEFT.test(token.id)) return 'strong-copyleft';
    return NO_LICENSE.test(token.id) ? 'unknown' : 'allowed';
  }

  try {
    const result = or();
    if (at !== tokens.length) throw new SyntaxError('trailing tokens');
    return result;
  } catch {
    // Not an SPDX expression ("GNU GPL v3", "MIT, GPL"): nobody can say it is fine without reading it.
    return STRONG_COPYLEFT.test(text) || /\bA?GPL\b/i.test(text) ? 'strong-copyleft' : 'unknown';
  }
}

/** `pnpm licenses list --json`: licence → the packages that carry it. */
export type LicenseReport = Record<string, { name: string; versions: string[] }[]>;

export interface Offender {
  name: string;
  versions: string[];
  license: string;
  class: Exclude<LicenseClass, 'allowed'>;
}

/** Every package in the report whose licence is not allowed, by name. */
export function offendersIn(report: LicenseReport): Offender[] {
  return Object.entries(report)
    .flatMap(([license, packages]) => {
      const found = classifyLicense(license);
      return found === 'allowed'
        ? []
        : packages.map((p) => ({ name: p.name, versions: p.versions, license, class: found }));
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
