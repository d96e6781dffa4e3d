import * as Y from 'yjs';

/** Rich text (a Tiptap Y.XmlFragment: the minutes of an item, a mandate, a description) as plain paragraphs. */
export function appendParagraphs(fragment: Y.XmlFragment, paragraphs: readonly string[]): void {
  fragment.insert(
    fragment.length,
    paragraphs.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
}

/** The plain text of a rich-text fragment, one line per block, for search and previews. */
export function fragmentText(fragment: Y.XmlFragment | Y.XmlElement): string {
  const lines: string[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement, line: string[]) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) line.push(child.toString().replace(/<[^>]*>/g, ''));
      else if (child instanceof Y.XmlElement) {
        const inner: string[] = [];
        walk(child, inner);
        lines.push(inner.join(''));
      }
    }
  };
  const top: string[] = [];
  walk(fragment, top);
  if (top.length) lines.push(top.join(''));
  return lines.filter((l) => l.trim()).join('\n');
}
