export const sql = /* sql */ `
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  competencies TEXT NOT NULL DEFAULT '[]',
  locale TEXT NOT NULL DEFAULT 'da',
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX meetings_starts ON meetings(starts_at);

CREATE TABLE groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  purpose TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  visibility TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE group_members (
  group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (group_id, person_id)
);
CREATE INDEX group_members_person ON group_members(person_id);

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- The decision register, written when minutes are approved. Adopted decisions carry a permanent
-- number YYYY-NNN; rejected and postponed ones are recorded without one. Re-approval after a
-- reopening updates a record in place (revised = 1) and never renumbers it.
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  number TEXT UNIQUE,
  year INTEGER NOT NULL,
  seq INTEGER,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('adopted', 'superseded', 'rejected', 'postponed')),
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  item_id TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  supersedes TEXT NOT NULL DEFAULT '[]',
  revised INTEGER NOT NULL DEFAULT 0,
  -- A decision on a confidential agenda item is shown only to the council.
  confidential INTEGER NOT NULL DEFAULT 0,
  UNIQUE (year, seq),
  UNIQUE (meeting_id, item_id)
);
-- The register pages by (decided_on, id); these serve its common filters without sorting.
CREATE INDEX decisions_by_date ON decisions(decided_on DESC, id DESC);
CREATE INDEX decisions_public_by_date ON decisions(confidential, decided_on DESC, id DESC);
CREATE INDEX decisions_status_by_date ON decisions(status, decided_on DESC, id DESC);
CREATE INDEX decisions_year_by_date ON decisions(year, decided_on DESC, id DESC);
-- Tags as rows, so that a tag filter is an index lookup rather than JSON parsing of every decision.
CREATE TABLE decision_tags (
  decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (decision_id, tag)
);
CREATE INDEX decision_tags_tag ON decision_tags(tag, decision_id);

-- Collaboration storage: compacted state plus the log of updates accepted since.
CREATE TABLE documents (
  name TEXT PRIMARY KEY,
  state BLOB NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE document_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX document_updates_name ON document_updates(name, seq);

-- Read models projected from documents; never edited directly, rebuilt by \`council reindex\`.
CREATE TABLE tasks (
  id TEXT NOT NULL,
  group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  assignee_id TEXT,
  due TEXT,
  sort_order TEXT NOT NULL,
  -- 1 when the document holds something invalid: an assignee who is not a member, a due date that is
  -- not a date, an unknown status. The task is kept and shown, flagged, never dropped.
  needs_attention INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (group_id, id)
);
CREATE INDEX tasks_assignee ON tasks(assignee_id);

CREATE TABLE initiatives (
  id TEXT NOT NULL,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  theme TEXT NOT NULL,
  status TEXT NOT NULL,
  owner_group_id TEXT,
  start_date TEXT,
  end_date TEXT,
  indicator_count INTEGER NOT NULL,
  -- Decision numbers that started or changed the initiative (JSON array), shown on both sides.
  decision_numbers TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (plan_id, id)
);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  resource TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}'
);
`;
