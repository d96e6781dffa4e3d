import { createRequire } from 'node:module';
import type { ValidationRule } from '@council/shared';

/**
 * What a new password must be besides long enough (LIMITS.passwordMinLength, checked by its
 * schema): not one of the passwords people use most, as NIST SP 800-63B asks. Length rules out
 * most of a list of common passwords, so a password is also judged by its core: the letters
 * left when digits and punctuation are taken off both ends ("Sommer2024!" is "sommer").
 */

// 30,000 passwords leaked most often (zxcvbn-ts's list, MIT), read once when the server starts.
const require = createRequire(import.meta.url);
const LEAKED: string[] = require('@zxcvbn-ts/language-common/src/passwords.json');

/** Danish words a Danish list of leaked passwords leads with, and this product's own words. */
const DANISH = [
  'adgangskode',
  'kodeord',
  'password',
  'hemmelig',
  'velkommen',
  'sommer',
  'vinter',
  'foraar',
  'forår',
  'efteraar',
  'efterår',
  'danmark',
  'kommune',
  'kobenhavn',
  'københavn',
  'aarhus',
  'odense',
  'aalborg',
  'januar',
  'februar',
  'marts',
  'april',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
  'mandag',
  'fredag',
  'kærlighed',
  'council',
  'raadet',
  'rådet',
  'arkitekt',
  'arkitektur',
  'itarkitektur',
  'qwertyuiopå',
  'asdfghjklæø',
];

const COMMON = new Set([...LEAKED, ...DANISH].map((p) => p.toLocaleLowerCase('da')));

/** The password without digits, spaces and punctuation at its ends, lower-cased. */
const coreOf = (password: string) =>
  password
    .toLocaleLowerCase('da')
    .replace(/^[^\p{L}]+/u, '')
    .replace(/[^\p{L}]+$/u, '');

/** The rule a new password breaks, or null if it may be used; `person` for their own name and address. */
export function passwordProblem(
  password: string,
  person?: { email: string; name: string },
): Extract<ValidationRule, 'common_password' | 'password_contains_name'> | null {
  const whole = password.toLocaleLowerCase('da');
  const core = coreOf(password);
  if (COMMON.has(whole) || COMMON.has(core) || COMMON.has(core.replace(/[^\p{L}]/gu, ''))) return 'common_password';
  // A password that is only a repeated character or two ("aaaaaaaaaa", "abababab12").
  if (new Set(whole).size <= 2) return 'common_password';
  if (person) {
    // What is left of the password's letters when the person's names and address are taken out:
    // "SofieLund2026xx" leaves "xx", too little to be a password of its own.
    const parts = [
      person.email.split('@')[0] ?? '',
      ...(person.email.split('@')[0]?.split(/[._-]/) ?? []),
      ...person.name.split(/\s+/),
    ]
      .map((p) => p.toLocaleLowerCase('da'))
      .filter((p) => p.length >= 3)
      .sort((a, b) => b.length - a.length);
    const rest = parts.reduce((left, part) => left.replaceAll(part, ''), whole).replace(/[^\p{L}]/gu, '');
    if (rest.length < whole.replace(/[^\p{L}]/gu, '').length && rest.length < 6) return 'password_contains_name';
  }
  return null;
}
