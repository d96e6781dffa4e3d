export const sql = /* sql */ `
-- Each person's secret calendar link (GET /api/calendar/<token>.ics): the token's SHA-256 only, one
-- per person; making a new one replaces it, revoking deletes it.
CREATE TABLE calendar_feeds (
  person_id TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
`;
