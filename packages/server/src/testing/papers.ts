import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * Files for meeting-paper tests, made in the test rather than checked in: a PDF with a word on a
 * chosen page, Office files, and the hostile ones the server must refuse.
 */

/**
 * A PDF with one page per text, each text written on its page; `paddingBytes` of random data go
 * into it as an attached file, to make it as large as a test needs (uploads slow enough to watch).
 */
export async function pdfWithPages(texts: string[], useObjectStreams = true, paddingBytes = 0): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (paddingBytes > 0)
    await pdf.attach(randomBytes(paddingBytes), 'fyld.bin', { mimeType: 'application/octet-stream' });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of texts) {
    const page = pdf.addPage([595, 842]);
    page.drawText(text, { x: 50, y: 760, size: 14, font });
  }
  return pdf.save({ useObjectStreams });
}

/** A real 2×2 PNG (red, green, blue, white), as an image paper. */
export const tinyPng = () =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
    'base64',
  );

/** A PDF whose trailer names an encryption dictionary, as a password-protected one does. */
export async function encryptedPdf(): Promise<Uint8Array> {
  const text = Buffer.from(await pdfWithPages(['Hemmeligt'], false)).toString('latin1');
  return Buffer.from(text.replace(/trailer\s*<</, 'trailer\n<<\n/Encrypt 99 0 R'), 'latin1');
}

/** A Word document whose body is the given paragraphs. */
export function docx(paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="x"><w:body>${body}</w:body></w:document>`),
  });
}

/** A "Word document" whose one part unpacks to `megabytes` of zeros from a few kilobytes. */
export function zipBomb(megabytes = 64): Uint8Array {
  return zipSync(
    {
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
      'word/document.xml': new Uint8Array(megabytes * 1024 * 1024),
    },
    { level: 9 },
  );
}

/** Uploads `bytes` as a new paper on an item; returns the status and the parsed body. */
export async function uploadPaper(
  url: string,
  token: string,
  meetingId: string,
  itemId: string,
  bytes: Uint8Array,
  name: string,
) {
  const response = await fetch(
    `${url}/api/meetings/${meetingId}/items/${itemId}/papers?name=${encodeURIComponent(name)}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    },
  );
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on response bodies field by field
  return { status: response.status, body: (text ? JSON.parse(text) : null) as any };
}

/** Starts an upload that says it is `declared` bytes long, sends `sent` of them, and drops the connection. */
export function dropUpload(url: string, token: string, path: string, declared: number, sent: number): Promise<void> {
  return new Promise((resolve) => {
    const request = http.request(`${url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(declared),
      },
    });
    request.on('error', () => resolve());
    request.on('close', () => resolve());
    request.write(Buffer.alloc(sent, 0x25), () => setTimeout(() => request.destroy(), 100));
  });
}
