import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formulaStarts, readCsvExport } from '../../testing/csv.ts';
import { startTestServer, type TestServer } from '../../testing/server.ts';

/** Security review, finding 9: the register's CSV must be safe and readable in Danish Excel, which splits on `;`. */
let server: TestServer;
let observer: string;

const HOSTILE_TITLE = "a;=cmd|' /C calc'!A0";
const HOSTILE_TEXT = 'Første linje\n@SUM(1+1)\r\n-2+3 og "citeret", =HYPERLINK("x")';

beforeAll(async () => {
  server = await startTestServer();
  const meeting = await server.factory.meeting({
    status: 'minutes-draft',
    title: 'Rådsmøde; +eksport',
    content: {
      agenda: [
        { id: 'i1', title: 'Fjendtlig titel', kind: 'decision', durationMinutes: 10, confidential: false },
        { id: 'i2', title: 'Forhandling', kind: 'decision', durationMinutes: 10, confidential: true },
        { id: 'i3', title: 'Cloud', kind: 'decision', durationMinutes: 10, confidential: false },
        { id: 'i4', title: 'Politik', kind: 'decision', durationMinutes: 10, confidential: false },
      ],
      decisions: {
        i1: { title: HOSTILE_TITLE, text: HOSTILE_TEXT, status: 'adopted', tags: ['styring', '=tag'] },
        i2: { title: 'Fortroligt mandat', text: 'Hemmeligt.', status: 'adopted' },
        i3: { title: 'Cloud, først', text: 'Forkastet.', status: 'rejected' },
        i4: { title: 'Politik udsat', text: '', status: 'postponed' },
      },
    },
  });
  const chair = await server.signIn('chair');
  const approved = await server.api('POST', `/api/meetings/${meeting.id}/approve`, {
    token: chair.token,
    body: { confirm: ['attendance'] },
  });
  expect(approved.status).toBe(200);
  observer = (await server.signIn('observer')).token;
});
afterAll(() => server.stop());

const download = (query = '') =>
  fetch(`${server.url}/api/decisions.csv${query}`, { headers: { authorization: `Bearer ${observer}` } });

describe('the decision register as CSV', () => {
  it('quotes every cell and defuses a formula start at the start of a cell and after every separator inside it', async () => {
    const res = await download();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = await readCsvExport(res, ',');
    expect(csv.bom).toBe(true);
    expect(csv.text.endsWith('\r\n')).toBe(true);
    expect(csv.rows[0]).toEqual([
      'number',
      'status',
      'decided_on',
      'title',
      'text',
      'tags',
      'supersedes',
      'meeting_id',
      'meeting_title',
      'votes_for',
      'votes_against',
      'votes_abstain',
      'dissents',
      'conflicts',
    ]);
    for (const row of csv.rows) expect(row).toHaveLength(14);
    const hostile = csv.rows.find((r) => r[3].includes('cmd'));
    expect(hostile).toEqual([
      '2026-001',
      'adopted',
      '2026-12-10',
      "a;'=cmd|' /C calc'!A0",
      `Første linje\n'@SUM(1+1)\r\n'-2+3 og "citeret",' =HYPERLINK("x")`,
      "styring;'=tag",
      '',
      expect.any(String),
      "Rådsmøde;' +eksport",
      // No vote was recorded on it.
      ...['', '', '', '', ''],
    ]);
    // A spreadsheet that split on every separator and line break, quotes or not, would still run nothing.
    expect(formulaStarts(csv.text)).toEqual([]);
    expect(csv.rows.map((r) => r[1]).sort()).toEqual(['adopted', 'postponed', 'rejected', 'status']);
    expect(csv.text).not.toContain('Fortroligt');
  });

  it('offers a variant for Danish Excel: `;` between cells, Danish headers and status words, ISO dates', async () => {
    const res = await download('?format=excel-da');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = await readCsvExport(res, ';');
    expect(csv.bom).toBe(true);
    expect(csv.rows[0]).toEqual([
      'Nummer',
      'Status',
      'Besluttet den',
      'Titel',
      'Tekst',
      'Emneord',
      'Afløser',
      'Møde-id',
      'Møde',
      'Stemmer for',
      'Stemmer imod',
      'Undlod at stemme',
      'Ført til protokol',
      'Inhabile',
    ]);
    for (const row of csv.rows) expect(row).toHaveLength(14);
    const byTitle = new Map(csv.rows.map((r) => [r[3], r]));
    expect(byTitle.get("a;'=cmd|' /C calc'!A0")?.slice(0, 3)).toEqual(['2026-001', 'Vedtaget', '2026-12-10']);
    expect(byTitle.get('Cloud, først')?.[1]).toBe('Forkastet');
    expect(byTitle.get('Politik udsat')?.[1]).toBe('Udsat');
    expect(formulaStarts(csv.text)).toEqual([]);
    expect(csv.text).not.toContain('Fortroligt');
  });

  it('refuses a format it does not know', async () => {
    const res = await download('?format=xlsx');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: { path: string[] }[] } };
    expect(body.error.issues[0].path).toEqual(['format']);
  });
});
