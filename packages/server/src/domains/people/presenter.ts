import type { GroupRole, Me, Person } from '@council/shared';
import type { PersonRow } from './repo.ts';

export function presentPerson(row: PersonRow): Person {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisation: row.organisation,
    title: row.title,
    competencies: row.competencies,
    locale: row.locale,
    deactivatedAt: row.deactivatedAt,
    invitedAt: row.invitedAt,
    twoFactor: row.twoFactor,
    erasedAt: row.erasedAt,
    passwordSignIn: row.passwordSignIn,
  };
}

export function presentMe(row: PersonRow, groups: Record<string, GroupRole>): Me {
  return { ...presentPerson(row), groups };
}
