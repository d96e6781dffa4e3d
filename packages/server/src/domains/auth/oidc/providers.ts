import * as client from 'openid-client';
import type { OidcProviderConfig } from '../ssoConfig.ts';

/** How long a provider's discovered metadata is kept before it is asked again (key rotation is handled by the JWKS cache). */
const DISCOVERY_TTL_MS = 60 * 60_000;
/** A provider that does not answer within this is "unavailable", not a hung sign-in. */
const TIMEOUT_SECONDS = 10;

/**
 * The configured OpenID providers and their discovered metadata. Discovery happens at the first
 * sign-in rather than at start, so that Council starts (and password sign-in works) while a
 * provider is down; a failed discovery is not kept, the next sign-in tries again.
 */
export class OidcProviders {
  private readonly byId: Map<string, OidcProviderConfig>;
  private readonly discovered = new Map<string, { at: number; configuration: Promise<client.Configuration> }>();

  constructor(
    providers: readonly OidcProviderConfig[],
    private readonly now: () => number = Date.now,
  ) {
    this.byId = new Map(providers.map((p) => [p.id, p]));
  }

  get(id: string): OidcProviderConfig | undefined {
    return this.byId.get(id);
  }

  /** For the sign-in page's buttons: nothing secret. */
  list(): { id: string; name: string }[] {
    return [...this.byId.values()].map(({ id, name }) => ({ id, name }));
  }

  configuration(provider: OidcProviderConfig): Promise<client.Configuration> {
    const cached = this.discovered.get(provider.id);
    if (cached && this.now() - cached.at < DISCOVERY_TTL_MS) return cached.configuration;
    const configuration = client.discovery(
      new URL(provider.issuer),
      provider.clientId,
      { client_secret: provider.clientSecret },
      client.ClientSecretBasic(provider.clientSecret),
      {
        timeout: TIMEOUT_SECONDS,
        execute: [
          // openid-client trusts TLS for an ID token from the token endpoint and checks no signature
          // (OpenID Connect Core 3.1.3.7 allows it); Council checks it against the provider's keys
          // anyway, so that a token altered on the way (a TLS-inspecting proxy) is refused.
          client.enableNonRepudiationChecks,
          // The config allows http only for an issuer on this machine (tests, a local broker).
          ...(new URL(provider.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : []),
        ],
      },
    );
    const entry = { at: this.now(), configuration };
    this.discovered.set(provider.id, entry);
    configuration.catch(() => {
      if (this.discovered.get(provider.id) === entry) this.discovered.delete(provider.id);
    });
    return configuration;
  }
}
