import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { z } from 'zod';
import { type ExternalPeople, roleFromGroups, SsoError, textOf } from '../externalPeople.ts';
import type { AuthService } from '../service.ts';
import type { OidcProviderConfig } from '../ssoConfig.ts';
import type { OidcProviders } from './providers.ts';
import type { OidcRepo } from './repo.ts';

/** How long someone may take at the provider between the button and the callback. */
export const LOGIN_TTL_MS = 10 * 60_000;
/**
 * Most sign-ins that may be waiting at providers at once, all providers together: far more than a
 * council's people start in ten minutes, and a few megabytes at most.
 */
export const MAX_PENDING_LOGINS = 10_000;

export { SsoError };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

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
    private readonly people: ExternalPeople,
    private readonly auth: AuthService,
    /** Council's own URL, the base of the callback URL the provider sends people back to. */
    private readonly ownUrl: () => string,
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
    const claimed = textOf(claims[provider.claims.email])?.toLowerCase();
    const person = await this.people.personFor({
      providerId,
      method: `oidc:${providerId}`,
      subject: String(claims.sub),
      // Something that is not an address is no address: nobody is linked or made by it.
      email: claimed && z.email().max(320).safeParse(claimed).success ? claimed : undefined,
      emailVerified: emailVerified(claims, provider.claims.emailVerified),
      name: textOf(claims[provider.claims.name]),
      organisation: textOf(claims[provider.claims.organisation]),
      role: roleFromGroups(provider.roles, claims[provider.claims.groups]),
    });
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
}

/** Whether the provider vouches for the email: the claim is true, or "true" as some providers send it. */
export const emailVerified = (claims: Record<string, unknown>, name: string) =>
  claims[name] === true || claims[name] === 'true';

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
