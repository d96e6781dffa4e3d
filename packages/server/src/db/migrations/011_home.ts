export const sql = /* sql */ `
-- Agenda items as the home page reads them (who presents what, at which meeting), projected from
-- each meeting's open document beside its search rows; never edited directly.
CREATE TABLE agenda_items (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  presenter_id TEXT,
  PRIMARY KEY (meeting_id, item_id)
);
CREATE INDEX agenda_items_presenter ON agenda_items(presenter_id);
-- A person's latest visit to their home page and the one before it, for "decisions since my last visit".
ALTER TABLE people ADD COLUMN home_visited_at TEXT;
ALTER TABLE people ADD COLUMN home_previous_visit_at TEXT;
-- The new read model is filled from the documents that exist, through the outbox, at the next start.
INSERT INTO outbox (kind, payload, created_at)
  SELECT 'document.project', json_object('name', name), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM (SELECT name FROM documents UNION SELECT DISTINCT name FROM document_updates)
  WHERE name LIKE 'meeting:%' AND name NOT LIKE '%:closed'
  ORDER BY name;
`;
