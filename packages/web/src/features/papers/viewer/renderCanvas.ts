import type { PageViewport, PDFPageProxy, RenderTask } from 'pdfjs-dist';

/**
 * The most pixels one canvas may hold. Browsers refuse larger canvases (iOS Safari at 2^24) or
 * run out of memory; past it a deeply zoomed page is drawn at a lower resolution instead.
 */
const MAX_CANVAS_PIXELS = 2 ** 24;

/**
 * Draws a page into a new canvas with as many device pixels as the screen has per CSS pixel,
 * so that text is sharp on high-density screens and under browser zoom. The canvas is sized by
 * CSS to its page; the caller puts it in place once `task.promise` resolves, so that the old
 * drawing stays on screen until the new one is complete.
 */
export function renderToCanvas(
  page: PDFPageProxy,
  viewport: PageViewport,
  devicePixelRatio: number,
): { canvas: HTMLCanvasElement; task: RenderTask } {
  const area = viewport.width * viewport.height;
  let ratio = devicePixelRatio;
  if (area * ratio * ratio > MAX_CANVAS_PIXELS) ratio = Math.sqrt(MAX_CANVAS_PIXELS / area);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(viewport.width * ratio));
  canvas.height = Math.max(1, Math.floor(viewport.height * ratio));
  // The drawing is decoration for assistive technology: the text layer above it carries the text.
  canvas.setAttribute('aria-hidden', 'true');
  const task = page.render({
    canvas,
    viewport,
    transform: ratio === 1 ? undefined : [canvas.width / viewport.width, 0, 0, canvas.height / viewport.height, 0, 0],
  });
  return { canvas, task };
}

/** Lets go of a canvas's pixels at once rather than when it is collected (Safari keeps them long). */
export function releaseCanvas(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
}
