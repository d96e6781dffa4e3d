/**
 * Approved minutes as blocks of plain text, for laying them out in the archival PDF.
 *
 * The input is the Markdown `renderMinutes` (domains/meetings/render.ts) writes, and only that:
 * blocks separated by a blank line, each a heading (`#` to `######`, the text possibly a
 * `[text](href)` link), an `_emphasis_` line, a list (`- ` or `1. ` at the start of each row) or a
 * paragraph with `**bold**` and `_italic_` runs. Every character of the council's text that Markdown
 * could read as syntax is escaped with a backslash there, so here every unescaped `*`, `_`, `[`,
 * `]`, `(` and `)` is syntax, and every backslash escapes the next character.
 */

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; emphasis?: boolean }
  | { type: 'list'; ordered: boolean; items: string[] };

const HEADING = /^(#{1,6}) (.*)$/s;
const BULLET = /^- /;
const NUMBER = /^\d+\. /;

export function minutesBlocks(markdown: string): Block[] {
  return markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/^\n+|\s+$/g, ''))
    .filter((block) => block.trim() !== '')
    .map(toBlock);
}

function toBlock(block: string): Block {
  const heading = HEADING.exec(block);
  if (heading) {
    // The notes' own headings come out as ### to ######; the PDF knows three sizes.
    const level = Math.min(3, heading[1].length) as 1 | 2 | 3;
    return { type: 'heading', level, text: inlineText(heading[2].replace(/\n/g, ' ')) };
  }
  if (BULLET.test(block)) return { type: 'list', ordered: false, items: listItems(block, BULLET) };
  if (NUMBER.test(block)) return { type: 'list', ordered: true, items: listItems(block, NUMBER) };
  if (isEmphasisLine(block)) return { type: 'paragraph', text: inlineText(block), emphasis: true };
  return { type: 'paragraph', text: inlineText(block) };
}

/**
 * The rows of a list. A row's text that itself starts a line with `- ` or `1. ` is escaped by the
 * writer, so a line without the marker continues the row above (a value with a line break in it).
 */
function listItems(block: string, marker: RegExp): string[] {
  const rows: string[] = [];
  for (const line of block.split('\n')) {
    if (marker.test(line) || rows.length === 0) rows.push(line.replace(marker, ''));
    else rows[rows.length - 1] += `\n${line}`;
  }
  return rows.map(inlineText);
}

/**
 * `_…_` around the whole block (the writer's emphasis line, or a paragraph typed in italics):
 * it starts with `_`, ends with an unescaped `_`, and has no other unescaped `_` in between.
 */
function isEmphasisLine(block: string): boolean {
  if (block.length < 2 || !block.startsWith('_') || !block.endsWith('_')) return false;
  const markers = unescapedPositions(block, '_');
  return markers.length === 2 && markers[0] === 0 && markers[1] === block.length - 1;
}

function unescapedPositions(text: string, char: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === char) found.push(i);
  }
  return found;
}

/**
 * Plain text of inline Markdown: escapes undone, emphasis markers dropped, a link reduced to its
 * text (its target is a path in the web app, which means nothing on paper).
 */
export function inlineText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      out += text[++i];
    } else if (c === '*' || c === '_' || c === '[') {
      // markup: bold, italic, the start of a link's text
    } else if (c === ']' && text[i + 1] === '(') {
      const close = text.indexOf(')', i + 2);
      i = close < 0 ? text.length : close;
    } else {
      out += c;
    }
  }
  return out;
}
