import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { fitText, type MeasuringFont, textCleaner, unkerned, wrapText } from './pdfText.ts';

/** Every character one point wide per point of size: easy widths to reason about. */
const mono: MeasuringFont = { widthOfTextAtSize: (text, size) => [...text].length * size };

const font = (await PDFDocument.create()).embedStandardFont(StandardFonts.Helvetica);

describe('textCleaner', () => {
  const clean = textCleaner(font.getCharacterSet());

  it('keeps what WinAnsi has and replaces the rest, one ? per character', () => {
    expect(clean('Æble, øl og åer — “citat” … 5 € • é')).toBe('Æble, øl og åer — “citat” … 5 € • é');
    expect(clean('Ελλάδα 🎉 中文')).toBe('?????? ? ??');
    expect(font.encodeText(clean('Ελλάδα 🎉 中文 \u0007'))).toBeDefined();
  });

  it('composes accents, keeps line breaks, and shows look-alikes as their plain form', () => {
    expect(clean('e\u0301\nx\ty\u2212z\u200b!\r')).toBe('é\nx y-z!');
  });
});

describe('wrapText', () => {
  it('breaks between words, at line breaks, and inside a word only when it is too long alone', () => {
    expect(wrapText('aa bb cc', mono, 1, 5)).toEqual(['aa bb', 'cc']);
    expect(wrapText('aa\n\nbb', mono, 1, 5)).toEqual(['aa', '', 'bb']);
    expect(wrapText('abcdefghijkl mn', mono, 1, 5)).toEqual(['abcde', 'fghij', 'kl mn']);
    expect(wrapText('', mono, 1, 5)).toEqual(['']);
  });

  it('never gives a line wider than asked, measured as pdf-lib draws', () => {
    const plain = unkerned(font);
    const text = 'Rådet drøftede arkitekturprincipperne, AVATAR-projektet og Wolfgangs forslag. '.repeat(20);
    const lines = wrapText(text, plain, 10.5, 300);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(plain.widthOfTextAtSize(line, 10.5)).toBeLessThanOrEqual(300);
  });
});

describe('unkerned', () => {
  it('measures glyph by glyph, as drawText sets them, where pdf-lib subtracts kerning', () => {
    const plain = unkerned(font);
    expect(plain.widthOfTextAtSize('AV', 10)).toBeCloseTo(font.widthOfTextAtSize('A', 10) * 2);
    expect(font.widthOfTextAtSize('AV', 10)).toBeLessThan(plain.widthOfTextAtSize('AV', 10));
  });
});

describe('fitText', () => {
  it('shortens with an ellipsis only when needed', () => {
    expect(fitText('kort', mono, 1, 10)).toBe('kort');
    expect(fitText('en meget lang titel', mono, 1, 8)).toBe('en mege…');
    expect(fitText('en meget lang titel', mono, 1, 4)).toBe('en…');
  });
});
