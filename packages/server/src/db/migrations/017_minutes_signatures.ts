export const sql = /* sql */ `
-- Attendees sign the draft minutes, replacing the signature sheet. Each signature keeps a hash of
-- each of the meeting's two documents as signed: a change to either after it clears the signature.
CREATE TABLE minutes_signatures (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  signed_at TEXT NOT NULL,
  open_hash TEXT NOT NULL,
  closed_hash TEXT NOT NULL,
  PRIMARY KEY (meeting_id, person_id)
);
`;
