import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formulaStarts, readCsvExport } from '../../testing/csv.ts';
import { startTestServer, type TestServer } from '../../testing/server.ts';

/** Security review, finding 9: the plan's CSV must be safe and readable in Danish Excel, which splits on `;`. */
let server: TestServer;
let planId: string;

beforeAll(async () => {
  server = await startTestServer();
  const closed = await server.factory.group({ visibility: 'closed' });
  planId = (
    await server.factory.plan([
      {
        id: 'ini1',
        title: '=1+2',
        theme: "a;=cmd|' /C calc'!A0",
        status: 'paused',
        ownerGroupId: closed.id,
        startDate: '2026-01-01',
        endDate: '2027-12-31',
        description: [],
        benefits: [],
        indicators: [
          {
            id: 'ind1',
            name: 'Andel "digitale"\n+henvendelser',
            unit: '%',
            baseline: -2.5,
            target: 10.25,
            measurements: [
              { date: '2026-03-31', value: -1 },
              { date: '2026-06-30', value: 3.5 },
            ],
          },
        ],
      },
      {
        id: 'ini2',
        title: 'Selvbetjening',
        theme: 'Borgeren',
        status: 'planned',
        startDate: '2028-01-01',
        description: [],
        benefits: [],
        indicators: [],
      },
    ])
  ).id;
});
afterAll(() => server.stop());

/** A negative number cell (`"-2.5"`, or `"-2` of `"-2,5"` split at its comma) starts with `-` and runs nothing. */
const NEGATIVE_NUMBER = /^"-\d+(?:[.,]\d+"|")?$/;

const download = async (role: 'observer' | 'chair', query = '') => {
  const { token } = await server.signIn(role);
  return fetch(`${server.url}/api/plans/${planId}/export.csv${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
};

describe('the action plan as CSV', () => {
  it('quotes every cell and defuses formula starts, keeping numbers as numbers', async () => {
    const res = await download('observer');
    expect(res.status).toBe(200);
    const csv = await readCsvExport(res, ',');
    expect(csv.bom).toBe(true);
    expect(csv.rows).toEqual([
      [
        'initiative_id',
        'initiative',
        'theme',
        'status',
        'owner_group',
        'start',
        'end',
        'indicator',
        'unit',
        'baseline',
        'target',
        'date',
        'value',
      ],
      [
        'ini1',
        "'=1+2",
        "a;'=cmd|' /C calc'!A0",
        'paused',
        '', // the closed group is not named to the network
        '2026-01-01',
        '2027-12-31',
        'Andel "digitale"\n\'+henvendelser',
        '%',
        '-2.5',
        '10.25',
        '2026-03-31',
        '-1',
      ],
      expect.arrayContaining(['ini1', '2026-06-30', '3.5']),
      ['ini2', 'Selvbetjening', 'Borgeren', 'planned', '', '2028-01-01', '', '', '', '', '', '', ''],
    ]);
    expect(formulaStarts(csv.text).filter((piece) => !NEGATIVE_NUMBER.test(piece))).toEqual([]);
  });

  it('offers a variant for Danish Excel: `;`, Danish headers, status words and decimal commas, ISO dates', async () => {
    const res = await download('observer', '?format=excel-da');
    expect(res.status).toBe(200);
    const csv = await readCsvExport(res, ';');
    expect(csv.bom).toBe(true);
    expect(csv.rows[0]).toEqual([
      'Initiativ-id',
      'Initiativ',
      'Tema',
      'Status',
      'Ejer (arbejdsgruppe)',
      'Start',
      'Slut',
      'Indikator',
      'Enhed',
      'Udgangspunkt',
      'Mål',
      'Dato',
      'Værdi',
    ]);
    expect(csv.rows[1]).toEqual([
      'ini1',
      "'=1+2",
      "a;'=cmd|' /C calc'!A0",
      'Sat på pause',
      '',
      '2026-01-01',
      '2027-12-31',
      'Andel "digitale"\n\'+henvendelser',
      '%',
      '-2,5',
      '10,25',
      '2026-03-31',
      '-1',
    ]);
    expect(csv.rows[2].slice(-2)).toEqual(['2026-06-30', '3,5']);
    expect(csv.rows[3][3]).toBe('Planlagt');
    for (const row of csv.rows) expect(row).toHaveLength(13);
    expect(formulaStarts(csv.text).filter((piece) => !NEGATIVE_NUMBER.test(piece))).toEqual([]);
  });

  it('names the closed owner group to the council only', async () => {
    const csv = await readCsvExport(await download('chair', '?format=excel-da'), ';');
    expect(csv.rows[1][4]).toBe('Testgruppe');
  });
});
