import { UnstyledButton } from '@mantine/core';
import type { RenderTask } from 'pdfjs-dist';
import { type KeyboardEvent, memo, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageSize, PdfSession } from './pdfSession.ts';
import classes from './pdfViewer.module.css';
import { releaseCanvas, renderToCanvas } from './renderCanvas.ts';
import { useNearby } from './useNearby.ts';

/** A thumbnail's width in CSS pixels; its height follows the page. */
const THUMB_WIDTH = 96;

interface ThumbnailsProps {
  id: string;
  session: PdfSession;
  current: number;
  sizeOf: (page: number) => PageSize;
  devicePixelRatio: number;
  onSelect: (page: number) => void;
}

/**
 * The strip of small pages beside the document, one button per page. Like the pages, a
 * thumbnail is drawn only while near the strip's view.
 *
 * The strip is a single stop for Tab (the current page's thumbnail), and the arrow keys, Home and
 * End move between thumbnails within it: three hundred pages must not mean three hundred tabs
 * before the document itself.
 */
export function Thumbnails({ id, session, current, sizeOf, devicePixelRatio, onSelect }: ThumbnailsProps) {
  const { t } = useTranslation();
  const strip = useRef<HTMLElement>(null);
  const { nearby, observe } = useNearby(strip, '50% 0px');
  const pages = session.numPages;
  const [focusable, setFocusable] = useState(current);

  /** Scrolls the strip, and only the strip (never the page around it), to show a thumbnail. */
  const bringIntoView = useCallback((page: number) => {
    const box = strip.current;
    const thumb = box?.querySelector<HTMLElement>(`[data-page="${page}"]`);
    if (!box || !thumb) return null;
    const top = thumb.offsetTop;
    if (top < box.scrollTop || top + thumb.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = top - (box.clientHeight - thumb.offsetHeight) / 2;
    }
    return thumb;
  }, []);

  // Follows the reader through the document, unless they are moving through the strip themselves.
  useEffect(() => {
    if (strip.current?.contains(document.activeElement)) return;
    setFocusable(current);
    bringIntoView(current);
  }, [current, bringIntoView]);

  const onKey = useCallback(
    (page: number, e: KeyboardEvent<HTMLButtonElement>) => {
      const targets: Record<string, number> = {
        ArrowDown: page + 1,
        ArrowRight: page + 1,
        ArrowUp: page - 1,
        ArrowLeft: page - 1,
        Home: 1,
        End: pages,
      };
      const target = targets[e.key];
      if (target === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      const next = Math.min(pages, Math.max(1, target));
      setFocusable(next);
      bringIntoView(next)?.focus({ preventScroll: true });
    },
    [pages, bringIntoView],
  );

  const select = useCallback(
    (page: number) => {
      setFocusable(page);
      onSelect(page);
    },
    [onSelect],
  );

  return (
    <nav id={id} ref={strip} className={classes.thumbnails} aria-label={t('pdfViewer.thumbnails')}>
      <ol className={classes.thumbList}>
        {Array.from({ length: pages }, (_, i) => i + 1).map((page) => (
          <li key={page}>
            <Thumbnail
              session={session}
              page={page}
              size={sizeOf(page)}
              near={nearby.has(page)}
              current={page === current}
              focusable={page === focusable}
              devicePixelRatio={devicePixelRatio}
              observe={observe}
              onSelect={select}
              onKey={onKey}
            />
          </li>
        ))}
      </ol>
    </nav>
  );
}

interface ThumbnailProps {
  session: PdfSession;
  page: number;
  size: PageSize;
  near: boolean;
  current: boolean;
  /** Whether Tab stops here: one thumbnail of the strip at a time. */
  focusable: boolean;
  devicePixelRatio: number;
  observe: (el: Element) => () => void;
  onSelect: (page: number) => void;
  onKey: (page: number, e: KeyboardEvent<HTMLButtonElement>) => void;
}

const Thumbnail = memo(function Thumbnail({
  session,
  page,
  size,
  near,
  current,
  focusable,
  devicePixelRatio,
  observe,
  onSelect,
  onKey,
}: ThumbnailProps) {
  const { t } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);
  const host = useRef<HTMLSpanElement>(null);

  useEffect(() => observe(button.current as HTMLButtonElement), [observe]);

  useEffect(() => {
    const box = host.current as HTMLSpanElement;
    const clear = () => {
      for (const old of box.querySelectorAll('canvas')) releaseCanvas(old);
      box.replaceChildren();
    };
    if (!near) {
      clear();
      return;
    }
    let live = true;
    let task: RenderTask | null = null;
    session
      .page(page)
      .then(async (pdfPage) => {
        if (!live) return;
        const unscaled = pdfPage.getViewport({ scale: 1 });
        const viewport = pdfPage.getViewport({ scale: THUMB_WIDTH / unscaled.width });
        const drawing = renderToCanvas(pdfPage, viewport, devicePixelRatio);
        task = drawing.task;
        await drawing.task.promise;
        if (live) {
          clear();
          box.append(drawing.canvas);
        } else releaseCanvas(drawing.canvas);
      })
      // A thumbnail that cannot be drawn stays a blank page with its number: the page itself says why.
      .catch(() => {});
    return () => {
      live = false;
      task?.cancel();
    };
  }, [near, session, page, devicePixelRatio]);

  useEffect(() => {
    const box = host.current as HTMLSpanElement;
    return () => {
      for (const old of box.querySelectorAll('canvas')) releaseCanvas(old);
    };
  }, []);

  return (
    <UnstyledButton
      ref={button}
      className={classes.thumb}
      data-page={page}
      aria-label={t('pdfViewer.thumbnail', { page })}
      aria-current={current ? 'page' : undefined}
      tabIndex={focusable ? 0 : -1}
      onClick={() => onSelect(page)}
      onKeyDown={(e) => onKey(page, e)}
    >
      <span
        ref={host}
        className={classes.thumbPage}
        style={{ width: THUMB_WIDTH, height: Math.round((THUMB_WIDTH * size.height) / size.width) }}
      />
      <span>{page}</span>
    </UnstyledButton>
  );
});
