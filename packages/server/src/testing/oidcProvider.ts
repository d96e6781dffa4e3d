import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (the `oidc-provider` package) on 127.0.0.1, for the single sign-on tests:
 * discovery, its own login and consent pages (its development interactions: any password), the
 * code flow with PKCE required, userinfo and RP-initiated logout, all without internet.
 */

/** What the provider says about a person; `sub` is the account id, typed as the login on its page. */
export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  organisation?: string;
  groups?: string[];
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  /** Council's URL: its callback and post-logout pages are registered from it. */
  councilUrl: string;
  /** Provider id in Council's config (the callback path names it). */
  providerId: string;
}

/** Rewrites the ID token on its way out of the token endpoint, to test what Council makes of a bad one. */
export type IdTokenTamper = (idToken: string) => Promise<string> | string;

export interface TestProvider {
  issuer: string;
  /** Accounts by login (the subject); change them between sign-ins to test what follows the provider. */
  accounts: Map<string, TestAccount>;
  /** Makes the provider, with these clients; before this it answers nothing (Council's port is not known yet). */
  serve(clients: TestClient[]): void;
  /** Every ID token the token endpoint gives goes through this until it is set to null. */
  tamper(rewrite: IdTokenTamper | null): void;
  /** Signs a token with the provider's own key: a valid signature over whatever `claims` say. */
  sign(claims: Record<string, unknown>): Promise<string>;
  /** Signs a token with another key under the provider's key id: what a forger without the key can do. */
  signWithOtherKey(claims: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

const KID = 'test-key-1';

export async function startTestProvider(accounts: Record<string, TestAccount> = {}): Promise<TestProvider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const table = new Map(Object.entries(accounts));
  let handler: ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | null =
    null;
  let rewrite: IdTokenTamper | null = null;

  const server: Server = createServer((req, res) => {
    // Browsers ask for it; a 404 would be an error in the e2e test's console.
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    if (!handler) return void res.writeHead(503).end('not serving yet');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signWith = (key: Parameters<SignJWT['sign']>[0]) => async (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(key);

  return {
    issuer,
    accounts: table,
    serve(clients) {
      const provider = new Provider(issuer, {
        clients: clients.map((c) => ({
          client_id: c.clientId,
          client_secret: c.clientSecret,
          redirect_uris: [`${c.councilUrl}/api/auth/oidc/${c.providerId}/callback`],
          post_logout_redirect_uris: [`${c.councilUrl}/login`],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_basic',
        })),
        jwks: { keys: [jwk] },
        cookies: { keys: ['council-test-provider-cookie-key'] },
        // Council asks for openid, email and profile; groups and organisation come with profile.
        claims: {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          profile: ['name', 'organisation', 'groups'],
        },
        async findAccount(_ctx, sub) {
          const account = table.get(sub);
          if (!account) return undefined;
          return { accountId: sub, claims: async () => ({ sub, ...table.get(sub) }) };
        },
        // Every client must send a PKCE challenge: Council's sign-in fails here if it stops sending one.
        pkce: { required: () => true },
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        // Set, so that the provider does not print a notice for each default it falls back on.
        ttl: { AccessToken: 600, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
      });
      provider.use(async (ctx, next) => {
        await next();
        const body = ctx.body as { id_token?: string } | undefined;
        if (rewrite && ctx.path === '/token' && ctx.status === 200 && body?.id_token) {
          ctx.body = { ...body, id_token: await rewrite(body.id_token) };
        }
      });
      handler = provider.callback();
    },
    tamper(next) {
      rewrite = next;
    },
    sign: signWith(privateKey),
    signWithOtherKey: signWith(other.privateKey),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The claims of an ID token, unverified: for tests that change some and sign again. */
export const idTokenClaims = (idToken: string) => decodeJwt(idToken) as Record<string, unknown>;

/** Writes a `COUNCIL_AUTH_CONFIG` file and returns the environment that names it. */
export function authConfigEnv(config: object): Record<string, string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'council-auth-')), 'auth.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return { COUNCIL_AUTH_CONFIG: file };
}
