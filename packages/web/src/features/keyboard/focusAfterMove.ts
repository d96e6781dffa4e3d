/**
 * Gives keyboard focus back to a card or agenda item after one of its move buttons moved it.
 *
 * Why: a move re-orders the list, and the browser drops focus from an element React re-inserts (or
 * a button that became disabled, like "up" on the first item), so a keyboard user landed at the top
 * of the page and needed about ten Tabs after every move. The element to focus is found after the
 * re-render (React has committed the move by the next frame): the same control if it is still
 * there and enabled, else another move control of the same entry, else its first button.
 *
 * `key` is the entry's `data-focus-key`; `control` the button's `data-move` ("up", "down", "left",
 * "right").
 */
export function focusAfterMove(key: string, control: string): void {
  requestAnimationFrame(() => {
    const entry = document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
    if (!entry) return;
    const target =
      entry.querySelector<HTMLElement>(`[data-move="${control}"]:not(:disabled)`) ??
      entry.querySelector<HTMLElement>('[data-move]:not(:disabled)') ??
      entry.querySelector<HTMLElement>('button:not(:disabled)');
    target?.focus();
  });
}
