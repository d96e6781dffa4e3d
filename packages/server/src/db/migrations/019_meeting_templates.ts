export const sql = /* sql */ `
-- Meeting templates (issue 18): the standard items of a kind of meeting, copied onto a new
-- meeting's agenda. The items are JSON (an array of { title, kind, durationMinutes, presenterRole,
-- confidential }), checked with zod when read: a malformed row reads as a template without them.
CREATE TABLE meeting_templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  items TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Meeting series (issue 18): a cadence from a first date (every N weeks or months), a time of day,
-- a duration and a place; the scheduler keeps the next \`horizon\` meetings made as drafts from the
-- template. series_meetings is the unique key that keeps it to one meeting per series and date,
-- whatever the restarts: a draft deleted by hand is not made again.
CREATE TABLE meeting_series (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  template_id TEXT NOT NULL REFERENCES meeting_templates(id),
  unit TEXT NOT NULL,
  every INTEGER NOT NULL,
  first_date TEXT NOT NULL,
  start_time TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  horizon INTEGER NOT NULL DEFAULT 2,
  created_at TEXT NOT NULL
);

CREATE TABLE series_meetings (
  series_id TEXT NOT NULL REFERENCES meeting_series(id) ON DELETE CASCADE,
  occurs_on TEXT NOT NULL,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  PRIMARY KEY (series_id, occurs_on)
);
`;
