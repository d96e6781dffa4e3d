import { type InitiativeEntry, PLAN_FIELDS, readInitiatives } from '@council/shared';
import type * as Y from 'yjs';
import { useYjs } from '../meetings/useYjs.ts';

export type Initiative = InitiativeEntry;

/** Every initiative of a live plan document, re-read on any change (a new measurement included). */
export function useInitiatives(doc: Y.Doc | undefined): Initiative[] {
  const map = doc?.getMap(PLAN_FIELDS.initiatives);
  return useYjs(map, () => (doc ? readInitiatives(doc) : []), []);
}
