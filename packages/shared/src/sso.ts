import { z } from 'zod';

/** `GET /api/auth/providers`: the single sign-on providers the sign-in page offers a button for. */
export const AuthProviders = z.object({
  /** `start`: where the button goes (a path of this site that redirects to the provider). */
  providers: z.array(z.object({ id: z.string(), name: z.string(), start: z.string() })),
});
export type AuthProviders = z.infer<typeof AuthProviders>;

/**
 * `POST /api/auth/logout` of a session a provider started: the browser goes on to the provider's
 * end-session endpoint to sign out there too (RP-initiated logout).
 */
export const ProviderLogout = z.object({ endSessionUrl: z.url() });
export type ProviderLogout = z.infer<typeof ProviderLogout>;

/**
 * Why a sign-in through a provider ended back on the sign-in page (`/login?sso_error=<code>`);
 * the page explains each (`sso.errors.<code>`), the server's log has the details.
 */
export const SSO_ERRORS = [
  /** No such provider is configured. */
  'unknown_provider',
  /** The provider did not answer, or its discovery document was not usable. */
  'unavailable',
  /** The person cancelled at the provider (`error=access_denied`). */
  'cancelled',
  /** No sign-in of this browser was waiting (expired, already used, started elsewhere), or `state` did not match. */
  'state',
  /** The provider refused the code (used twice, expired) or answered with another error. */
  'provider_error',
  /** The ID token or the answer failed a check: signature, issuer, audience, nonce, expiry. */
  'invalid_token',
  /** The provider gave no email for a person Council does not know. */
  'email_missing',
  /** A Council account has this email, but the provider does not say the email is verified. */
  'email_unverified',
  /** Council only lets in people it knows (invite-only), and this person is not one. */
  'invite_only',
  /** The account has been deactivated. */
  'deactivated',
] as const;
export type SsoErrorCode = (typeof SSO_ERRORS)[number];

/** `GET /api/auth/oidc/<provider>/start`: where to go after signing in, a path on this site. */
export const OidcStartQuery = z.object({ next: z.string().max(2000).optional() });

/** What a provider sends back to `GET /api/auth/oidc/<provider>/callback` (OAuth 2.0 and RFC 9207). */
export const OidcCallbackQuery = z.object({
  code: z.string().optional(),
  state: z.string().optional(),
  iss: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});
