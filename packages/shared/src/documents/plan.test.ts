import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readTaskEntries } from './group.ts';
import { migrateDocument } from './index.ts';
import {
  addBenefit,
  addIndicator,
  addInitiative,
  addMeasurement,
  benefitText,
  indicatorProgress,
  PLAN_FIELDS,
  readInitiatives,
} from './plan.ts';
import { schemaVersionOf } from './version.ts';

/** Any JSON value, or a description of a Yjs text, list or map made fresh where it is put. */
const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.string().map((text) => ({ $text: text })),
    fc.array(tie('value')).map((list) => ({ $list: list })),
    fc
      .dictionary(
        fc.constantFrom(
          'id',
          'title',
          'name',
          'status',
          'order',
          'description',
          'benefits',
          'indicators',
          'measurements',
          'date',
          'value',
          'baseline',
          'target',
        ),
        tie('value'),
      )
      .map((map) => ({ $map: map })),
  ),
})).value;

function toYjs(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const v = value as Record<string, unknown>;
  if ('$text' in v) return new Y.Text(String(v.$text));
  if ('$list' in v) return Y.Array.from((v.$list as unknown[]).map(toYjs) as string[]);
  if ('$map' in v) {
    const map = new Y.Map<unknown>();
    for (const [k, x] of Object.entries(v.$map as Record<string, unknown>)) if (x !== undefined) map.set(k, toYjs(x));
    return map;
  }
  return value;
}

describe('plan and group readers', () => {
  it('never throw on hostile initiatives and tasks of any JSON or Yjs shape, and always give text where text is read', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), anyValue), (entries) => {
        const doc = new Y.Doc();
        doc.transact(() => {
          for (const [k, v] of Object.entries(entries)) {
            if (v === undefined) continue;
            doc.getMap(PLAN_FIELDS.initiatives).set(k, toYjs(v));
            doc.getMap('tasks').set(k, toYjs(v));
          }
        });
        for (const i of readInitiatives(doc)) {
          expect(typeof i.title).toBe('string');
          for (const b of i.benefits) expect(typeof b.description).toBe('string');
          for (const ind of i.indicators) {
            expect(Number.isFinite(ind.baseline)).toBe(true);
            for (const m of ind.measurements) expect(Number.isFinite(m.value)).toBe(true);
          }
        }
        for (const t of readTaskEntries(doc)) expect(typeof t.title).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('writes initiatives with collaborative text and reads them, measurements oldest first', () => {
    const doc = new Y.Doc();
    addInitiative(doc, 'ini1', {
      title: 'Fælles dataplatform',
      theme: 'Data',
      status: 'active',
      startDate: '2027-01-01',
      endDate: '2029-01-01',
    });
    addBenefit(doc, 'ini1', { id: 'b1', description: 'Færre dobbeltregistreringer', kind: 'quality' });
    addIndicator(doc, 'ini1', { id: 'ind1', name: 'Genbrugte data', unit: '%', baseline: 10, target: 60 });
    addMeasurement(doc, 'ini1', 'ind1', { date: '2027-06-01', value: 30 });
    addMeasurement(doc, 'ini1', 'ind1', { date: '2027-03-01', value: 20 });
    expect(benefitText(doc, 'ini1', 'b1')).toBeInstanceOf(Y.Text);
    const [ini] = readInitiatives(doc);
    expect(ini).toMatchObject({ title: 'Fælles dataplatform', issues: [] });
    expect(ini?.indicators[0]?.measurements.map((m) => m.value)).toEqual([20, 30]);
    expect(indicatorProgress(ini!.indicators[0]!, ini!, '2028-01-01').status).toBe('on-track');
  });

  it('migrates schema-1 plans: titles, names and benefit descriptions become text, every word kept', () => {
    const doc = new Y.Doc();
    const initiative = new Y.Map<unknown>();
    initiative.set('title', 'Digital selvbetjening');
    initiative.set('theme', 'Borgeren');
    initiative.set('status', 'active');
    initiative.set('benefits', Y.Array.from([{ id: 'b1', description: 'Tid frigjort', kind: 'time' }]));
    const indicator = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ id: 'ind1', name: 'Andel digitale', unit: '%', baseline: 62, target: 85 }))
      indicator.set(k, v);
    indicator.set('measurements', Y.Array.from([{ date: '2026-03-31', value: 64 }]));
    initiative.set('indicators', Y.Array.from([indicator]));
    doc.getMap(PLAN_FIELDS.initiatives).set('ini1', initiative);
    const before = readInitiatives(doc);
    expect(migrateDocument('plan:p1', doc)).toEqual([2]);
    expect(schemaVersionOf(doc)).toBe(2);
    expect(initiative.get('title')).toBeInstanceOf(Y.Text);
    expect(benefitText(doc, 'ini1', 'b1')?.toString()).toBe('Tid frigjort');
    expect(readInitiatives(doc)).toEqual(before);
  });
});
