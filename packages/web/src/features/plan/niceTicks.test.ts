import { describe, expect, it } from 'vitest';
import { niceTicks } from './niceTicks.ts';

describe('niceTicks', () => {
  it('puts round ticks around the values, baseline and target included', () => {
    expect(niceTicks([62, 85, 64, 71])).toEqual({ domain: [60, 90], ticks: [60, 70, 80, 90] });
    expect(niceTicks([0, 98])).toEqual({ domain: [0, 100], ticks: [0, 25, 50, 75, 100] });
  });

  it('never shows floating-point noise, for small and negative values too', () => {
    const { ticks } = niceTicks([-9999.9, 10]);
    expect(ticks.every((tick) => Number.isInteger(tick))).toBe(true);
    const small = niceTicks([0.1, 0.7]);
    for (const tick of small.ticks) expect(String(tick).length).toBeLessThanOrEqual(4);
    expect(small.domain[0]).toBeLessThanOrEqual(0.1);
    expect(small.domain[1]).toBeGreaterThanOrEqual(0.7);
  });

  it('copes with a single value and with nothing', () => {
    expect(niceTicks([5]).domain[0]).toBeLessThan(5);
    expect(niceTicks([]).ticks).toEqual([0, 1]);
  });
});
