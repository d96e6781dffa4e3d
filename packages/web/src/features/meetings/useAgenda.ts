import { type AgendaItem, fields, readAgenda } from '@council/shared';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** The agenda of a meeting document, kept current as anyone edits it. Items that fail the schema are skipped. */
export function useAgenda(doc: Y.Doc | undefined): AgendaItem[] {
  const [items, setItems] = useState<AgendaItem[]>([]);
  useEffect(() => {
    if (!doc) return;
    const agenda = doc.getArray<Y.Map<unknown>>(fields.agenda);
    const read = () => setItems(readAgenda(doc));
    read();
    agenda.observeDeep(read);
    return () => agenda.unobserveDeep(read);
  }, [doc]);
  return items;
}
