export const sql = /* sql */ `
-- Side effects of a committed command (an approval's action points landing on group boards, later
-- mail) are written here in the command's own transaction and applied afterwards; whatever is not
-- done yet when the process stops is applied at the next start.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  done_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX outbox_pending ON outbox(id) WHERE done_at IS NULL;
`;
