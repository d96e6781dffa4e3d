import { describe, expect, it } from 'vitest';
import { parseCsv } from '../testing/csv.ts';
import { CSV_DIALECTS, csvCell, csvDocument, defuse } from './csv.ts';

const comma = CSV_DIALECTS.csv;
const semicolon = CSV_DIALECTS['excel-da'];

describe('defuse', () => {
  it('puts an apostrophe before a formula start at the start of the text', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(defuse(`${start}1+2`)).toBe(`'${start}1+2`);
    expect(defuse('=1+2')).toBe("'=1+2");
    expect(defuse('  =1+2')).toBe("'  =1+2");
  });

  it('does the same after every `,`, `;` and line break inside the text', () => {
    expect(defuse("a;=cmd|' /C calc'!A0")).toBe("a;'=cmd|' /C calc'!A0");
    expect(defuse('a,+1')).toBe("a,'+1");
    expect(defuse('a\n@SUM(A1)')).toBe("a\n'@SUM(A1)");
    expect(defuse('a\r\n-1+1')).toBe("a\r\n'-1+1");
    expect(defuse('a, =1')).toBe("a,' =1");
    expect(defuse('a;\t=1')).toBe("a;'\t=1");
    expect(defuse(';=1;=2')).toBe(";'=1;'=2");
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['', 'Rådet vedtager, at …', 'it-arkitektur', '2026-03-31', 'a = b', 'e-mail@kommune.dk', 'x;y'])
      expect(defuse(text)).toBe(text);
  });
});

describe('csvCell', () => {
  it('quotes every cell, doubling quotes inside it', () => {
    expect(csvCell('plain', comma)).toBe('"plain"');
    expect(csvCell('', comma)).toBe('""');
    expect(csvCell('"quoted"', comma)).toBe('"""quoted"""');
    expect(csvCell('two\r\nlines', comma)).toBe('"two\r\nlines"');
    expect(csvCell('=HYPERLINK("x")', semicolon)).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("a;=cmd|' /C calc'!A0", semicolon)).toBe(`"a;'=cmd|' /C calc'!A0"`);
  });

  it('writes numbers as numbers, with the dialect’s decimal mark, and does not defuse them', () => {
    expect(csvCell(-2.5, comma)).toBe('"-2.5"');
    expect(csvCell(-2.5, semicolon)).toBe('"-2,5"');
    expect(csvCell(98, semicolon)).toBe('"98"');
    expect(csvCell('-2.5', comma)).toBe(`"'-2.5"`); // text that looks like a number is still text
  });
});

describe('csvDocument', () => {
  const hostile = ['=1+2', "a;=cmd|' /C calc'!A0", '"quoted"', 'line 1\nline 2\r\n+line 3', 'x,y'];

  it('starts with a BOM and ends every row with CRLF', () => {
    const text = csvDocument(
      [
        ['a', 'b'],
        ['c', 1],
      ],
      comma,
    );
    expect(text).toBe('\uFEFF"a","b"\r\n"c","1"\r\n');
  });

  it('keeps every hostile value in its own cell, in either dialect, and runs none of them', () => {
    for (const dialect of [comma, semicolon]) {
      const text = csvDocument([['name', 'value'], ...hostile.map((v, i) => [v, i])], dialect);
      const rows = parseCsv(text.slice(1), dialect.separator);
      expect(rows).toHaveLength(hostile.length + 1);
      expect(rows.map((r) => r.length)).toEqual(rows.map(() => 2));
      expect(rows.slice(1).map((r) => r[0])).toEqual([
        "'=1+2",
        "a;'=cmd|' /C calc'!A0",
        '"quoted"',
        "line 1\nline 2\r\n'+line 3",
        'x,y',
      ]);
    }
  });

  it('separates with `;` for Danish Excel', () => {
    expect(
      csvDocument(
        [
          ['Titel', 'Værdi'],
          ['a,b', 3.5],
        ],
        semicolon,
      ),
    ).toBe('\uFEFF"Titel";"Værdi"\r\n"a,b";"3,5"\r\n');
  });
});
