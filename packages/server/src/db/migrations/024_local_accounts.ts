export const sql = /* sql */ `
-- One-time links and challenges for local accounts (domains/auth/accountTokens.ts): an invitation
-- to set one's first password, a forgotten-password reset, and the second step of a sign-in with
-- two-factor authentication. The link a person receives is the id with an HMAC of it (keyed by a
-- server secret), so no usable secret is stored here and a mail still waiting in the outbox can
-- be written again after a restart. used_at makes each single-use; attempts bounds guessing a code.
CREATE TABLE account_tokens (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset', 'two_factor')),
  created_by TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX account_tokens_by_person ON account_tokens (person_id, purpose);

-- An invited person has no password until they set one through the invitation's link.
ALTER TABLE people ADD COLUMN invited_at TEXT;
-- TOTP (RFC 6238): the shared secret (base32), when it was confirmed with a first code (a secret
-- without it is an enrolment under way), and the last time step accepted, so a code works once.
ALTER TABLE people ADD COLUMN totp_secret TEXT;
ALTER TABLE people ADD COLUMN totp_enabled_at TEXT;
ALTER TABLE people ADD COLUMN totp_last_step INTEGER;

-- When an admin erased the person's data (domains/people/erasure.ts): the row stays, under a
-- pseudonym, so that what they took part in still reads whole.
ALTER TABLE people ADD COLUMN erased_at TEXT;

-- Whether the person may sign in with a password; an admin turns it off for people who sign in
-- through single sign-on. The setting for everyone is in settings ('password_sign_in').
ALTER TABLE people ADD COLUMN password_signin INTEGER NOT NULL DEFAULT 1;
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Recovery codes for a lost authenticator, each usable once; only their hashes are kept.
CREATE TABLE recovery_codes (
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at TEXT,
  PRIMARY KEY (person_id, code_hash)
);

-- Account mail (an invitation, a reset link) waits in the same outbox as notifications' mail.
ALTER TABLE mail_outbox ADD COLUMN account_token_id TEXT REFERENCES account_tokens(id) ON DELETE CASCADE;
`;
