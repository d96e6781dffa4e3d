import { Center, Loader, Text } from '@mantine/core';
import { type RenderTask, TextLayer } from 'pdfjs-dist';
import { type CSSProperties, memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyHighlights, type TextLayerParts } from './highlight.ts';
import { CSS_UNITS } from './pdfjs.ts';
import { type PageSize, type PdfSession, pageSize } from './pdfSession.ts';
import classes from './pdfViewer.module.css';
import { releaseCanvas, renderToCanvas } from './renderCanvas.ts';
import type { RunRange } from './textSearch.ts';

export interface PageViewProps {
  session: PdfSession;
  page: number;
  pages: number;
  /** Zoom: 1 is 100 %. */
  zoom: number;
  size: PageSize;
  /** Whether the page is near the view: only then is it drawn. */
  near: boolean;
  devicePixelRatio: number;
  observe: (el: Element) => () => void;
  ranges: readonly RunRange[] | undefined;
  /** The current match's index in the document's list (marked apart when it is on this page). */
  selected: number;
  /** Whether the current match is to be brought into view once it is marked. */
  reveal: boolean;
  onRevealed: (mark: HTMLElement | null) => void;
  onSize: (page: number, size: PageSize) => void;
}

/**
 * One page: a box of the page's size at the zoom, drawn (canvas and text layer) only while near
 * the view and let go of when it leaves. A new drawing replaces the old one only when complete,
 * so zooming never flashes an empty page.
 */
export const PageView = memo(function PageView({
  session,
  page,
  pages,
  zoom,
  size,
  near,
  devicePixelRatio,
  observe,
  ranges,
  selected,
  reveal,
  onRevealed,
  onSize,
}: PageViewProps) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const canvasHost = useRef<HTMLDivElement>(null);
  const textHost = useRef<HTMLDivElement>(null);
  const touched = useRef(new Set<number>());
  const [layer, setLayer] = useState<TextLayerParts | null>(null);
  const [drawn, setDrawn] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => observe(root.current as HTMLDivElement), [observe]);

  useEffect(() => {
    if (!near) return;
    let live = true;
    let task: RenderTask | null = null;
    let textLayer: TextLayer | null = null;
    const draw = async () => {
      const pdfPage = await session.page(page);
      if (!live) return;
      onSize(page, pageSize(pdfPage));
      const viewport = pdfPage.getViewport({ scale: zoom * CSS_UNITS });
      const drawing = renderToCanvas(pdfPage, viewport, devicePixelRatio);
      task = drawing.task;
      try {
        await drawing.task.promise;
      } finally {
        if (!live) releaseCanvas(drawing.canvas);
      }
      if (!live) return;
      const host = canvasHost.current as HTMLDivElement;
      for (const old of host.querySelectorAll('canvas')) releaseCanvas(old);
      host.replaceChildren(drawing.canvas);
      setDrawn(true);
      setFailed(false);
      // The text layer is a bonus on a drawn page: if it fails, the page still shows.
      try {
        const { content } = await session.text(page);
        if (!live) return;
        const div = document.createElement('div');
        div.className = 'textLayer';
        textLayer = new TextLayer({ textContentSource: content, container: div, viewport });
        await textLayer.render();
        if (!live) return;
        const end = document.createElement('div');
        end.className = 'endOfContent';
        div.append(end);
        (textHost.current as HTMLDivElement).replaceChildren(div);
        touched.current.clear();
        setLayer({ divs: textLayer.textDivs, strs: textLayer.textContentItemsStr });
      } catch {
        // Keep the drawing; the page just cannot be selected or searched visibly.
      }
    };
    draw().catch(() => {
      if (live) setFailed(true);
    });
    return () => {
      live = false;
      task?.cancel();
      textLayer?.cancel();
    };
  }, [near, zoom, devicePixelRatio, session, page, onSize]);

  // Far from the view: the pixels go (a canvas of a page can take tens of megabytes), and so do
  // pdf.js's drawing instructions and decoded images for the page, once it has been drawn.
  useEffect(() => {
    if (near || !drawn) return;
    const host = canvasHost.current as HTMLDivElement;
    for (const old of host.querySelectorAll('canvas')) releaseCanvas(old);
    host.replaceChildren();
    textHost.current?.replaceChildren();
    touched.current.clear();
    setLayer(null);
    setDrawn(false);
    // pdf.js waits for any drawing of the page still under way (its thumbnail) before cleaning up.
    void session.page(page).then((pdfPage) => pdfPage.cleanup());
  }, [near, drawn, session, page]);

  useEffect(() => {
    const host = canvasHost.current as HTMLDivElement;
    return () => {
      for (const old of host.querySelectorAll('canvas')) releaseCanvas(old);
    };
  }, []);

  useEffect(() => {
    if (!layer) return;
    const mark = applyHighlights(layer, ranges ?? [], selected, touched.current);
    if (reveal) onRevealed(mark);
  }, [layer, ranges, selected, reveal, onRevealed]);

  const width = Math.floor(size.width * zoom * CSS_UNITS);
  const height = Math.floor(size.height * zoom * CSS_UNITS);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls; this is a page of the document
    <div
      ref={root}
      className={classes.page}
      data-page={page}
      role="group"
      aria-label={t('pdfViewer.pageOf', { page, pages })}
      style={
        {
          width,
          height,
          '--scale-factor': zoom * CSS_UNITS,
          '--user-unit': size.userUnit,
        } as CSSProperties
      }
    >
      <div ref={canvasHost} className={classes.canvasHost} />
      <div ref={textHost} className={classes.textHost} />
      {near && !drawn && !failed && (
        <Center className={classes.pageProblem}>
          <Loader size="sm" aria-hidden />
        </Center>
      )}
      {failed && (
        <div className={classes.pageProblem}>
          <Text size="sm">{t('pdfViewer.pageFailed')}</Text>
        </div>
      )}
    </div>
  );
});
