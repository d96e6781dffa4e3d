import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import type { TextContent, TextItem } from 'pdfjs-dist/types/src/display/api';
import { type PageText, pageText } from './textSearch.ts';

/**
 * A page's size at zoom 1 in PDF units (rotation and user unit applied), and its user unit, which
 * the text layer's CSS needs apart.
 */
export interface PageSize {
  width: number;
  height: number;
  userUnit: number;
}

/** A page's text as pdf.js gives it (for the text layer) and as one string (for searching). */
export interface PageTextContent {
  content: TextContent;
  text: PageText;
}

export function pageSize(page: PDFPageProxy): PageSize {
  const { width, height, userUnit } = page.getViewport({ scale: 1 });
  return { width, height, userUnit };
}

/**
 * One open document with what has been asked of it kept: the page objects and each page's text,
 * which both the text layer and the search need. The search reads every page's text once; the
 * text layer then reuses it instead of asking the worker again.
 */
export class PdfSession {
  private readonly pages = new Map<number, Promise<PDFPageProxy>>();
  private readonly texts = new Map<number, Promise<PageTextContent>>();

  private constructor(
    readonly doc: PDFDocumentProxy,
    /** The first page's size, taken for every page until that page has been read itself. */
    readonly firstSize: PageSize,
  ) {}

  static async open(doc: PDFDocumentProxy): Promise<PdfSession> {
    const first = await doc.getPage(1);
    const session = new PdfSession(doc, pageSize(first));
    session.pages.set(1, Promise.resolve(first));
    return session;
  }

  get numPages(): number {
    return this.doc.numPages;
  }

  page(n: number): Promise<PDFPageProxy> {
    let page = this.pages.get(n);
    if (!page) {
      page = this.doc.getPage(n);
      // A failed read is not kept, so that the page is tried again when next shown.
      page.catch(() => this.pages.delete(n));
      this.pages.set(n, page);
    }
    return page;
  }

  text(n: number): Promise<PageTextContent> {
    let text = this.texts.get(n);
    if (!text) {
      text = this.page(n)
        .then((page) => page.getTextContent())
        .then((content) => ({
          content,
          text: pageText(content.items.filter((item): item is TextItem => 'str' in item)),
        }));
      text.catch(() => this.texts.delete(n));
      this.texts.set(n, text);
    }
    return text;
  }
}
