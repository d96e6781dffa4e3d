import type { Db } from '../../db/connection.ts';
import type { PersonRow } from '../people/repo.ts';

const PASSWORD_SIGN_IN = 'password_sign_in';

/**
 * Whether password sign-in is allowed: for everyone (the `settings` table) and per person
 * (`people.password_signin`). Admins turn it off once single sign-on works; `council
 * password-sign-in on` turns it on again for everyone, should single sign-on fail.
 */
export class SignInSettings {
  constructor(private readonly db: Db) {}

  passwordForAll(): boolean {
    const row = this.db
      .prepare<[string], { value: string }>('SELECT value FROM settings WHERE name = ?')
      .get(PASSWORD_SIGN_IN);
    return row?.value !== 'off';
  }

  setPasswordForAll(allowed: boolean): void {
    this.db
      .prepare(
        'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      )
      .run(PASSWORD_SIGN_IN, allowed ? 'on' : 'off');
  }

  passwordAllowed(person: PersonRow): boolean {
    return this.passwordForAll() && person.passwordSignIn;
  }
}
