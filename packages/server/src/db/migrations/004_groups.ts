export const sql = /* sql */ `
ALTER TABLE groups ADD COLUMN deliverables TEXT NOT NULL DEFAULT '';
ALTER TABLE groups ADD COLUMN start_date TEXT;
ALTER TABLE groups ADD COLUMN report_date TEXT;
ALTER TABLE groups ADD COLUMN end_date TEXT;
-- The decision that set the group up, if any (shown on both sides).
ALTER TABLE groups ADD COLUMN decision_number TEXT;

-- Calls for participation: the council or the lead asks the network for competencies.
CREATE TABLE group_calls (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  competencies TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX group_calls_group ON group_calls(group_id);

CREATE TABLE volunteers (
  call_id TEXT NOT NULL REFERENCES group_calls(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
  created_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  PRIMARY KEY (call_id, person_id)
);
CREATE INDEX volunteers_person ON volunteers(person_id);
`;
