import { VocabularyChanges } from '../../domains/search/vocabulary.ts';
import type { Db } from '../connection.ts';

/**
 * Search that forgives (issue 16): the vocabulary of the search index, from which search takes the
 * other forms of a word's Danish stem and its spelling suggestions. Words and stems come from
 * JavaScript (the Snowball stemmer), which SQL cannot call, so this migration has a `run` step that
 * counts the words of every row indexed before it.
 */
export const sql = /* sql */ `
-- Every word of the search rows (letters only, lower case, 3–40 letters) with the number of rows of
-- one visibility that contain it, and its Danish Snowball stem. Per visibility, so that a suggestion
-- is only ever drawn from what the reader may see.
CREATE TABLE search_words (
  id INTEGER PRIMARY KEY,
  word TEXT NOT NULL,
  visibility TEXT NOT NULL,
  docs INTEGER NOT NULL,
  stem TEXT NOT NULL,
  UNIQUE (word, visibility)
);
CREATE INDEX search_words_stem ON search_words(stem);

-- The words between bars ('|arkitektur|') in a trigram index: a piece with a bar ('"|arki"',
-- '"ekur|"') finds the words that start or end with it, a piece without one those that contain it.
CREATE VIRTUAL TABLE search_words_fts USING fts5(word, content = 'search_words', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER search_words_ai AFTER INSERT ON search_words BEGIN
  INSERT INTO search_words_fts (rowid, word) VALUES (new.id, '|' || new.word || '|');
END;
CREATE TRIGGER search_words_ad AFTER DELETE ON search_words BEGIN
  INSERT INTO search_words_fts (search_words_fts, rowid, word) VALUES ('delete', old.id, '|' || old.word || '|');
END;
`;

/** Counts the words of the rows indexed before this migration. */
export function run(db: Db): void {
  const vocabulary = new VocabularyChanges();
  // In batches: an archive's text need not fit in memory at once.
  const batch = db.prepare<[number], { id: number; title: string; body: string; visibility: string }>(
    'SELECT id, title, body, visibility FROM search_docs WHERE id > ? ORDER BY id LIMIT 1000',
  );
  for (let rows = batch.all(0); rows.length > 0; rows = batch.all(rows[rows.length - 1]?.id ?? 0))
    for (const row of rows) vocabulary.add(`${row.title}\n${row.body}`, row.visibility, 1);
  vocabulary.write(db);
}
