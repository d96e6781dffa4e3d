import { type AgendaItem, type Checked, MEETING_FIELDS, readAgendaEntries } from '@council/shared';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * Every agenda item of a meeting document, removed ones included (they carry `removedAt`), kept
 * current as anyone edits it. An item that fails its validator comes with its `issues`.
 */
export function useAgenda(doc: Y.Doc | undefined): Checked<AgendaItem>[] {
  const [items, setItems] = useState<Checked<AgendaItem>[]>([]);
  useEffect(() => {
    if (!doc) return;
    const agenda = doc.getArray(MEETING_FIELDS.agenda);
    const read = () => setItems(readAgendaEntries(doc));
    read();
    agenda.observeDeep(read);
    return () => agenda.unobserveDeep(read);
  }, [doc]);
  return items;
}
