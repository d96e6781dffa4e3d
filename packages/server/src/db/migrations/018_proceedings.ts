export const sql = /* sql */ `
-- What the minutes record of an item besides its notes: the vote, the views members asked to have
-- minuted and the conflicts of interest declared. Written by REST commands only (not in the
-- collaborative documents, which every council member may write), read with the meeting until
-- approval freezes them into the minutes and, for decisions, into the register's proceedings column.
CREATE TABLE item_votes (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  item_id TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('counts', 'named')),
  votes_for INTEGER NOT NULL,
  votes_against INTEGER NOT NULL,
  votes_abstain INTEGER NOT NULL,
  -- JSON object personId → 'for' | 'against' | 'abstain', for a named vote; '{}' for counts.
  ballots TEXT NOT NULL DEFAULT '{}',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, item_id)
);

CREATE TABLE item_dissents (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  item_id TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id),
  text TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, item_id, person_id)
);

CREATE TABLE item_conflicts (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  item_id TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id),
  reason TEXT,
  declared_by TEXT NOT NULL,
  declared_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, item_id, person_id)
);

-- The vote, dissents and conflicts of a decision as approved (JSON, see ItemRecordOfVote), or NULL.
ALTER TABLE decisions ADD COLUMN proceedings TEXT;
`;
