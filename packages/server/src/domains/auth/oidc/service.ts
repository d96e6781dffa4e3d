import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ROLES, type Role, type SsoErrorCode } from '@council/shared';
import * as client from 'openid-client';
import { z } from 'zod';
import type { AuditRepo } from '../../audit/repo.ts';
import type { PeopleRepo, PersonRow } from '../../people/repo.ts';
import type { AuthService } from '../service.ts';
import type { AuthConfig, OidcProviderConfig } from './config.ts';
import type { OidcProviders } from './providers.ts';
import type { OidcRepo } from './repo.ts';

/** How long someone may take at the provider between the button and the callback. */
export const LOGIN_TTL_MS = 10 * 60_000;
/**
 * Most sign-ins that may be waiting at providers at once, all providers together: far more than a
 * council's people start in ten minutes, and a few megabytes at most.
 */
export const MAX_PENDING_LOGINS = 10_000;

export class SsoError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A password hash no password matches: someone who arrived by single sign-on has no password until given one. */
const NO_PASSWORD = '!sso';

export interface SignedIn {
  token: string;
  personId: string;
  returnTo: string;
}

/**
 * OpenID Connect sign-in, as a relying party: authorization code flow with PKCE, `state` and
 * `nonce` (docs/identity.md). `begin` makes the provider's URL and a pending login that only the
 * browser's cookie names; `finish` checks the provider's answer (openid-client does the protocol
 * checks), finds or makes the person, and starts a session.
 */
export class OidcService {
  constructor(
    private readonly repo: OidcRepo,
    private readonly providers: OidcProviders,
    private readonly people: PeopleRepo,
    private readonly audit: AuditRepo,
    private readonly auth: AuthService,
    private readonly settings: Pick<AuthConfig, 'jit' | 'defaultRole'>,
    /** Council's own URL, the base of the callback URL the provider sends people back to. */
    private readonly ownUrl: () => string,
    /** A person was made or their name, organisation or role changed (search index, live connections). */
    private readonly onPersonChanged: (personId: string, roleChanged: boolean) => Promise<void> | void = () => {},
    private readonly now: () => number = Date.now,
    private readonly maxPending = MAX_PENDING_LOGINS,
  ) {}

  redirectUri(providerId: string): string {
    return `${this.ownUrl()}/api/auth/oidc/${providerId}/callback`;
  }

  /** The provider's authorization URL, and the id of the pending login for the browser's cookie. */
  async begin(providerId: string, returnTo: string): Promise<{ url: string; loginId: string }> {
    const provider = this.provider(providerId);
    const configuration = await this.configuration(provider);
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const loginId = randomBytes(32).toString('base64url');
    const saved = this.repo.savePending(
      sha256(loginId),
      { providerId, state, nonce, codeVerifier, returnTo, expiresAt: this.now() + LOGIN_TTL_MS },
      this.now(),
      this.maxPending,
    );
    if (!saved) throw new SsoError('unavailable', `${this.maxPending} sign-ins are waiting already`);
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(providerId),
      scope: provider.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, loginId };
  }

  /**
   * The provider sent the browser back with `query`: checks it against the pending login the
   * cookie names (taken, so it cannot be used again), redeems the code, and signs the person in.
   */
  async finish(
    providerId: string,
    loginId: string | undefined,
    query: URLSearchParams,
    ip: string,
    userAgent: string,
  ): Promise<SignedIn> {
    const provider = this.provider(providerId);
    const pending = loginId ? this.repo.takePending(sha256(loginId), this.now()) : null;
    if (!pending || pending.providerId !== providerId) {
      throw new SsoError('state', 'no sign-in of this browser is waiting (expired, used, or started elsewhere)');
    }
    const configuration = await this.configuration(provider);
    const callback = new URL(this.redirectUri(providerId));
    callback.search = query.toString();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    let claims: Record<string, unknown>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims || !tokens.id_token) throw new SsoError('invalid_token', 'the provider sent no ID token');
      claims = { ...idClaims };
      // Many providers put email, name and groups in the userinfo answer rather than the ID token;
      // the ID token's own claims win where both have one.
      if (configuration.serverMetadata().userinfo_endpoint && tokens.access_token) {
        const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...userinfo, ...idClaims };
      }
    } catch (err) {
      throw asSsoError(err);
    }
    const person = await this.personFor(provider, String(claims.sub), claims);
    const session = await this.auth.startSession(person, ip, userAgent, `oidc:${providerId}`);
    // Same hash as AuthService keeps the session under; the foreign key fails loudly if they ever differ.
    this.repo.rememberSession(sha256(session.token), providerId, tokens.id_token as string);
    return { token: session.token, personId: person.id, returnTo: pending.returnTo };
  }

  /**
   * Where signing out of this session goes next: the provider's end-session endpoint with the ID
   * token as hint, when a provider started the session and has one; otherwise null.
   */
  async endSessionUrl(sessionToken: string): Promise<string | null> {
    const session = this.repo.sessionOf(sha256(sessionToken));
    const provider = session && this.providers.get(session.providerId);
    if (!session || !provider) return null;
    try {
      const configuration = await this.providers.configuration(provider);
      if (!configuration.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(configuration, {
        id_token_hint: session.idToken,
        post_logout_redirect_uri: `${this.ownUrl()}/login`,
      }).href;
    } catch {
      // The provider is down: Council's session ends all the same.
      return null;
    }
  }

  private provider(providerId: string): OidcProviderConfig {
    const provider = this.providers.get(providerId);
    if (!provider) throw new SsoError('unknown_provider', `no provider ${JSON.stringify(providerId)} is configured`);
    return provider;
  }

  private async configuration(provider: OidcProviderConfig): Promise<client.Configuration> {
    try {
      return await this.providers.configuration(provider);
    } catch (err) {
      throw new SsoError('unavailable', `discovery of ${provider.issuer} failed: ${messageOf(err)}`, { cause: err });
    }
  }

  /**
   * The person the provider's subject is: linked before, or an account with the email the provider
   * says is verified (then linked), or a new person (just in time) unless Council is invite-only.
   */
  private async personFor(
    provider: OidcProviderConfig,
    subject: string,
    claims: Record<string, unknown>,
  ): Promise<PersonRow> {
    const claimed = textClaim(claims, provider.claims.email)?.toLowerCase();
    // Something that is not an address is no address: nobody is linked or made by it.
    const email = claimed && z.email().max(320).safeParse(claimed).success ? claimed : undefined;
    const mappedRole = roleFromGroups(provider, claims[provider.claims.groups]);
    const method = `oidc:${provider.id}`;
    const linkedId = this.repo.personOf(provider.id, subject);
    let person = linkedId ? await this.people.byId(linkedId) : null;
    if (!person) {
      const existing = email ? (await this.people.credentialsByEmail(email))?.person : undefined;
      if (existing) {
        if (!emailVerified(claims, provider.claims.emailVerified)) {
          await this.audit.record(null, 'auth.failure', `person:${existing.id}`, {
            method,
            reason: 'email not verified',
          });
          throw new SsoError(
            'email_unverified',
            `${email} is a Council account, but ${provider.id} does not say it is verified`,
          );
        }
        await this.refuseDeactivated(existing, method);
        this.repo.link(provider.id, subject, existing.id);
        await this.audit.record(existing.id, 'auth.link', `person:${existing.id}`, { method, subject });
        person = existing;
      } else {
        return this.createJustInTime(provider, subject, claims, email, mappedRole);
      }
    }
    await this.refuseDeactivated(person, method);
    return this.updateFromClaims(person, provider, claims, mappedRole);
  }

  private async refuseDeactivated(person: PersonRow, method: string): Promise<void> {
    if (!person.deactivatedAt) return;
    await this.audit.record(null, 'auth.failure', `person:${person.id}`, { method, reason: 'deactivated' });
    throw new SsoError('deactivated', `${person.id} is deactivated`);
  }

  private async createJustInTime(
    provider: OidcProviderConfig,
    subject: string,
    claims: Record<string, unknown>,
    email: string | undefined,
    mappedRole: Role | null,
  ): Promise<PersonRow> {
    if (this.settings.jit === 'invite_only') {
      throw new SsoError('invite_only', `${email ?? subject} is not a Council account, and Council is invite-only`);
    }
    if (!email) throw new SsoError('email_missing', `${provider.id} gave no ${provider.claims.email} claim`);
    const person: PersonRow = {
      id: randomUUID(),
      email,
      name: textClaim(claims, provider.claims.name) ?? email,
      role: mappedRole ?? this.settings.defaultRole,
      organisation: textClaim(claims, provider.claims.organisation) ?? '',
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
    this.repo.link(provider.id, subject, person.id);
    await this.audit.record(person.id, 'person.create', `person:${person.id}`, {
      role: person.role,
      method: `oidc:${provider.id}`,
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
  private async updateFromClaims(
    person: PersonRow,
    provider: OidcProviderConfig,
    claims: Record<string, unknown>,
    mappedRole: Role | null,
  ): Promise<PersonRow> {
    const patch: Partial<Pick<PersonRow, 'name' | 'organisation' | 'role'>> = {};
    const name = textClaim(claims, provider.claims.name);
    const organisation = textClaim(claims, provider.claims.organisation);
    if (name && name !== person.name) patch.name = name;
    if (organisation && organisation !== person.organisation) patch.organisation = organisation;
    if (mappedRole && mappedRole !== person.role) patch.role = mappedRole;
    if (Object.keys(patch).length === 0) return person;
    await this.people.update(person.id, patch);
    if (patch.role) {
      await this.audit.record(null, 'person.role', `person:${person.id}`, {
        from: person.role,
        to: patch.role,
        method: `oidc:${provider.id}`,
      });
    }
    await this.onPersonChanged(person.id, patch.role !== undefined);
    return { ...person, ...patch };
  }
}

/** A claim as trimmed text, or undefined when it is missing, empty or not text. */
function textClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : undefined;
}

/** Whether the provider vouches for the email: the claim is true, or "true" as some providers send it. */
export const emailVerified = (claims: Record<string, unknown>, name: string) =>
  claims[name] === true || claims[name] === 'true';

/**
 * The role the person's groups give through the provider's table; with several, the highest in
 * Council's order of roles (admin first, observer last), so that the order of the table or of the
 * claim never matters. A single group may come as a string.
 */
export function roleFromGroups(provider: Pick<OidcProviderConfig, 'roles'>, groups: unknown): Role | null {
  const values = Array.isArray(groups) ? groups : typeof groups === 'string' ? [groups] : [];
  const roles = values.flatMap((g) =>
    typeof g === 'string' && Object.hasOwn(provider.roles, g) ? [provider.roles[g] as Role] : [],
  );
  return roles.length ? (ROLES.find((r) => roles.includes(r)) ?? null) : null;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** What went wrong at the provider, in the words of SSO_ERRORS. */
export function asSsoError(err: unknown): SsoError {
  if (err instanceof SsoError) return err;
  if (err instanceof client.AuthorizationResponseError) {
    return new SsoError(
      err.error === 'access_denied' ? 'cancelled' : 'provider_error',
      `${err.error}: ${err.error_description ?? ''}`,
      {
        cause: err,
      },
    );
  }
  if (err instanceof client.ResponseBodyError) {
    return new SsoError('provider_error', `${err.error}: ${err.error_description ?? ''}`, { cause: err });
  }
  if (err instanceof client.ClientError) {
    const detail = err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
    if (/"state"/.test(detail)) return new SsoError('state', detail, { cause: err });
    // Not a JSON answer or an unexpected status: a provider in trouble rather than one lying.
    if (err.code === 'OAUTH_RESPONSE_IS_NOT_JSON' || err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
      return new SsoError('unavailable', detail, { cause: err });
    }
    return new SsoError('invalid_token', detail, { cause: err });
  }
  // fetch failed, a timeout: nobody answered.
  return new SsoError('unavailable', messageOf(err), { cause: err });
}
