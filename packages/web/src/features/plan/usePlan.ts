import { fields, type IndicatorData, type InitiativeFields, readIndicator } from '@council/shared';
import * as Y from 'yjs';
import { useYjs } from '../meetings/useYjs.ts';

export interface Initiative extends InitiativeFields {
  id: string;
  benefits: { id: string; description: string; kind: string }[];
  indicators: IndicatorData[];
}

function readInitiatives(map: Y.Map<Y.Map<unknown>>): Initiative[] {
  return [...map.entries()]
    .filter(([, m]) => m instanceof Y.Map)
    .map(([id, m]) => {
      const benefits = m.get('benefits');
      const indicators = m.get('indicators');
      return {
        id,
        title: String(m.get('title') ?? ''),
        theme: String(m.get('theme') ?? ''),
        status: (m.get('status') as Initiative['status']) ?? 'planned',
        ownerGroupId: (m.get('ownerGroupId') as string | undefined) ?? undefined,
        startDate: (m.get('startDate') as string | undefined) ?? undefined,
        endDate: (m.get('endDate') as string | undefined) ?? undefined,
        decisionNumbers: (m.get('decisionNumbers') as string[] | undefined) ?? [],
        benefits: benefits instanceof Y.Array ? (benefits.toArray() as Initiative['benefits']) : [],
        indicators:
          indicators instanceof Y.Array
            ? indicators
                .toArray()
                .filter((i): i is Y.Map<unknown> => i instanceof Y.Map)
                .map(readIndicator)
            : [],
      };
    })
    .sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '') || a.title.localeCompare(b.title, 'da'));
}

/** Every initiative of a live plan document, re-read on any change (a new measurement included). */
export function useInitiatives(doc: Y.Doc | undefined): Initiative[] {
  const map = doc?.getMap<Y.Map<unknown>>(fields.initiatives);
  return useYjs(map, () => (map ? readInitiatives(map) : []), []);
}
