import type * as Y from 'yjs';
import { Id, IsoDateTime } from '../primitives.ts';

/**
 * Removal is a mark, not a delete: the entry and everything keyed by it (notes, a decision) stay,
 * readers leave it out and list it as removed, and clearing the mark restores it. Agenda items,
 * action points and tasks share these fields.
 */
export const Removal = { removedAt: IsoDateTime.optional(), removedBy: Id.optional() };

export function markRemoved(map: Y.Map<unknown>, by: string, at: string): void {
  map.set('removedAt', at);
  map.set('removedBy', by);
}

export function clearRemoved(map: Y.Map<unknown>): void {
  map.delete('removedAt');
  map.delete('removedBy');
}
