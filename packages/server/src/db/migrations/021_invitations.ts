export const sql = /* sql */ `
-- Invitations: the SEQUENCE of a meeting's iCalendar event, raised with every change sent to the
-- invited after publishing (a cancellation included), so that mail and calendar programs apply each
-- update to the event they have. A cancelled meeting's feed entry had SEQUENCE 1 before.
ALTER TABLE meetings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
UPDATE meetings SET sequence = 1 WHERE status = 'cancelled';

-- Replies to an invitation before the meeting: a decline is recorded as apologies (afbud) in the
-- meeting's attendance; its reason stays here, for the council.
CREATE TABLE meeting_rsvps (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  response TEXT NOT NULL CHECK (response IN ('accepted', 'declined')),
  reason TEXT,
  responded_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, person_id)
);
`;
