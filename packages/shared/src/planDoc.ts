import * as Y from 'yjs';
import { fields } from './documents.ts';

/**
 * Typed edits of an action plan (`plan:<id>`) and the indicator arithmetic shared by the server
 * (CSV, dashboard) and the web app, so that "on track" means the same everywhere.
 */
export interface InitiativeFields {
  title: string;
  theme: string;
  status: 'planned' | 'active' | 'paused' | 'done';
  ownerGroupId?: string;
  startDate?: string;
  endDate?: string;
  decisionNumbers?: string[];
}

export interface Measurement {
  date: string;
  value: number;
}

export interface IndicatorData {
  id: string;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  measurements: Measurement[];
}

const initiativesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(fields.initiatives);

export function addInitiative(doc: Y.Doc, id: string, initiative: InitiativeFields): void {
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    for (const [k, v] of Object.entries(initiative)) if (v !== undefined && v !== '') map.set(k, v);
    map.set('benefits', new Y.Array());
    map.set('indicators', new Y.Array());
    initiativesOf(doc).set(id, map);
  });
}

export function updateInitiative(doc: Y.Doc, id: string, patch: Partial<InitiativeFields>): void {
  const map = initiativesOf(doc).get(id);
  if (!(map instanceof Y.Map)) return;
  doc.transact(() => {
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') map.delete(k);
      else map.set(k, v);
    }
  });
}

export function addBenefit(
  doc: Y.Doc,
  initiativeId: string,
  benefit: { id: string; description: string; kind: string },
): void {
  const benefits = initiativesOf(doc).get(initiativeId)?.get('benefits');
  if (benefits instanceof Y.Array) benefits.push([benefit]);
}

export function removeBenefit(doc: Y.Doc, initiativeId: string, benefitId: string): void {
  const benefits = initiativesOf(doc).get(initiativeId)?.get('benefits');
  if (!(benefits instanceof Y.Array)) return;
  const index = benefits.toArray().findIndex((b) => (b as { id?: string }).id === benefitId);
  if (index >= 0) benefits.delete(index, 1);
}

export function addIndicator(doc: Y.Doc, initiativeId: string, indicator: Omit<IndicatorData, 'measurements'>): void {
  const indicators = initiativesOf(doc).get(initiativeId)?.get('indicators');
  if (!(indicators instanceof Y.Array)) return;
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    for (const [k, v] of Object.entries(indicator)) map.set(k, v);
    map.set('measurements', new Y.Array());
    indicators.push([map]);
  });
}

/** The Y.Map of one indicator, or null when the initiative or indicator does not exist. */
export function findIndicator(doc: Y.Doc, initiativeId: string, indicatorId: string): Y.Map<unknown> | null {
  const indicators = initiativesOf(doc).get(initiativeId)?.get('indicators');
  if (!(indicators instanceof Y.Array)) return null;
  const found = indicators.toArray().find((m) => m instanceof Y.Map && m.get('id') === indicatorId);
  return found instanceof Y.Map ? found : null;
}

/** Appends a measurement; the returned false means there is no such indicator and nothing changed. */
export function addMeasurement(
  doc: Y.Doc,
  initiativeId: string,
  indicatorId: string,
  measurement: Measurement,
): boolean {
  const measurements = findIndicator(doc, initiativeId, indicatorId)?.get('measurements');
  if (!(measurements instanceof Y.Array)) return false;
  measurements.push([measurement]);
  return true;
}

export function readIndicator(map: Y.Map<unknown>): IndicatorData {
  const measurements = map.get('measurements');
  return {
    id: String(map.get('id') ?? ''),
    name: String(map.get('name') ?? ''),
    unit: String(map.get('unit') ?? ''),
    baseline: Number(map.get('baseline') ?? 0),
    target: Number(map.get('target') ?? 0),
    measurements: (measurements instanceof Y.Array ? (measurements.toArray() as Measurement[]) : [])
      .filter((m) => typeof m?.value === 'number' && Number.isFinite(m.value) && typeof m.date === 'string')
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
}

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
