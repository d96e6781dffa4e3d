/** Styles that decide where text lands in an input or textarea; a mirror copies them. */
const MIRRORED = [
  'boxSizing',
  'width',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'letterSpacing',
  'lineHeight',
  'textTransform',
  'textIndent',
  'tabSize',
] as const;

/**
 * Where the character at `index` of a field's value is drawn, relative to the field's border box
 * as it is scrolled now: a hidden copy of the field, styled alike, with a marker at that index.
 */
export function caretPosition(
  field: HTMLInputElement | HTMLTextAreaElement,
  index: number,
): { left: number; top: number; height: number } {
  const style = getComputedStyle(field);
  const mirror = document.createElement('div');
  for (const key of MIRRORED) mirror.style[key] = style[key];
  mirror.style.position = 'absolute';
  mirror.style.visibility = 'hidden';
  mirror.style.top = '0';
  mirror.style.left = '-9999px';
  mirror.style.overflow = 'hidden';
  mirror.style.whiteSpace = field instanceof HTMLTextAreaElement ? 'pre-wrap' : 'pre';
  mirror.style.overflowWrap = 'break-word';
  mirror.textContent = field.value.slice(0, index);
  const marker = document.createElement('span');
  marker.textContent = field.value.slice(index) || '.';
  mirror.appendChild(marker);
  document.body.appendChild(mirror);
  const height = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2;
  const position = {
    left: marker.offsetLeft - field.scrollLeft,
    top: marker.offsetTop - field.scrollTop,
    height,
  };
  mirror.remove();
  return position;
}
