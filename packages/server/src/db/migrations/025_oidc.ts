export const sql = /* sql */ `
-- OpenID Connect sign-in (domains/auth/oidc, docs/identity.md).

-- A sign-in on its way through a provider: what the callback must check (state, nonce, the PKCE
-- verifier) and where the person goes after. Keyed by the SHA-256 of a random id that only the
-- browser's httpOnly cookie holds, so another browser cannot finish it; deleted when the callback
-- reads it (single use) and past expires_at. In the database rather than in memory so that any
-- instance behind a load balancer can finish what another started.
CREATE TABLE oidc_logins (
  id_hash TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL,
  state TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  return_to TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX oidc_logins_expiry ON oidc_logins (expires_at);

-- Who a provider's subject is in Council: later sign-ins find the person by (provider, subject)
-- even when their email has changed at the provider.
CREATE TABLE oidc_identities (
  provider_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  linked_at TEXT NOT NULL,
  PRIMARY KEY (provider_id, subject)
);
CREATE INDEX oidc_identities_person ON oidc_identities (person_id);

-- What signing out of a session that a provider started needs (RP-initiated logout): the
-- provider and the ID token to send as id_token_hint. Goes with its session.
CREATE TABLE oidc_sessions (
  token_hash TEXT PRIMARY KEY REFERENCES sessions(token_hash) ON DELETE CASCADE,
  provider_id TEXT NOT NULL,
  id_token TEXT NOT NULL
);
`;
