import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docx, pdfWithPages } from '../../../testing/papers.ts';
import { DEFAULT_EXTRACTION_LIMITS, extractText } from './extract.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'council-extract-'));
const file = (name: string, bytes: Uint8Array | string) => {
  const where = path.join(dir, name);
  fs.writeFileSync(where, bytes);
  return where;
};

/** The extraction worker reads text page by page, and gives an error, never a crash, for what it cannot. */
describe('extractText', () => {
  it('reads a PDF page by page', async () => {
    const pdf = file('a.pdf', await pdfWithPages(['Første side', 'Anden side', 'Fjernvarme på tredje side']));
    expect(await extractText(pdf, 'pdf')).toEqual({
      pages: ['Første side', 'Anden side', 'Fjernvarme på tredje side'],
    });
  });

  it('reads Word and OpenDocument text, starting a page at each page break', async () => {
    expect(await extractText(file('a.docx', docx(['Arkitektur', 'Principper & mål'])), 'docx')).toEqual({
      pages: ['Arkitektur\nPrincipper & mål'],
    });
    const odt = zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.text'),
      'content.xml': strToU8(
        '<office:document-content><text:p>Side et</text:p><text:soft-page-break/><text:h>Side to</text:h></office:document-content>',
      ),
    });
    expect(await extractText(file('a.odt', odt), 'odt')).toEqual({ pages: ['Side et', 'Side to'] });
  });

  it('reads text that is not UTF-8 as Windows-1252', async () => {
    expect(await extractText(file('a.csv', Buffer.from('Kommune;Ærø\n', 'latin1')), 'csv')).toEqual({
      pages: ['Kommune;Ærø\n'],
    });
  });

  it('gives an error for a file it cannot read, and for one that takes too long', async () => {
    const broken = file('broken.pdf', '%PDF-1.7\nnot a pdf at all\n%%EOF\n');
    expect(await extractText(broken, 'pdf')).toEqual({ error: expect.any(String) });
    const big = file('big.pdf', await pdfWithPages(Array.from({ length: 200 }, (_, i) => `Side ${i}`)));
    expect(await extractText(big, 'pdf', { ...DEFAULT_EXTRACTION_LIMITS, timeoutMs: 1 })).toEqual({
      error: 'took longer than 0.001 s',
    });
    expect(await extractText(file('x.png', 'x'), 'png')).toEqual({ error: 'no text is read from png' });
    // A heap too small for pdf.js and a 200-page file: the worker stops, the test process does not
    // (V8 reports it out of memory on Node 20; on Node 24 a 4 MB heap ends it with SIGSEGV).
    expect(await extractText(big, 'pdf', { ...DEFAULT_EXTRACTION_LIMITS, memoryMb: 4 })).toEqual({
      error: expect.stringMatching(/^(needed more memory than allowed|the worker stopped \(SIG\w+\))$/),
    });
  });
});
