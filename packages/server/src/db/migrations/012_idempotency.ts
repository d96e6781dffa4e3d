export const sql = /* sql */ `
-- The first answer to each creating POST that carried an Idempotency-Key, per person: a repeat of the
-- key (a double click, a retry after a lost answer) gets this answer again instead of a second thing.
-- Kept for a day.
CREATE TABLE idempotency_keys (
  person_id TEXT NOT NULL,
  key TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (person_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
`;
