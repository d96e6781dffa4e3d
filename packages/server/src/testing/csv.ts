/** A CSV export as a test reads it: the raw text without its BOM, and its rows read back field by field. */
export interface CsvExport {
  /** Whether the body starts with the UTF-8 byte order mark (EF BB BF). */
  bom: boolean;
  text: string;
  rows: string[][];
}

export async function readCsvExport(response: Response, separator: ',' | ';'): Promise<CsvExport> {
  const bytes = Buffer.from(await response.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.subarray(bom ? 3 : 0).toString('utf8');
  return { bom, text, rows: parseCsv(text, separator) };
}

/**
 * Reads RFC 4180 text with CRLF line ends, as a spreadsheet that honours quotes would. It insists on
 * what our exports promise: every field quoted, and nothing between a closing quote and the next
 * separator or line end; anything else throws, naming where.
 */
export function parseCsv(text: string, separator: ',' | ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') throw new Error(`unquoted field at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
    let field = '';
    i += 1;
    for (;;) {
      const quote = text.indexOf('"', i);
      if (quote < 0) throw new Error(`unterminated field at ${i}`);
      field += text.slice(i, quote);
      if (text[quote + 1] === '"') {
        field += '"';
        i = quote + 2;
      } else {
        i = quote + 1;
        break;
      }
    }
    row.push(field);
    if (text[i] === separator) {
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else {
      throw new Error(
        `expected ${JSON.stringify(separator)} or CRLF at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`,
      );
    }
  }
  if (row.length > 0) throw new Error('the last row has no CRLF');
  return rows;
}

/**
 * The pieces a spreadsheet would see if it split on every `,`, `;` and line break and ignored quotes:
 * none may start (after an opening quote and any spaces) with a character that starts a formula.
 */
export function formulaStarts(text: string): string[] {
  return text.split(/[,;\r\n]/).filter((piece) => /^"?[ \u00a0]*[=+\-@\t]/.test(piece));
}
