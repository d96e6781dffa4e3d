import { MEETING_FIELDS } from '@council/shared';
import * as Y from 'yjs';
import { SqliteDocumentStore } from '../collab/DocumentStore.ts';
import type { Db } from '../db/connection.ts';

/** An agenda item's notes as XML text, for assertions. */
export const notesText = (doc: Y.Doc, itemId = 'i1') => doc.getXmlFragment(MEETING_FIELDS.notes(itemId)).toString();

/** Types a paragraph at the end of an agenda item's notes, as the editor would. */
export function write(doc: Y.Doc, text: string, itemId = 'i1'): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(MEETING_FIELDS.notes(itemId));
  fragment.insert(fragment.length, [paragraph]);
}

/** What storage holds for a document, read back the way the server loads it. */
export async function storedDoc(db: Db, name: string): Promise<Y.Doc> {
  const { state, updates } = await new SqliteDocumentStore(db).load(name);
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}
