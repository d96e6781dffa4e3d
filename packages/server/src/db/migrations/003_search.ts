export const sql = /* sql */ `
-- One row per searchable thing. 'visibility' says who may find it: 'all' (everyone signed in),
-- 'council' (the council proper), or 'group:<id>' (that closed group's members, and the council).
-- 'source' is what wrote the row (a document name, 'decisions', 'people'), so that a projection can
-- replace exactly its own rows.
CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  ref TEXT NOT NULL,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  url TEXT NOT NULL,
  visibility TEXT NOT NULL,
  UNIQUE (type, ref)
);
CREATE INDEX search_docs_source ON search_docs(source);

-- Trigram tokens: Danish compounds match their parts ("arkitektur" finds "it-arkitekturstyring").
-- Type and visibility are indexed too, between bars ('|decision|', '|group:g1|'), so that FTS5
-- itself filters by them and can stop at a LIMIT; the bars keep '|group:g1|' from matching g10.
CREATE VIRTUAL TABLE search_fts USING fts5(
  title, body, type, visibility, content = 'search_docs', content_rowid = 'id', tokenize = 'trigram'
);

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_fts (rowid, title, body, type, visibility)
  VALUES (new.id, new.title, new.body, '|' || new.type || '|', '|' || new.visibility || '|');
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, body, type, visibility)
  VALUES ('delete', old.id, old.title, old.body, '|' || old.type || '|', '|' || old.visibility || '|');
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, body, type, visibility)
  VALUES ('delete', old.id, old.title, old.body, '|' || old.type || '|', '|' || old.visibility || '|');
  INSERT INTO search_fts (rowid, title, body, type, visibility)
  VALUES (new.id, new.title, new.body, '|' || new.type || '|', '|' || new.visibility || '|');
END;

-- The register's own text index: its rowid is the decision id, so a text filter is one FTS lookup
-- joined by primary key, without going through search_docs.
CREATE VIRTUAL TABLE decisions_fts USING fts5(title, text, content = 'decisions', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER decisions_fts_ai AFTER INSERT ON decisions BEGIN
  INSERT INTO decisions_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER decisions_fts_ad AFTER DELETE ON decisions BEGIN
  INSERT INTO decisions_fts (decisions_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER decisions_fts_au AFTER UPDATE OF title, text ON decisions BEGIN
  INSERT INTO decisions_fts (decisions_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO decisions_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
`;
