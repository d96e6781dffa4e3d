import { randomUUID } from 'node:crypto';
import { ROLES, type Role, type SsoErrorCode } from '@council/shared';
import type { AuditRepo } from '../audit/repo.ts';
import type { PeopleRepo, PersonRow } from '../people/repo.ts';
import type { OidcRepo } from './oidc/repo.ts';
import type { AuthConfig } from './ssoConfig.ts';

export class SsoError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A password hash no password matches: someone who arrived by single sign-on has no password until given one. */
const NO_PASSWORD = '!sso';

/** What a provider (OpenID or SAML) says of the person it signed in, in Council's terms. */
export interface ExternalIdentity {
  providerId: string;
  /** `oidc:<id>` or `saml:<id>`, for the audit log. */
  method: string;
  /** The provider's stable id of the person (`sub`, the SAML NameID). */
  subject: string;
  /** A syntactically valid address, lower-cased, if the provider gave one. */
  email?: string;
  /** Whether the provider vouches for the email. */
  emailVerified: boolean;
  name?: string;
  organisation?: string;
  /** The role the person's groups map to, if any. */
  role: Role | null;
}

/**
 * The person a provider vouches for: linked before (by provider and subject, whatever the email
 * now), or an account with the email the provider says is verified (then linked), or a new person
 * (just in time) unless Council is invite-only. Deactivated people are refused. Name and
 * organisation follow the provider at each sign-in; the role only when the groups map to one.
 */
export class ExternalPeople {
  constructor(
    private readonly links: Pick<OidcRepo, 'personOf' | 'link'>,
    private readonly people: PeopleRepo,
    private readonly audit: AuditRepo,
    private readonly settings: Pick<AuthConfig, 'jit' | 'defaultRole'>,
    /** A person was made or their name, organisation or role changed (search index, live connections). */
    private readonly onPersonChanged: (personId: string, roleChanged: boolean) => Promise<void> | void = () => {},
  ) {}

  async personFor(identity: ExternalIdentity): Promise<PersonRow> {
    const { providerId, subject, email, method } = identity;
    const linkedId = this.links.personOf(providerId, subject);
    let person = linkedId ? await this.people.byId(linkedId) : null;
    if (!person) {
      const existing = email ? (await this.people.credentialsByEmail(email))?.person : undefined;
      if (!existing) return this.createJustInTime(identity);
      if (!identity.emailVerified) {
        await this.audit.record(null, 'auth.failure', `person:${existing.id}`, {
          method,
          reason: 'email not verified',
        });
        throw new SsoError(
          'email_unverified',
          `${email} is a Council account, but ${providerId} does not say it is verified`,
        );
      }
      await this.refuseDeactivated(existing, method);
      this.links.link(providerId, subject, existing.id);
      await this.audit.record(existing.id, 'auth.link', `person:${existing.id}`, { method, subject });
      person = existing;
    }
    await this.refuseDeactivated(person, method);
    return this.updateFrom(person, identity);
  }

  private async refuseDeactivated(person: PersonRow, method: string): Promise<void> {
    if (!person.deactivatedAt) return;
    await this.audit.record(null, 'auth.failure', `person:${person.id}`, { method, reason: 'deactivated' });
    throw new SsoError('deactivated', `${person.id} is deactivated`);
  }

  private async createJustInTime(identity: ExternalIdentity): Promise<PersonRow> {
    const { email, subject, providerId } = identity;
    if (this.settings.jit === 'invite_only') {
      throw new SsoError('invite_only', `${email ?? subject} is not a Council account, and Council is invite-only`);
    }
    if (!email) throw new SsoError('email_missing', `${providerId} gave no email`);
    const person: PersonRow = {
      id: randomUUID(),
      email,
      name: identity.name ?? email,
      role: identity.role ?? this.settings.defaultRole,
      organisation: identity.organisation ?? '',
      title: '',
      competencies: [],
      locale: 'da',
      deactivatedAt: null,
      invitedAt: null,
      twoFactor: false,
      erasedAt: null,
      passwordSignIn: true,
    };
    await this.people.create(person, NO_PASSWORD);
    this.links.link(providerId, subject, person.id);
    await this.audit.record(person.id, 'person.create', `person:${person.id}`, {
      role: person.role,
      method: identity.method,
      subject,
    });
    await this.onPersonChanged(person.id, false);
    return person;
  }

  /**
   * The provider is where name and organisation are kept, so they follow it at each sign-in. The
   * role follows it only when the groups map to one: a role an admin gave in Council is not undone
   * by a provider that says nothing about it.
   */
  private async updateFrom(person: PersonRow, identity: ExternalIdentity): Promise<PersonRow> {
    const patch: Partial<Pick<PersonRow, 'name' | 'organisation' | 'role'>> = {};
    if (identity.name && identity.name !== person.name) patch.name = identity.name;
    if (identity.organisation && identity.organisation !== person.organisation)
      patch.organisation = identity.organisation;
    if (identity.role && identity.role !== person.role) patch.role = identity.role;
    if (Object.keys(patch).length === 0) return person;
    await this.people.update(person.id, patch);
    if (patch.role) {
      await this.audit.record(null, 'person.role', `person:${person.id}`, {
        from: person.role,
        to: patch.role,
        method: identity.method,
      });
    }
    await this.onPersonChanged(person.id, patch.role !== undefined);
    return { ...person, ...patch };
  }
}

/**
 * The role the person's groups give through the provider's table; with several, the highest in
 * Council's order of roles (admin first, observer last), so that the order of the table or of the
 * claim never matters. A single group may come as a string.
 */
export function roleFromGroups(roles: Record<string, Role>, groups: unknown): Role | null {
  const values = Array.isArray(groups) ? groups : typeof groups === 'string' ? [groups] : [];
  const found = values.flatMap((g) => (typeof g === 'string' && Object.hasOwn(roles, g) ? [roles[g] as Role] : []));
  return found.length ? (ROLES.find((r) => found.includes(r)) ?? null) : null;
}

/** A value as trimmed text, or undefined when it is missing, empty or not text (a list's first item). */
export function textOf(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() ? first.trim().slice(0, 200) : undefined;
}
