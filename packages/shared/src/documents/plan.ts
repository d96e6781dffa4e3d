import * as Y from 'yjs';
import { z } from 'zod';
import { TEXT_LIMITS } from '../limits.ts';
import { DecisionNumber, Id, IsoDate } from '../primitives.ts';
import { type Checked, checkEntry, plain } from './entries.ts';
import { listOf, newText, replaceText, textOf } from './text.ts';
import { META_FIELD, type Migration, migrate } from './version.ts';

/**
 * `plan:<id>`, an action plan: its initiatives with their benefits and indicators, and one rich-text
 * description per initiative. The indicator arithmetic is here too, so that "on track" means the
 * same on the server (CSV, dashboard) and in the web app.
 */
export const PLAN_FIELDS = {
  meta: META_FIELD,
  /** Y.Map initiativeId → Y.Map (Initiative; `title` a Y.Text, `benefits` and `indicators` Y.Arrays of Y.Map). */
  initiatives: 'initiatives',
  /** Y.XmlFragment (Tiptap). */
  description: (initiativeId: string) => `description:${initiativeId}`,
} as const;

export const INITIATIVE_STATUSES = ['planned', 'active', 'paused', 'done'] as const;
export const InitiativeStatus = z.enum(INITIATIVE_STATUSES);

export const Initiative = z.object({
  title: z.string().trim().min(1).max(TEXT_LIMITS.initiativeTitle),
  theme: z.string().max(TEXT_LIMITS.initiativeTheme),
  status: InitiativeStatus,
  ownerGroupId: Id.optional(),
  startDate: IsoDate.optional(),
  endDate: IsoDate.optional(),
  decisionNumbers: z.array(DecisionNumber).max(50).optional(),
});
export type InitiativeFields = z.infer<typeof Initiative>;

export const Benefit = z.object({
  id: z.string().min(1),
  description: z.string().max(TEXT_LIMITS.benefitDescription),
  kind: z.string().max(40),
});
export type Benefit = z.infer<typeof Benefit>;

export const Measurement = z.object({ date: IsoDate, value: z.number().finite() });
export type Measurement = z.infer<typeof Measurement>;

export const Indicator = z.object({
  id: z.string().min(1),
  name: z.string().max(TEXT_LIMITS.indicatorName),
  unit: z.string().max(TEXT_LIMITS.indicatorUnit),
  baseline: z.number().finite(),
  target: z.number().finite(),
});
export type IndicatorData = z.infer<typeof Indicator> & { measurements: Measurement[] };

export interface InitiativeEntry extends Checked<InitiativeFields> {
  id: string;
  benefits: Checked<Benefit>[];
  indicators: Checked<IndicatorData>[];
}

const initiativesOf = (doc: Y.Doc) => doc.getMap<unknown>(PLAN_FIELDS.initiatives);
const initiativeMap = (doc: Y.Doc, id: string) => {
  const map = initiativesOf(doc).get(id);
  return map instanceof Y.Map ? (map as Y.Map<unknown>) : undefined;
};
const arrayIn = (map: Y.Map<unknown> | undefined, key: string) => {
  const value = map?.get(key);
  return value instanceof Y.Array ? (value as Y.Array<unknown>) : undefined;
};

/** Measurements that are valid, oldest first; anything else in the list is skipped. */
function readMeasurements(value: unknown): Measurement[] {
  return (listOf(value) ?? [])
    .flatMap((m) => {
      const parsed = Measurement.safeParse(plain(m));
      return parsed.success ? [parsed.data] : [];
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function readIndicator(entry: unknown): Checked<IndicatorData> {
  const checked = checkEntry(Indicator, entry, { id: '', name: '', unit: '', baseline: 0, target: 0 });
  return { ...checked, measurements: readMeasurements(entry instanceof Y.Map ? entry.get('measurements') : undefined) };
}

/** Every initiative, by start date then title; each checked, with its benefits and indicators. */
export function readInitiatives(doc: Y.Doc): InitiativeEntry[] {
  const result: InitiativeEntry[] = [];
  for (const [id, entry] of initiativesOf(doc)) {
    const map = entry instanceof Y.Map ? (entry as Y.Map<unknown>) : undefined;
    const checked = checkEntry(Initiative, map ?? entry, { title: '', theme: '', status: 'planned' });
    result.push({
      ...checked,
      id,
      benefits: (listOf(map?.get('benefits')) ?? []).map((b) =>
        checkEntry(Benefit, b, { id: String((plain(b) as { id?: unknown })?.id ?? ''), description: '', kind: '' }),
      ),
      indicators: (listOf(map?.get('indicators')) ?? []).map(readIndicator),
    });
  }
  return result.sort(
    (a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '') || a.title.localeCompare(b.title, 'da'),
  );
}

export function readInitiative(doc: Y.Doc, id: string): InitiativeEntry | undefined {
  return readInitiatives(doc).find((i) => i.id === id);
}

export type NewInitiative = Omit<InitiativeFields, 'decisionNumbers'> & { decisionNumbers?: string[] };

export function addInitiative(doc: Y.Doc, id: string, initiative: NewInitiative): void {
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    for (const [k, v] of Object.entries(initiative)) if (v !== undefined && v !== '') map.set(k, v);
    map.set('title', newText(initiative.title));
    map.set('benefits', new Y.Array());
    map.set('indicators', new Y.Array());
    initiativesOf(doc).set(id, map);
  });
}

/** Changes fields of an initiative; an empty or undefined value clears an optional field. */
export function updateInitiative(doc: Y.Doc, id: string, patch: Partial<NewInitiative>): void {
  const map = initiativeMap(doc, id);
  if (!map) return;
  doc.transact(() => {
    for (const [k, v] of Object.entries(patch)) {
      const current = map.get(k);
      if (current instanceof Y.Text) replaceText(current, String(v ?? ''));
      else if (k === 'title') map.set(k, newText(String(v ?? '')));
      else if (v === undefined || v === '') map.delete(k);
      else map.set(k, v);
    }
  });
}

export function initiativeTitle(doc: Y.Doc, id: string): Y.Text | null {
  const title = initiativeMap(doc, id)?.get('title');
  return title instanceof Y.Text ? title : null;
}

function entryMap(list: Y.Array<unknown> | undefined, id: string): Y.Map<unknown> | undefined {
  const found = list?.toArray().find((m) => m instanceof Y.Map && m.get('id') === id);
  return found instanceof Y.Map ? (found as Y.Map<unknown>) : undefined;
}

export function addBenefit(doc: Y.Doc, initiativeId: string, benefit: Benefit): void {
  const benefits = arrayIn(initiativeMap(doc, initiativeId), 'benefits');
  if (!benefits) return;
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    map.set('id', benefit.id);
    map.set('description', newText(benefit.description));
    map.set('kind', benefit.kind);
    benefits.push([map]);
  });
}

export function benefitText(doc: Y.Doc, initiativeId: string, benefitId: string): Y.Text | null {
  const text = entryMap(arrayIn(initiativeMap(doc, initiativeId), 'benefits'), benefitId)?.get('description');
  return text instanceof Y.Text ? text : null;
}

export function removeBenefit(doc: Y.Doc, initiativeId: string, benefitId: string): void {
  const benefits = arrayIn(initiativeMap(doc, initiativeId), 'benefits');
  const index = benefits?.toArray().findIndex((b) => (plain(b) as { id?: unknown } | null)?.id === benefitId) ?? -1;
  if (index >= 0) benefits?.delete(index, 1);
}

export function addIndicator(
  doc: Y.Doc,
  initiativeId: string,
  indicator: Omit<IndicatorData, 'measurements'>,
  measurements: Measurement[] = [],
): void {
  const indicators = arrayIn(initiativeMap(doc, initiativeId), 'indicators');
  if (!indicators) return;
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    for (const [k, v] of Object.entries(indicator)) map.set(k, v);
    map.set('name', newText(indicator.name));
    const points = new Y.Array<Measurement>();
    points.push(measurements);
    map.set('measurements', points);
    indicators.push([map]);
  });
}

/** The Y.Map of one indicator, or null when the initiative or indicator does not exist. */
export function findIndicator(doc: Y.Doc, initiativeId: string, indicatorId: string): Y.Map<unknown> | null {
  return entryMap(arrayIn(initiativeMap(doc, initiativeId), 'indicators'), indicatorId) ?? null;
}

export function indicatorName(doc: Y.Doc, initiativeId: string, indicatorId: string): Y.Text | null {
  const name = findIndicator(doc, initiativeId, indicatorId)?.get('name');
  return name instanceof Y.Text ? name : null;
}

/** Appends a measurement; the returned false means there is no such indicator and nothing changed. */
export function addMeasurement(
  doc: Y.Doc,
  initiativeId: string,
  indicatorId: string,
  measurement: Measurement,
): boolean {
  const measurements = arrayIn(findIndicator(doc, initiativeId, indicatorId) ?? undefined, 'measurements');
  if (!measurements) return false;
  measurements.push([measurement]);
  return true;
}

export const PLAN_MIGRATIONS: readonly Migration[] = [
  {
    to: 2,
    up(doc) {
      for (const [, initiative] of initiativesOf(doc)) {
        if (!(initiative instanceof Y.Map)) continue;
        const title = initiative.get('title');
        if (typeof title === 'string') initiative.set('title', newText(title));
        // Schema 1 kept benefits as plain objects; each becomes a map with collaborative text.
        const benefits = arrayIn(initiative, 'benefits');
        const plainBenefits = benefits?.toArray() ?? [];
        if (benefits && plainBenefits.some((b) => !(b instanceof Y.Map))) {
          const maps = plainBenefits.map((b) => {
            if (b instanceof Y.Map) return b.clone();
            const value = (b ?? {}) as Record<string, unknown>;
            const map = new Y.Map<unknown>();
            map.set('id', String(value.id ?? ''));
            map.set('description', newText(textOf(value.description) ?? ''));
            map.set('kind', String(value.kind ?? ''));
            return map;
          });
          benefits.delete(0, benefits.length);
          benefits.push(maps);
        }
        for (const indicator of arrayIn(initiative, 'indicators')?.toArray() ?? []) {
          if (!(indicator instanceof Y.Map)) continue;
          const name = indicator.get('name');
          if (typeof name === 'string') indicator.set('name', newText(name));
        }
      }
    },
  },
];

export const migratePlan = (doc: Y.Doc) => migrate(doc, PLAN_MIGRATIONS);

/**
 * The thresholds, stated: progress is how far the latest measurement has moved from the baseline
 * toward the target (0–100 %, either direction of improvement); expected progress is the share of
 * the initiative's period that has passed. An indicator is on track when progress is at least
 * expected − 10 points, at risk down to expected − 25 points, and off track below that. Without a
 * measurement, or without a period, there is no status ('no-data') — nothing is guessed.
 */
export const TRACK_THRESHOLDS = { onTrackWithin: 10, atRiskWithin: 25 } as const;
export type TrackStatus = 'on-track' | 'at-risk' | 'off-track' | 'no-data';

export function indicatorProgress(
  indicator: IndicatorData,
  period: { startDate?: string; endDate?: string },
  today: string,
): { progress: number | null; expected: number | null; status: TrackStatus } {
  const latest = indicator.measurements.at(-1);
  const span = indicator.target - indicator.baseline;
  const progress = latest && span !== 0 ? clamp(((latest.value - indicator.baseline) / span) * 100) : null;
  let expected: number | null = null;
  if (period.startDate && period.endDate && period.endDate > period.startDate) {
    const start = Date.parse(period.startDate);
    const end = Date.parse(period.endDate);
    expected = clamp(((Date.parse(today) - start) / (end - start)) * 100);
  }
  if (progress === null || expected === null) return { progress, expected, status: 'no-data' };
  const behind = expected - progress;
  const status =
    behind <= TRACK_THRESHOLDS.onTrackWithin
      ? 'on-track'
      : behind <= TRACK_THRESHOLDS.atRiskWithin
        ? 'at-risk'
        : 'off-track';
  return { progress, expected, status };
}

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n * 10) / 10));
