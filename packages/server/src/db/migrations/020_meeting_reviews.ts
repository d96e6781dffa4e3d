export const sql = /* sql */ `
-- Review before release: who was asked to read a meeting's draft agenda or draft minutes, by when,
-- and when they said they had. One round per meeting and stage; asking again adds reviewers and
-- moves the deadline. Those asked to review a draft agenda may read it (the policy's reviewerIds).
CREATE TABLE meeting_reviews (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  stage TEXT NOT NULL CHECK (stage IN ('agenda', 'minutes')),
  deadline TEXT NOT NULL,
  requested_by TEXT NOT NULL REFERENCES people(id),
  requested_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, stage)
);

CREATE TABLE meeting_reviewers (
  meeting_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id),
  reviewed_at TEXT,
  PRIMARY KEY (meeting_id, stage, person_id),
  FOREIGN KEY (meeting_id, stage) REFERENCES meeting_reviews(meeting_id, stage)
);
CREATE INDEX meeting_reviewers_person ON meeting_reviewers (person_id, reviewed_at);
`;
