export const sql = /* sql */ `
-- The update log is written once per accepted edit, before the edit is acknowledged, so each append
-- should touch as few pages as it can. Keyed by (name, seq) without a rowid, an append writes one
-- B-tree (it wrote three: the table, its (name, seq) index and AUTOINCREMENT's sqlite_sequence), and
-- a document's log is one range of it. seq now counts per document (the store numbers it).
CREATE TABLE document_updates_by_name (
  name TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (name, seq)
) WITHOUT ROWID;
INSERT INTO document_updates_by_name (name, seq, data) SELECT name, seq, data FROM document_updates;
DROP TABLE document_updates;
ALTER TABLE document_updates_by_name RENAME TO document_updates;
`;
