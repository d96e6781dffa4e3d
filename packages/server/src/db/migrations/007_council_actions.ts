export const sql = /* sql */ `
-- The council's own action list is the action points of approved minutes that went to no working
-- group (followups with kind 'action' and no group_id). Whether each is done is kept here, apart
-- from followups, which approval rewrites when minutes are reopened and approved again.
CREATE TABLE council_actions_done (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  ref_id TEXT NOT NULL,
  done_at TEXT NOT NULL,
  done_by TEXT NOT NULL REFERENCES people(id),
  PRIMARY KEY (meeting_id, ref_id)
);
`;
