export const sql = /* sql */ `
-- The rendered minutes, written on approval: what people without the live document read.
-- 'public' leaves out confidential items' notes and decisions; 'council' has everything.
CREATE TABLE minutes (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  audience TEXT NOT NULL CHECK (audience IN ('public', 'council')),
  version INTEGER NOT NULL,
  approved_at TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  html TEXT NOT NULL,
  markdown TEXT NOT NULL,
  PRIMARY KEY (meeting_id, audience)
);

-- What approved minutes leave for later meetings: postponed decisions and action points. Written on
-- approval; offered as items when the next agenda is prepared.
CREATE TABLE followups (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  kind TEXT NOT NULL CHECK (kind IN ('postponed', 'action')),
  ref_id TEXT NOT NULL,
  title TEXT NOT NULL,
  assignee_id TEXT,
  due TEXT,
  group_id TEXT,
  confidential INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (meeting_id, kind, ref_id)
);
`;
