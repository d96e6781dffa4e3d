export const sql = /* sql */ `
-- Meeting papers (bilag): files on agenda items. The bytes are in the blob store, content-addressed
-- by SHA-256 (domains/papers/blobStore.ts); these rows say what each file is and where it belongs.
-- A paper is removed softly (removed_at) and can be restored; its versions are never deleted.
CREATE TABLE papers (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  item_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES people(id),
  created_at TEXT NOT NULL,
  removed_at TEXT,
  removed_by TEXT REFERENCES people(id)
);
CREATE INDEX papers_by_meeting ON papers (meeting_id, item_id, position);

-- Each upload of a paper; the highest version is the current one. extraction: whether its text is
-- in the search index ('pending' rows are read again at start, so a crash loses none).
CREATE TABLE paper_versions (
  paper_id TEXT NOT NULL REFERENCES papers(id),
  version INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  uploaded_by TEXT NOT NULL REFERENCES people(id),
  uploaded_at TEXT NOT NULL,
  extraction TEXT NOT NULL CHECK (extraction IN ('pending', 'done', 'failed', 'none')),
  extraction_error TEXT,
  PRIMARY KEY (paper_id, version)
);
CREATE INDEX paper_versions_by_blob ON paper_versions (sha256);
CREATE INDEX paper_versions_pending ON paper_versions (extraction) WHERE extraction = 'pending';

-- The text read from a version, page by page, for the search index (numbered from 1).
CREATE TABLE paper_pages (
  paper_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  page INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (paper_id, version, page),
  FOREIGN KEY (paper_id, version) REFERENCES paper_versions(paper_id, version)
);
`;
