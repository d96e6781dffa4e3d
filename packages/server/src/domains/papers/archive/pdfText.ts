/**
 * Text for the PDF's standard fonts: kept to what they can encode, and broken into lines.
 *
 * Helvetica and its siblings are not embedded; pdf-lib encodes their text as WinAnsi (Windows-1252),
 * which has the Danish letters, most of Western Europe's and the common punctuation, and throws on
 * anything else. A name in Greek or an emoji in the minutes must not stop the archive, so such a
 * character is written as '?', the way a printer without the glyph would.
 */

/** What wrapping needs of a font (pdf-lib's PDFFont has it). */
export interface MeasuringFont {
  widthOfTextAtSize(text: string, size: number): number;
}

/**
 * Widths as pdf-lib draws text: glyph by glyph. pdf-lib's own `widthOfTextAtSize` subtracts the
 * font's kerning pairs, which `drawText` does not apply, so lines measured with it come out wider
 * on the page than measured (a row of ' .' leaders by a tenth).
 */
export function unkerned(font: MeasuringFont): MeasuringFont {
  const perPoint = new Map<string, number>();
  return {
    widthOfTextAtSize(text, size) {
      let width = 0;
      for (const char of text) {
        let w = perPoint.get(char);
        if (w === undefined) {
          w = font.widthOfTextAtSize(char, 1);
          perPoint.set(char, w);
        }
        width += w;
      }
      return width * size;
    },
  };
}

/** Look-alikes outside WinAnsi that are better shown as their plain counterpart than as '?'. */
const PLAIN: Record<string, string> = {
  '\t': ' ',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\ufeff': '',
  '\r': '',
};

/**
 * A cleaner for one font's character set (pdf-lib's `font.getCharacterSet()`): it composes accents
 * first (NFC, so 'e' + U+0301 becomes 'é', which WinAnsi has) and replaces each code point the font
 * cannot encode. Line breaks are kept for the caller to split on.
 */
export function textCleaner(charset: Iterable<number>): (text: string) => string {
  const known = new Set(charset);
  return (text) => {
    let out = '';
    for (const char of text.normalize('NFC')) {
      if (char === '\n') out += char;
      else if (char in PLAIN) out += PLAIN[char];
      else out += known.has(char.codePointAt(0) ?? 0) ? char : '?';
    }
    return out;
  };
}

/**
 * Breaks cleaned text into lines no wider than `width`: at line breaks, then between words, and
 * inside a word only when the word alone is too wide (a long URL or file name).
 */
export function wrapText(text: string, font: MeasuringFont, size: number, width: number): string[] {
  const lines: string[] = [];
  const space = font.widthOfTextAtSize(' ', size);
  for (const hardLine of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of hardLine.split(/ +/).filter((w) => w !== '')) {
      const wordWidth = font.widthOfTextAtSize(word, size);
      if (line !== '' && lineWidth + space + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line !== '') lines.push(line);
      if (wordWidth <= width) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      const pieces = breakWord(word, font, size, width);
      line = pieces.pop() ?? '';
      lines.push(...pieces);
      lineWidth = font.widthOfTextAtSize(line, size);
    }
    lines.push(line);
  }
  return lines;
}

/** Pieces of a word too wide for a line, each as long as fits (at least one character). */
function breakWord(word: string, font: MeasuringFont, size: number, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece !== '' && font.widthOfTextAtSize(piece + char, size) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  pieces.push(piece);
  return pieces;
}

/** The text shortened with '…' (which WinAnsi has) to fit `width`, for one-line places like the footer. */
export function fitText(text: string, font: MeasuringFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && font.widthOfTextAtSize(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
