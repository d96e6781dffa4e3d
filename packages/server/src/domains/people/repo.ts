import type { GroupRole, Locale, Role } from '@council/shared';
import type { Db } from '../../db/connection.ts';

export interface PersonRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisation: string;
  title: string;
  competencies: string[];
  locale: Locale;
  /** When an admin deactivated the person; null while they may sign in. */
  deactivatedAt: string | null;
  /** When they were invited, until they set a password through the invitation. */
  invitedAt: string | null;
  /** Whether they sign in with a second factor (TOTP). */
  twoFactor: boolean;
  /** When an admin erased their data; their name is then a pseudonym. */
  erasedAt: string | null;
  /** Whether they may sign in with a password (an admin turns it off for single sign-on). */
  passwordSignIn: boolean;
}

interface RawPerson extends Omit<PersonRow, 'competencies' | 'twoFactor' | 'passwordSignIn'> {
  competencies: string;
  password_hash: string;
  twoFactor: 0 | 1;
  passwordSignIn: 0 | 1;
}

const COLUMNS = `id, email, name, role, organisation, title, competencies, locale, deactivated_at AS deactivatedAt,
  invited_at AS invitedAt, totp_enabled_at IS NOT NULL AS twoFactor, erased_at AS erasedAt, password_signin AS passwordSignIn, password_hash`;
const toRow = ({ password_hash: _hash, competencies, twoFactor, passwordSignIn, ...rest }: RawPerson): PersonRow => ({
  ...rest,
  competencies: JSON.parse(competencies) as string[],
  twoFactor: twoFactor === 1,
  passwordSignIn: passwordSignIn === 1,
});

export class PeopleRepo {
  constructor(private readonly db: Db) {}

  async byId(id: string): Promise<PersonRow | null> {
    const raw = this.db.prepare<[string], RawPerson>(`SELECT ${COLUMNS} FROM people WHERE id = ?`).get(id);
    return raw ? toRow(raw) : null;
  }

  async credentialsByEmail(email: string): Promise<{ person: PersonRow; passwordHash: string } | null> {
    const raw = this.db.prepare<[string], RawPerson>(`SELECT ${COLUMNS} FROM people WHERE email = ?`).get(email);
    return raw ? { person: toRow(raw), passwordHash: raw.password_hash } : null;
  }

  async list(): Promise<PersonRow[]> {
    return this.db
      .prepare<[], RawPerson>(`SELECT ${COLUMNS} FROM people ORDER BY name COLLATE NOCASE`)
      .all()
      .map(toRow);
  }

  async create(
    person: Omit<PersonRow, 'deactivatedAt' | 'invitedAt' | 'twoFactor' | 'erasedAt' | 'passwordSignIn'>,
    passwordHash: string,
  ): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO people (id, email, name, role, organisation, title, competencies, locale, password_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        person.id,
        person.email,
        person.name,
        person.role,
        person.organisation,
        person.title,
        JSON.stringify(person.competencies),
        person.locale,
        passwordHash,
        new Date().toISOString(),
      );
  }

  async update(
    id: string,
    patch: Partial<Pick<PersonRow, 'name' | 'organisation' | 'title' | 'competencies' | 'locale' | 'role'>>,
  ): Promise<void> {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    this.db
      .prepare(`UPDATE people SET ${entries.map(([k]) => `${k} = ?`).join(', ')} WHERE id = ?`)
      .run(...entries.map(([, v]) => (Array.isArray(v) ? JSON.stringify(v) : (v as string))), id);
  }

  async setPassword(id: string, passwordHash: string): Promise<boolean> {
    return this.db.prepare('UPDATE people SET password_hash = ? WHERE id = ?').run(passwordHash, id).changes > 0;
  }

  async setPasswordSignIn(id: string, allowed: boolean): Promise<void> {
    this.db.prepare('UPDATE people SET password_signin = ? WHERE id = ?').run(allowed ? 1 : 0, id);
  }

  /** Marks the person as invited (at `at`), or as having set their password (null). */
  async setInvited(id: string, at: string | null): Promise<void> {
    this.db.prepare('UPDATE people SET invited_at = ? WHERE id = ?').run(at, id);
  }

  /** Deactivates the person at `at`, or reactivates them with null. */
  async setDeactivated(id: string, at: string | null): Promise<void> {
    this.db.prepare('UPDATE people SET deactivated_at = ? WHERE id = ?').run(at, id);
  }

  async emailExists(email: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM people WHERE email = ?').get(email) !== undefined;
  }

  /** Person id → the groups they belong to, with the groups' visibility. */
  async memberships(): Promise<Map<string, { id: string; name: string }[]>> {
    const rows = this.db
      .prepare<[], { personId: string; id: string; name: string }>(
        'SELECT gm.person_id AS personId, g.id, g.name FROM group_members gm JOIN groups g ON g.id = gm.group_id ORDER BY g.name',
      )
      .all();
    const map = new Map<string, { id: string; name: string }[]>();
    for (const r of rows) map.set(r.personId, [...(map.get(r.personId) ?? []), { id: r.id, name: r.name }]);
    return map;
  }

  async groupRoles(personId: string): Promise<Record<string, GroupRole>> {
    const rows = this.db
      .prepare<[string], { group_id: string; role: GroupRole }>(
        'SELECT group_id, role FROM group_members WHERE person_id = ?',
      )
      .all(personId);
    return Object.fromEntries(rows.map((r) => [r.group_id, r.role]));
  }
}
