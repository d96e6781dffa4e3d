import * as Y from 'yjs';

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
