/** The zoom levels + and − step through, as in most PDF readers. */
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1] as number;

/** Either "as wide as the pane" (follows the pane's width) or a fixed zoom (1 is 100 %). */
export type Zoom = { kind: 'fit' } | { kind: 'fixed'; value: number };

export function clampZoom(value: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, value));
}

/** The next step in, from wherever the zoom is now (fitting the width gives uneven values). */
export function zoomIn(current: number): number {
  return ZOOM_STEPS.find((step) => step > current + 0.005) ?? MAX_ZOOM;
}

export function zoomOut(current: number): number {
  return [...ZOOM_STEPS].reverse().find((step) => step < current - 0.005) ?? MIN_ZOOM;
}

/**
 * The zoom at which a page `pageWidth` CSS pixels wide at 100 % fills `available` pixels, never
 * outside the steps' range.
 */
export function fitWidth(available: number, pageWidth: number): number {
  if (available <= 0 || pageWidth <= 0) return 1;
  return clampZoom(Math.floor((available / pageWidth) * 100) / 100);
}
