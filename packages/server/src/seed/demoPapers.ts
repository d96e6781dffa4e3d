import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A paper of the demo: its file name and either pages of paragraphs (a PDF) or the text of a CSV. */
export type DemoPaper = { itemId: string; fileName: string } & ({ pages: string[][] } | { csv: string });

const WIDTH = 595;
const HEIGHT = 842;
const MARGIN = 60;
const SIZE = 11;

/** A plain A4 PDF with a heading and wrapped paragraphs on each page, as a secretariat would export one. */
export async function demoPdf(title: string, pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  pages.forEach((paragraphs, index) => {
    const page = pdf.addPage([WIDTH, HEIGHT]);
    let y = HEIGHT - MARGIN;
    page.drawText(title, { x: MARGIN, y, size: 15, font: bold });
    y -= 32;
    for (const paragraph of paragraphs) {
      for (const line of wrap(paragraph, (text) => font.widthOfTextAtSize(text, SIZE), WIDTH - 2 * MARGIN)) {
        page.drawText(line, { x: MARGIN, y, size: SIZE, font });
        y -= SIZE * 1.5;
      }
      y -= SIZE;
    }
    page.drawText(`${index + 1} / ${pages.length}`, { x: WIDTH / 2 - 10, y: 30, size: 9, font });
  });
  return pdf.save();
}

function wrap(text: string, width: (text: string) => number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (width(next) > max && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
