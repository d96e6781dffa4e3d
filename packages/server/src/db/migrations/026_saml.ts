export const sql = /* sql */ `
-- SAML 2.0 sign-in (domains/auth/saml, docs/identity.md). People a SAML provider signed in are
-- linked in oidc_identities like an OpenID provider's (provider ids are unique across both).

-- A sign-in on its way through a provider: the AuthnRequest's ID, which the response's
-- InResponseTo must name (so an unsolicited or another browser's response is refused), and where
-- the person goes after. Keyed by the SHA-256 of a random id sent as RelayState and held by the
-- browser's cookie; deleted when the response is read (single use) and past expires_at.
CREATE TABLE saml_logins (
  id_hash TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  return_to TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX saml_logins_expiry ON saml_logins (expires_at);

-- Assertions already used, until they expire: the same assertion posted twice signs nobody in.
CREATE TABLE saml_assertions (
  id TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
`;
