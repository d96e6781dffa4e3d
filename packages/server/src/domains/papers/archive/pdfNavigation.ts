import { type PDFDocument, PDFHexString, PDFName, type PDFPage, type PDFRef } from 'pdf-lib';

/**
 * Bookmarks and clickable table-of-contents entries. pdf-lib 1.17 has no API for either, so they are
 * written as the plain dictionaries of the PDF specification (ISO 32000-1, 12.3.3 and 12.5.6.5).
 */

/** A place in the document: a page and the height on it to show at the top of the window. */
export interface Anchor {
  page: PDFPage;
  top: number;
}

export interface OutlineEntry {
  title: string;
  anchor: Anchor;
  children?: OutlineEntry[];
}

/** `[page /XYZ null top null]`: that page, scrolled to `top`, the zoom left as the reader has it. */
function destination(doc: PDFDocument, anchor: Anchor) {
  return doc.context.obj([anchor.page.ref, 'XYZ', null, anchor.top, null]);
}

/** A link over a rectangle of a page (x, y its lower-left corner) that goes to an anchor. */
export function addLink(
  doc: PDFDocument,
  page: PDFPage,
  rect: { x: number; y: number; width: number; height: number },
  anchor: Anchor,
): void {
  const annotation = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height],
    Border: [0, 0, 0],
    Dest: destination(doc, anchor),
  });
  page.node.addAnnot(doc.context.register(annotation));
}

/**
 * The document's bookmarks, shown when it opens. Titles are written as UTF-16 text strings, so
 * they keep every character, also those the page fonts replace.
 */
export function addOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  if (entries.length === 0) return;
  const rootRef = doc.context.nextRef();
  const { first, last, count } = writeLevel(doc, entries, rootRef);
  doc.context.assign(rootRef, doc.context.obj({ Type: 'Outlines', First: first, Last: last, Count: count }));
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Writes one level of siblings under `parent`; returns its ends and how many entries show, open. */
function writeLevel(
  doc: PDFDocument,
  entries: OutlineEntry[],
  parent: PDFRef,
): { first: PDFRef; last: PDFRef; count: number } {
  const refs = entries.map(() => doc.context.nextRef());
  let count = entries.length;
  entries.forEach((entry, i) => {
    const item = doc.context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: parent,
      Dest: destination(doc, entry.anchor),
    });
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]);
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]);
    if (entry.children?.length) {
      const sub = writeLevel(doc, entry.children, refs[i]);
      item.set(PDFName.of('First'), sub.first);
      item.set(PDFName.of('Last'), sub.last);
      // A positive count shows the entry open.
      item.set(PDFName.of('Count'), doc.context.obj(sub.count));
      count += sub.count;
    }
    doc.context.assign(refs[i], item);
  });
  return { first: refs[0], last: refs[refs.length - 1], count };
}
