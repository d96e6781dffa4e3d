import { describe, expect, it } from 'vitest';
import { copenhagenInstant, nextSeriesDates, seriesDate } from './series.ts';

describe('series dates', () => {
  it('steps by weeks and by months, a month without the day taking its last one', () => {
    expect([0, 1, 2].map((n) => seriesDate('2027-01-07', 'weeks', 2, n))).toEqual([
      '2027-01-07',
      '2027-01-21',
      '2027-02-04',
    ]);
    expect([0, 1, 2, 3].map((n) => seriesDate('2027-01-31', 'months', 1, n))).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
    ]);
    expect([0, 1, 2, 3, 4].map((n) => seriesDate('2026-11-30', 'months', 3, n))).toEqual([
      '2026-11-30',
      '2027-02-28',
      '2027-05-30',
      '2027-08-30',
      '2027-11-30',
    ]);
  });

  it('gives the next dates on or after a day, however long ago the series began', () => {
    const quarterly = { firstDate: '2011-03-10', unit: 'months' as const, every: 3 };
    expect(nextSeriesDates(quarterly, '2027-03-10', 2)).toEqual(['2027-03-10', '2027-06-10']);
    expect(nextSeriesDates(quarterly, '2027-03-11', 2)).toEqual(['2027-06-10', '2027-09-10']);
    expect(nextSeriesDates({ firstDate: '2027-05-01', unit: 'weeks', every: 1 }, '2027-01-01', 2)).toEqual([
      '2027-05-01',
      '2027-05-08',
    ]);
    expect(nextSeriesDates({ firstDate: '2020-01-02', unit: 'weeks', every: 4 }, '2027-01-01', 1)).toEqual([
      '2027-01-21',
    ]);
  });

  it('names the instant in Copenhagen, summer and winter', () => {
    expect(copenhagenInstant('2027-01-14', '09:00')).toBe('2027-01-14T09:00:00+01:00');
    expect(copenhagenInstant('2027-06-10', '13:30')).toBe('2027-06-10T13:30:00+02:00');
  });
});
