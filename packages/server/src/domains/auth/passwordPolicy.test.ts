import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwordPolicy.ts';

describe('the password policy', () => {
  it('refuses the passwords people use most, whatever digits and punctuation surround them', () => {
    for (const p of [
      'password123',
      '1234567890',
      'qwertyuiop',
      'Sommer2024!',
      'kodeord1234',
      '!!Velkommen1',
      'aaaaaaaaaaaa',
    ])
      expect(passwordProblem(p), p).toBe('common_password');
  });

  it('refuses a password that is the person’s own name or address with a little added', () => {
    const person = { email: 'mette.kjaergaard@aarhus.dk', name: 'Mette Kjærgaard' };
    expect(passwordProblem('kjærgaard2024', person)).toBe('password_contains_name');
    expect(passwordProblem('mette.kjaergaard1', person)).toBe('password_contains_name');
    expect(passwordProblem('SofieLund2026xx', { email: 'sofie.lund@vejle.example', name: 'Sofie Lund' })).toBe(
      'password_contains_name',
    );
  });

  it('accepts a long password of uncommon words, and the demo password', () => {
    const person = { email: 'mette.kjaergaard@aarhus.dk', name: 'Mette Kjærgaard' };
    expect(passwordProblem('blå hest under broen', person)).toBeNull();
    expect(passwordProblem('demo-council-2011')).toBeNull();
    // A name inside a longer passphrase is fine: the rest carries the strength.
    expect(passwordProblem('mette cykler til Risskov om morgenen', person)).toBeNull();
  });
});
