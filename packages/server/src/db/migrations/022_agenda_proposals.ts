export const sql = /* sql */ `
-- The agenda backlog ("forslag til dagsordenen"): items proposed by anyone signed in, until the
-- chair or the secretary puts one on a meeting (meeting_id, item_id) or declines it with a reason,
-- or its proposer withdraws it. Kept whatever becomes of it.
CREATE TABLE agenda_proposals (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  proposed_by TEXT NOT NULL REFERENCES people(id),
  proposed_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'scheduled', 'declined', 'withdrawn')),
  meeting_id TEXT REFERENCES meetings(id),
  item_id TEXT,
  reason TEXT,
  decided_by TEXT REFERENCES people(id),
  decided_at TEXT
);
CREATE INDEX agenda_proposals_by_status ON agenda_proposals (status, proposed_at);
`;
