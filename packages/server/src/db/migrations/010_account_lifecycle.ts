export const sql = /* sql */ `
-- Accounts can be deactivated by an admin (sign-in refused, every session ended) and reactivated.
ALTER TABLE people ADD COLUMN deactivated_at TEXT;
-- Sessions get a public id, so that a person can list and end their own without the token's hash
-- leaving the server, and remember where they were opened, so that the person can tell them apart.
ALTER TABLE sessions ADD COLUMN id TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN ip TEXT NOT NULL DEFAULT '';
UPDATE sessions SET id = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX sessions_id ON sessions(id);
`;
