import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('rådsmøde i Aarhus');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('rådsmøde i Aarhus', hash)).toBe(true);
    expect(await verifyPassword('rådsmøde i Odense', hash)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});
