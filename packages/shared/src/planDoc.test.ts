import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addIndicator,
  addInitiative,
  addMeasurement,
  findIndicator,
  type IndicatorData,
  indicatorProgress,
  readIndicator,
} from './planDoc.ts';

const indicator = (measurements: { date: string; value: number }[], baseline = 62, target = 85): IndicatorData => ({
  id: 'i',
  name: 'Andel digitale henvendelser',
  unit: '%',
  baseline,
  target,
  measurements,
});
const period = { startDate: '2026-01-01', endDate: '2028-01-01' };

describe('indicator progress', () => {
  it('measures progress from baseline toward target against the time that has passed', () => {
    // One year of two: 50 % expected. 73.5 is half way from 62 to 85.
    expect(indicatorProgress(indicator([{ date: '2026-12-01', value: 73.5 }]), period, '2027-01-01')).toEqual({
      progress: 50,
      expected: 50,
      status: 'on-track',
    });
    expect(indicatorProgress(indicator([{ date: '2026-12-01', value: 69 }]), period, '2027-01-01').status).toBe(
      'at-risk',
    );
    expect(indicatorProgress(indicator([{ date: '2026-12-01', value: 62 }]), period, '2027-01-01').status).toBe(
      'off-track',
    );
  });

  it('works for indicators that improve downwards, and clamps to 0–100', () => {
    const waiting = indicator([{ date: '2026-06-01', value: 5 }], 20, 10); // days of waiting time, target lower
    expect(indicatorProgress(waiting, period, '2026-06-01').progress).toBe(100);
    expect(indicatorProgress(indicator([{ date: '2026-06-01', value: 50 }]), period, '2026-06-01').progress).toBe(0);
  });

  it('says no-data rather than guessing', () => {
    expect(indicatorProgress(indicator([]), period, '2027-01-01').status).toBe('no-data');
    expect(indicatorProgress(indicator([{ date: '2026-01-01', value: 70 }]), {}, '2027-01-01').status).toBe('no-data');
  });
});

describe('plan document edits', () => {
  it('adds measurements to a known indicator only, and reads them sorted', () => {
    const doc = new Y.Doc();
    addInitiative(doc, 'ini', { title: 'Selvbetjening', theme: 'Borgeren', status: 'active' });
    addIndicator(doc, 'ini', { id: 'ind', name: 'Andel', unit: '%', baseline: 62, target: 85 });
    expect(addMeasurement(doc, 'ini', 'ind', { date: '2026-06-30', value: 67 })).toBe(true);
    expect(addMeasurement(doc, 'ini', 'ind', { date: '2026-03-31', value: 64 })).toBe(true);
    expect(addMeasurement(doc, 'ini', 'nope', { date: '2026-03-31', value: 64 })).toBe(false);
    expect(addMeasurement(doc, 'nope', 'ind', { date: '2026-03-31', value: 64 })).toBe(false);
    const read = readIndicator(findIndicator(doc, 'ini', 'ind') as Y.Map<unknown>);
    expect(read.measurements.map((m) => m.value)).toEqual([64, 67]);
  });
});
