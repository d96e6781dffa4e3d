import fs from 'node:fs';
import { ROLES } from '@council/shared';
import { z } from 'zod';
import { isLoopback } from '../../config.ts';

/**
 * Single sign-on settings (docs/identity.md): the OpenID providers people may sign in with, and
 * what happens to someone a provider vouches for whom Council does not know yet.
 */
const Role = z.enum(ROLES);

const OidcProvider = z
  .object({
    /** In URLs (`/api/auth/oidc/<id>/callback`) and in the audit log; never change it once people have signed in. */
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'lowercase letters, digits, - and _, at most 32'),
    /** The sign-in button's words: "Log ind med <name>". */
    name: z.string().trim().min(1).max(80),
    issuer: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    scopes: z.array(z.string().min(1)).default(['openid', 'email', 'profile']),
    /** Which claim holds each of the person's fields. */
    claims: z
      .object({
        email: z.string().min(1).default('email'),
        name: z.string().min(1).default('name'),
        organisation: z.string().min(1).default('organisation'),
        groups: z.string().min(1).default('groups'),
        /** true (or "true") when the provider vouches for the email: Entra ID can send `xms_edov` instead. */
        emailVerified: z.string().min(1).default('email_verified'),
      })
      .strict()
      .default({
        email: 'email',
        name: 'name',
        organisation: 'organisation',
        groups: 'groups',
        emailVerified: 'email_verified',
      }),
    /** A value of the group claim → the role it gives; with several matches the highest role wins. */
    roles: z.record(z.string().min(1), Role).default({}),
  })
  .strict()
  .refine((p) => p.scopes.includes('openid'), { message: 'scopes must include openid', path: ['scopes'] })
  .refine((p) => secureOrLocal(p.issuer), { message: 'the issuer must be https (http only on this machine)' });

/** The claim types AD FS sends by default, for the attributes an AD FS-style provider names. */
const ADFS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';

/** A SAML 2.0 identity provider (AD FS and alike), Council being the service provider (docs/identity.md). */
const SamlProvider = z
  .object({
    /** In URLs (`/api/auth/saml/<id>/acs`, its metadata) and in the audit log; never change it once people have signed in. */
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'lowercase letters, digits, - and _, at most 32'),
    name: z.string().trim().min(1).max(80),
    /** The provider's single sign-on URL (HTTP-Redirect binding). */
    entryPoint: z.url(),
    /** The provider's entity id: every response's Issuer must be it. */
    idpIssuer: z.string().min(1),
    /** The provider's signing certificate(s), PEM: assertions must be signed by one of them. */
    idpCert: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    /** Which attribute holds each of the person's fields. */
    attributes: z
      .object({
        email: z.string().min(1).default(`${ADFS}/emailaddress`),
        name: z.string().min(1).default(`${ADFS}/name`),
        organisation: z.string().min(1).default('http://schemas.xmlsoap.org/claims/Organisation'),
        groups: z.string().min(1).default('http://schemas.microsoft.com/ws/2008/06/identity/claims/role'),
      })
      .strict()
      .default({
        email: `${ADFS}/emailaddress`,
        name: `${ADFS}/name`,
        organisation: 'http://schemas.xmlsoap.org/claims/Organisation',
        groups: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
      }),
    /**
     * Whether the provider's email attribute is verified (a municipality's directory is; a broker
     * passing on addresses people typed is not): only then does it link an existing local account.
     */
    emailVerified: z.boolean().default(false),
    roles: z.record(z.string().min(1), Role).default({}),
  })
  .strict()
  .refine((p) => secureOrLocal(p.entryPoint), { message: 'the entry point must be https (http only on this machine)' });

export const AuthConfig = z
  .object({
    oidc: z.array(OidcProvider).default([]),
    saml: z.array(SamlProvider).default([]),
    /** A person the provider vouches for but Council does not know: made with the default role, or refused. */
    jit: z.enum(['default_role', 'invite_only']).default('default_role'),
    defaultRole: Role.default('network_architect'),
  })
  .strict()
  .refine(
    (c) => new Set([...c.oidc, ...c.saml].map((p) => p.id)).size === c.oidc.length + c.saml.length,
    'provider ids must differ (OpenID and SAML alike)',
  );
export type AuthConfig = z.infer<typeof AuthConfig>;
export type OidcProviderConfig = AuthConfig['oidc'][number];
export type SamlProviderConfig = AuthConfig['saml'][number];

function secureOrLocal(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
}

/**
 * From the JSON file `COUNCIL_AUTH_CONFIG` names, or for one provider from `COUNCIL_OIDC_*`
 * (not both: two places to look for one setting is one too many). A bad setting stops the start
 * with a message that names it.
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv): AuthConfig {
  const file = env.COUNCIL_AUTH_CONFIG?.trim();
  const fromEnv = env.COUNCIL_OIDC_ISSUER?.trim();
  if (file && fromEnv) throw new Error('Set COUNCIL_AUTH_CONFIG or COUNCIL_OIDC_ISSUER, not both');
  let raw: unknown = {};
  let source = 'COUNCIL_OIDC_*';
  if (file) {
    source = `COUNCIL_AUTH_CONFIG (${file})`;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${source}: ${(err as Error).message}`);
    }
  } else if (fromEnv) {
    raw = {
      oidc: [
        {
          id: env.COUNCIL_OIDC_ID?.trim() || 'oidc',
          name: env.COUNCIL_OIDC_NAME?.trim() || 'Single sign-on',
          issuer: fromEnv,
          clientId: env.COUNCIL_OIDC_CLIENT_ID,
          clientSecret: env.COUNCIL_OIDC_CLIENT_SECRET,
          ...(env.COUNCIL_OIDC_SCOPES ? { scopes: env.COUNCIL_OIDC_SCOPES.split(/[\s,]+/).filter(Boolean) } : {}),
          ...(env.COUNCIL_OIDC_ROLES ? { roles: jsonOf(env.COUNCIL_OIDC_ROLES, 'COUNCIL_OIDC_ROLES') } : {}),
        },
      ],
      ...(env.COUNCIL_OIDC_JIT ? { jit: env.COUNCIL_OIDC_JIT } : {}),
      ...(env.COUNCIL_OIDC_DEFAULT_ROLE ? { defaultRole: env.COUNCIL_OIDC_DEFAULT_ROLE } : {}),
    };
  }
  const parsed = AuthConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new Error(`${source} is not valid: ${problems.join('; ')}`);
  }
  return parsed.data;
}

function jsonOf(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON: ${text}`);
  }
}
