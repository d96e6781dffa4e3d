import { createHash, randomBytes } from 'node:crypto';
import { SAML, type SamlConfig, ValidateInResponseTo } from '@node-saml/node-saml';
import { z } from 'zod';
import { type ExternalPeople, roleFromGroups, SsoError, textOf } from '../externalPeople.ts';
import type { SignedIn } from '../oidc/service.ts';
import type { AuthService } from '../service.ts';
import type { SamlProviderConfig } from '../ssoConfig.ts';
import type { SamlRepo } from './repo.ts';

/** How long someone may take at the provider between the button and the response. */
export const SAML_LOGIN_TTL_MS = 10 * 60_000;
const MAX_PENDING = 10_000;
/** Clocks of provider and Council may differ this much; an assertion older than 10 minutes is refused. */
const CLOCK_SKEW_MS = 60_000;
const MAX_ASSERTION_AGE_MS = 10 * 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * SAML 2.0 sign-in for AD FS-style providers, Council the service provider, on node-saml. The
 * request is SP-initiated (HTTP-Redirect, unsigned: see docs/identity.md on Context Handler), the
 * response comes by HTTP-POST to the assertion consumer service. Required and checked: the
 * assertion's signature by the provider's certificate (node-saml), the audience (our entity id),
 * the time window and age (node-saml), InResponseTo naming this browser's request, the issuer, the
 * recipient (our ACS URL), and that the assertion was not used before.
 */
export class SamlService {
  constructor(
    private readonly repo: SamlRepo,
    private readonly providers: readonly SamlProviderConfig[],
    private readonly people: ExternalPeople,
    private readonly auth: AuthService,
    private readonly ownUrl: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  entityId(providerId: string): string {
    return `${this.ownUrl()}/api/auth/saml/${providerId}/metadata`;
  }

  acsUrl(providerId: string): string {
    return `${this.ownUrl()}/api/auth/saml/${providerId}/acs`;
  }

  provider(providerId: string): SamlProviderConfig {
    const provider = this.providers.find((p) => p.id === providerId);
    if (!provider)
      throw new SsoError('unknown_provider', `no SAML provider ${JSON.stringify(providerId)} is configured`);
    return provider;
  }

  /** The service provider's metadata for the provider's operator to import. */
  metadata(providerId: string): string {
    return this.saml(this.provider(providerId)).generateServiceProviderMetadata(null, null);
  }

  /** The provider's URL with the AuthnRequest, and the pending login's id (cookie and RelayState). */
  async begin(providerId: string, returnTo: string): Promise<{ url: string; loginId: string }> {
    const provider = this.provider(providerId);
    const requestId = `_${randomBytes(20).toString('hex')}`;
    const loginId = randomBytes(32).toString('base64url');
    const now = this.now();
    const saved = this.repo.savePending(
      sha256(loginId),
      { providerId, requestId, returnTo, expiresAt: now + SAML_LOGIN_TTL_MS },
      now,
      MAX_PENDING,
    );
    if (!saved) throw new SsoError('unavailable', `${MAX_PENDING} sign-ins are waiting already`);
    const url = await this.saml(provider, { requestId }).getAuthorizeUrlAsync(loginId, undefined, {});
    return { url, loginId };
  }

  /**
   * The provider posted `samlResponse` with `relayState`; `cookieLoginId` is what this browser
   * holds (absent where the cookie could not come along: see routes.ts). Checks everything, finds
   * or makes the person, and starts a session.
   */
  async finish(
    providerId: string,
    form: { samlResponse: unknown; relayState: unknown },
    cookieLoginId: string | undefined,
    requireCookie: boolean,
    ip: string,
    userAgent: string,
  ): Promise<SignedIn> {
    const provider = this.provider(providerId);
    const loginId = typeof form.relayState === 'string' ? form.relayState : '';
    if (!loginId || (cookieLoginId ?? (requireCookie ? '' : loginId)) !== loginId) {
      throw new SsoError('state', 'the response names no sign-in this browser started');
    }
    const pending = this.repo.takePending(sha256(loginId), this.now());
    if (!pending || pending.providerId !== providerId) {
      throw new SsoError('state', 'no sign-in of this browser is waiting (expired, used, or started elsewhere)');
    }
    if (typeof form.samlResponse !== 'string' || form.samlResponse.length === 0) {
      throw new SsoError('invalid_token', 'no SAMLResponse was posted');
    }
    let attributes: Record<string, unknown>;
    let nameId: string;
    try {
      const { profile } = await this.saml(provider, { expected: pending.requestId }).validatePostResponseAsync({
        SAMLResponse: form.samlResponse,
      });
      if (!profile) throw new SsoError('invalid_token', 'the response holds no assertion');
      if (profile.issuer !== provider.idpIssuer) {
        throw new SsoError(
          'invalid_token',
          `the issuer ${JSON.stringify(profile.issuer)} is not ${provider.idpIssuer}`,
        );
      }
      const assertion = assertionFacts(profile.getAssertion?.());
      if (assertion.recipient !== this.acsUrl(providerId)) {
        throw new SsoError('invalid_token', `the recipient ${JSON.stringify(assertion.recipient)} is not this service`);
      }
      if (
        !assertion.id ||
        !this.repo.useAssertion(assertion.id, assertion.expiresAt ?? this.now() + MAX_ASSERTION_AGE_MS, this.now())
      ) {
        throw new SsoError('state', 'this assertion was used before');
      }
      attributes = (profile.attributes as Record<string, unknown> | undefined) ?? {};
      nameId = profile.nameID;
    } catch (err) {
      if (err instanceof SsoError) throw err;
      throw new SsoError('invalid_token', err instanceof Error ? err.message : String(err), { cause: err });
    }
    const claimed = textOf(attributes[provider.attributes.email])?.toLowerCase();
    const person = await this.people.personFor({
      providerId,
      method: `saml:${providerId}`,
      subject: nameId,
      email: claimed && z.email().max(320).safeParse(claimed).success ? claimed : undefined,
      emailVerified: provider.emailVerified,
      name: textOf(attributes[provider.attributes.name]),
      organisation: textOf(attributes[provider.attributes.organisation]),
      role: roleFromGroups(provider.roles, attributes[provider.attributes.groups]),
    });
    const session = await this.auth.startSession(person, ip, userAgent, `saml:${providerId}`);
    return { token: session.token, personId: person.id, returnTo: pending.returnTo };
  }

  /**
   * node-saml for one provider: `requestId` names the AuthnRequest being made; `expected` is the
   * request a response must answer (its InResponseTo), looked up through node-saml's cache hook.
   */
  private saml(provider: SamlProviderConfig, request: { requestId?: string; expected?: string } = {}): SAML {
    const config: SamlConfig = {
      entryPoint: provider.entryPoint,
      issuer: this.entityId(provider.id),
      callbackUrl: this.acsUrl(provider.id),
      audience: this.entityId(provider.id),
      idpCert: provider.idpCert,
      idpIssuer: provider.idpIssuer,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: false,
      acceptedClockSkewMs: CLOCK_SKEW_MS,
      maxAssertionAgeMs: MAX_ASSERTION_AGE_MS,
      validateInResponseTo: ValidateInResponseTo.always,
      disableRequestedAuthnContext: true,
      ...(request.requestId ? { generateUniqueId: () => request.requestId as string } : {}),
      // The pending login in SQLite is the record of the request (its expiry checked when it was
      // taken); node-saml only asks whether an InResponseTo it found is the one this browser's
      // sign-in made, and reads the answer as when the request was made.
      cacheProvider: {
        saveAsync: async (_key: string, value: string) => ({ value, createdAt: this.now() }),
        getAsync: async (key: string) => (key === request.expected ? new Date(this.now()).toISOString() : null),
        removeAsync: async (key: string | null) => key,
      },
    };
    return new SAML(config);
  }
}

/** The assertion's id, its subject confirmation's recipient and end, from node-saml's parsed assertion. */
function assertionFacts(parsed: Record<string, unknown> | undefined): {
  id?: string;
  recipient?: string;
  expiresAt?: number;
} {
  const assertion = (parsed as { Assertion?: Record<string, unknown> } | undefined)?.Assertion as
    | {
        $?: { ID?: string };
        Subject?: { SubjectConfirmation?: { SubjectConfirmationData?: { $?: Record<string, string> }[] }[] }[];
      }
    | undefined;
  const data = assertion?.Subject?.[0]?.SubjectConfirmation?.[0]?.SubjectConfirmationData?.[0]?.$;
  const end = data?.NotOnOrAfter ? Date.parse(data.NotOnOrAfter) : Number.NaN;
  return {
    id: assertion?.$?.ID,
    recipient: data?.Recipient,
    expiresAt: Number.isFinite(end) ? end : undefined,
  };
}
