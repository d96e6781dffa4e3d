export const sql = /* sql */ `
-- The register's text filter walks its FTS index in the register's own order and stops at a page.
-- FTS5 can only walk in rowid order, so the rowid is the register's sort key, (decided_on, id),
-- packed into one integer: days since 1900-01-01 above 32 bits, the decision id below (under 2^53,
-- so the key survives JavaScript numbers and parameters bound as doubles). Contentless,
-- because only the rowid is ever read; contentless_delete lets the triggers remove a row by rowid.
DROP TRIGGER decisions_fts_ai;
DROP TRIGGER decisions_fts_ad;
DROP TRIGGER decisions_fts_au;
DROP TABLE decisions_fts;
CREATE VIRTUAL TABLE decisions_fts USING fts5(title, text, content = '', contentless_delete = 1, tokenize = 'trigram');
CREATE TRIGGER decisions_fts_ai AFTER INSERT ON decisions BEGIN
  INSERT INTO decisions_fts (rowid, title, text)
  VALUES (CAST(julianday(new.decided_on) - 2415020.5 AS INTEGER) * 4294967296 + new.id, new.title, new.text);
END;
CREATE TRIGGER decisions_fts_ad AFTER DELETE ON decisions BEGIN
  DELETE FROM decisions_fts WHERE rowid = CAST(julianday(old.decided_on) - 2415020.5 AS INTEGER) * 4294967296 + old.id;
END;
CREATE TRIGGER decisions_fts_au AFTER UPDATE OF title, text, decided_on ON decisions BEGIN
  DELETE FROM decisions_fts WHERE rowid = CAST(julianday(old.decided_on) - 2415020.5 AS INTEGER) * 4294967296 + old.id;
  INSERT INTO decisions_fts (rowid, title, text)
  VALUES (CAST(julianday(new.decided_on) - 2415020.5 AS INTEGER) * 4294967296 + new.id, new.title, new.text);
END;
INSERT INTO decisions_fts (rowid, title, text)
SELECT CAST(julianday(decided_on) - 2415020.5 AS INTEGER) * 4294967296 + id, title, text FROM decisions;
`;
