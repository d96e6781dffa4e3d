import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Db } from '../../db/connection.ts';

/** How many recovery codes a person gets at a time. */
export const RECOVERY_CODE_COUNT = 10;
/** Letters and digits that cannot be mistaken for one another when read off paper. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `abcde-fghjk`: 50 bits each, enough with sign-in attempts limited. */
function recoveryCode(): string {
  const pick = () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  const half = () => Array.from({ length: 5 }, pick).join('');
  return `${half()}-${half()}`;
}

/** A code as typed, without spaces or dashes and in lower case, so "ABCDE FGHJK" is "abcde-fghjk". */
const normalise = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');
const hashCode = (code: string) => createHash('sha256').update(normalise(code)).digest('hex');

interface TotpRow {
  secret: string | null;
  enabledAt: string | null;
  lastStep: number | null;
}

/**
 * Two-factor sign-in for local accounts: TOTP (RFC 6238, 30-second codes of 6 digits, as every
 * authenticator app makes them, through otplib) and single-use recovery codes for a lost phone.
 * The secret is kept as the app has it: the database is as sensitive as the passwords' hashes
 * beside it, and a key to encrypt it would have to live beside it too. A code is accepted once:
 * the time step of the last accepted one is kept, and an older or equal one is refused.
 */
export class TwoFactor {
  constructor(
    private readonly db: Db,
    private readonly issuer: string,
  ) {}

  private row(personId: string): TotpRow {
    return (
      this.db
        .prepare<[string], TotpRow>(
          'SELECT totp_secret AS secret, totp_enabled_at AS enabledAt, totp_last_step AS lastStep FROM people WHERE id = ?',
        )
        .get(personId) ?? { secret: null, enabledAt: null, lastStep: null }
    );
  }

  enabled(personId: string): boolean {
    return this.row(personId).enabledAt !== null;
  }

  /**
   * Starts an enrolment: a new secret, not yet in force (a secret being set up replaces the one
   * before it, but never an enabled one: that takes turning it off first).
   */
  async begin(personId: string, label: string): Promise<{ secret: string; uri: string; qrSvg: string }> {
    const secret = generateSecret();
    this.db
      .prepare('UPDATE people SET totp_secret = ?, totp_last_step = NULL WHERE id = ? AND totp_enabled_at IS NULL')
      .run(secret, personId);
    const uri = generateURI({ issuer: this.issuer, label, secret });
    const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return { secret, uri, qrSvg };
  }

  /** Whether `code` is the person's current TOTP code (one step either side, for clocks that drift), used up if so. */
  async checkTotp(personId: string, code: string): Promise<boolean> {
    const { secret, lastStep } = this.row(personId);
    const token = code.replace(/\s/g, '');
    if (!secret || !/^\d{6}$/.test(token)) return false;
    const result = await verify({
      secret,
      token,
      epochTolerance: 30,
      ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
    });
    if (!result.valid || !('timeStep' in result)) return false;
    // Only one request may use a time step: the update holds only if no other got there first.
    return (
      this.db
        .prepare('UPDATE people SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)')
        .run(result.timeStep, personId, result.timeStep).changes === 1
    );
  }

  /** Turns on an enrolment under way after its first code; returns fresh recovery codes. */
  enable(personId: string): string[] {
    this.db.prepare('UPDATE people SET totp_enabled_at = ? WHERE id = ?').run(new Date().toISOString(), personId);
    return this.newRecoveryCodes(personId);
  }

  disable(personId: string): void {
    this.db
      .prepare('UPDATE people SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = ?')
      .run(personId);
    this.db.prepare('DELETE FROM recovery_codes WHERE person_id = ?').run(personId);
  }

  /** New recovery codes, replacing any left: shown once, kept only as hashes. */
  newRecoveryCodes(personId: string): string[] {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
    this.db.prepare('DELETE FROM recovery_codes WHERE person_id = ?').run(personId);
    const insert = this.db.prepare('INSERT OR IGNORE INTO recovery_codes (person_id, code_hash) VALUES (?, ?)');
    for (const code of codes) insert.run(personId, hashCode(code));
    return codes;
  }

  /** Uses up a recovery code; false if it is not one of the person's unused ones. */
  useRecoveryCode(personId: string, code: string): boolean {
    return (
      this.db
        .prepare('UPDATE recovery_codes SET used_at = ? WHERE person_id = ? AND code_hash = ? AND used_at IS NULL')
        .run(new Date().toISOString(), personId, hashCode(code)).changes === 1
    );
  }

  recoveryCodesLeft(personId: string): number {
    return (
      this.db
        .prepare<[string], { n: number }>(
          'SELECT count(*) AS n FROM recovery_codes WHERE person_id = ? AND used_at IS NULL',
        )
        .get(personId)?.n ?? 0
    );
  }

  /** A TOTP code or, failing that, a recovery code: what the second step of a sign-in accepts. */
  async check(personId: string, code: string): Promise<'totp' | 'recovery' | null> {
    if (await this.checkTotp(personId, code)) return 'totp';
    if (this.enabled(personId) && this.useRecoveryCode(personId, code)) return 'recovery';
    return null;
  }
}
