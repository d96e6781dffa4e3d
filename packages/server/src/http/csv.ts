import type { CsvFormat } from '@council/shared';
import type { Response } from 'express';

/**
 * CSV for spreadsheets, written the same way by every export (decision register, action plan).
 *
 * - Every cell is quoted (RFC 4180), so a separator or line break inside a cell never splits it: Excel
 *   set to Danish splits on `;`, where `,` was all a comma-separated writer used to guard against.
 * - Text is defused (OWASP's "CSV injection"): a formula start (=, +, -, @, tab, CR) at the start of a
 *   cell, or after a `,`, `;` or line break inside it (spaces between allowed), gets a `'` before it.
 *   Inside quotes no spreadsheet we know of starts a new cell there; the second half is for a reader
 *   that splits on a separator anyway, which would otherwise see a cell that starts with a formula.
 * - Numbers are written as numbers, not defused: `-2.5` is no formula, and stays one a sheet can sum.
 * - A BOM, so that Excel reads UTF-8 (æ, ø, å), and CRLF between rows.
 */

export type CsvValue = string | number;

export interface CsvDialect {
  /** Between cells. */
  separator: ',' | ';';
  /** The decimal mark numbers are written with. */
  decimal: '.' | ',';
}

export const CSV_DIALECTS: Record<CsvFormat, CsvDialect> = {
  csv: { separator: ',', decimal: '.' },
  // Excel with Danish regional settings: `;` between cells, `,` as the decimal mark.
  'excel-da': { separator: ';', decimal: ',' },
};

/** A formula start at the start of the text or right after a separator or line break, spaces between. */
const FORMULA_START = /(^|[,;\r\n])(?=[ \u00a0]*[=+\-@\t\r])/g;

/** Puts `'` before every formula start, so that a spreadsheet shows the text instead of running it. */
export function defuse(text: string): string {
  return text.replace(FORMULA_START, "$1'");
}

/** One cell, quoted: text defused, numbers with the dialect's decimal mark. */
export function csvCell(value: CsvValue, dialect: CsvDialect): string {
  const text = typeof value === 'number' ? String(value).replace('.', dialect.decimal) : defuse(value);
  return `"${text.replaceAll('"', '""')}"`;
}

/** The whole file: BOM, cells joined by the dialect's separator, CRLF after every row. */
export function csvDocument(rows: readonly (readonly CsvValue[])[], dialect: CsvDialect): string {
  const lines = rows.map((row) => row.map((value) => csvCell(value, dialect)).join(dialect.separator));
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}

export interface CsvColumn<T> {
  /** The heading in the default format: English snake_case, stable for scripts. */
  name: string;
  /** The heading for Danish Excel. */
  da: string;
  value: (row: T, format: CsvFormat) => CsvValue;
}

/** Answers with rows as CSV in the format asked for, as a download named `filename`. */
export function sendCsv<T>(
  res: Response,
  filename: string,
  format: CsvFormat,
  columns: readonly CsvColumn<T>[],
  rows: readonly T[],
): void {
  const header = columns.map((column) => (format === 'excel-da' ? column.da : column.name));
  const body = rows.map((row) => columns.map((column) => column.value(row, format)));
  res
    .type('text/csv; charset=utf-8')
    .attachment(filename)
    .send(csvDocument([header, ...body], CSV_DIALECTS[format]));
}
