import { Group, VisuallyHidden } from '@mantine/core';
import { type KeyboardEvent, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNarrow } from '../../site/useNarrow.ts';
import { PageView } from './PageView.tsx';
import { CSS_UNITS } from './pdfjs.ts';
import type { PageSize, PdfSession } from './pdfSession.ts';
import classes from './pdfViewer.module.css';
import { Thumbnails } from './Thumbnails.tsx';
import { PageNav, SearchControls, ThumbnailsToggle, ZoomControls } from './Toolbar.tsx';
import type { Match } from './textSearch.ts';
import { useDocumentSearch } from './useDocumentSearch.ts';
import { useDevicePixelRatio, useNearby } from './useNearby.ts';
import { fitWidth, type Zoom, zoomIn, zoomOut } from './zoom.ts';

/** The padding around the pages and the gap between them (px), as in pdfViewer.module.css. */
const PADDING = 12;
const GAP = 12;
/** How long typing must pause before the search runs (Enter runs it at once). */
const SEARCH_DELAY_MS = 400;

/** Where the reader is: a page, how far down it (a fraction of its height), and the horizontal centre. */
interface Anchor {
  page: number;
  within: number;
  x: number;
}

interface DocumentViewProps {
  session: PdfSession;
  title: string;
  initialPage?: number;
  initialQuery?: string;
}

/** A loaded document: the toolbar, the thumbnail strip and the pages, and the keys that move through them. */
export function DocumentView({ session, title, initialPage, initialQuery }: DocumentViewProps) {
  const { t } = useTranslation();
  const pages = session.numPages;
  const clampPage = useCallback((n: number) => Math.min(pages, Math.max(1, Math.round(n) || 1)), [pages]);
  const startPage = clampPage(initialPage ?? 1);
  const thumbsId = useId();
  const helpId = useId();

  const pane = useRef<HTMLElement>(null);
  const viewer = useRef<HTMLDivElement>(null);
  const pagesBox = useRef<HTMLDivElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const [current, setCurrent] = useState(startPage);
  const currentRef = useRef(startPage);
  const anchor = useRef<Anchor>({ page: startPage, within: 0, x: 0.5 });
  // Where we last put the pane ourselves. While it stays there, the current page is the one we
  // went to, even when the last pages are too short to reach the top of the view.
  const placedAt = useRef<number | null>(null);
  const frame = useRef(0);

  const [zoom, setZoom] = useState<Zoom>({ kind: 'fit' });
  const [paneWidth, setPaneWidth] = useState(0);
  const [sizes, setSizes] = useState<ReadonlyMap<number, PageSize>>(() => new Map());
  // On a phone the strip would leave too little room for the page: there it starts folded away.
  const narrow = useNarrow();
  const [thumbsOpen, setThumbsOpen] = useState(!narrow);
  const devicePixelRatio = useDevicePixelRatio();
  const { nearby, observe } = useNearby(pane, '100% 0px');
  const nearbyRef = useRef(nearby);
  nearbyRef.current = nearby;

  const search = useDocumentSearch(session);
  const [query, setQuery] = useState(initialQuery ?? '');
  const lastSearched = useRef<string | null>(null);
  const searchAtOnce = useRef(Boolean(initialQuery?.trim()));
  const [reveal, setReveal] = useState<number | null>(null);

  const fitZoom = fitWidth(paneWidth - 2 * PADDING, session.firstSize.width * CSS_UNITS);
  const scale = zoom.kind === 'fit' ? fitZoom : zoom.value;
  const sizeOf = useCallback((page: number) => sizes.get(page) ?? session.firstSize, [sizes, session]);

  const pageEl = useCallback((page: number) => pagesBox.current?.children[page - 1] as HTMLElement | undefined, []);

  const showPage = useCallback((page: number) => {
    currentRef.current = page;
    setCurrent(page);
  }, []);

  /** Puts the pane where `to` says and remembers that we did. */
  const placeAt = useCallback(
    (to: Anchor) => {
      const box = pane.current;
      const el = pageEl(to.page);
      anchor.current = to;
      if (!box || !el) return;
      const top = el.offsetTop + to.within * el.offsetHeight;
      // Writing the same position again would stop a touch scroll's momentum for nothing.
      if (Math.abs(box.scrollTop - top) >= 1) box.scrollTop = top;
      const left = to.x * box.scrollWidth - box.clientWidth / 2;
      if (Math.abs(box.scrollLeft - left) >= 1) box.scrollLeft = left;
      placedAt.current = box.scrollTop;
    },
    [pageEl],
  );

  const goToPage = useCallback(
    (wanted: number) => {
      const page = clampPage(wanted);
      showPage(page);
      const el = pageEl(page);
      // Half the gap above the page, so that its top edge shows.
      placeAt({ page, within: el ? -GAP / 2 / el.offsetHeight : 0, x: anchor.current.x });
    },
    [clampPage, showPage, pageEl, placeAt],
  );

  // The pane's width, for fitting the page to it; measured before the first paint.
  useLayoutEffect(() => {
    const box = pane.current as HTMLElement;
    setPaneWidth(box.clientWidth);
    const observer = new ResizeObserver(() => setPaneWidth(box.clientWidth));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  // After a zoom, or a page turning out to have another size than assumed, the reader stays where they were.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs because the layout changed
  useLayoutEffect(() => placeAt(anchor.current), [scale, sizes, placeAt]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const onScroll = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const box = pane.current;
      const list = pagesBox.current;
      if (!box || !list) return;
      if (placedAt.current === null || Math.abs(box.scrollTop - placedAt.current) > 1) {
        placedAt.current = null;
        const page = pageAt(list, box.scrollTop + box.clientHeight / 3);
        if (page !== currentRef.current) showPage(page);
      }
      const el = pageEl(currentRef.current);
      if (el) {
        anchor.current = {
          page: currentRef.current,
          within: (box.scrollTop - el.offsetTop) / el.offsetHeight,
          x: (box.scrollLeft + box.clientWidth / 2) / box.scrollWidth,
        };
      }
    });
  };

  const onSize = useCallback(
    (page: number, size: PageSize) =>
      setSizes((before) => {
        const known = before.get(page) ?? session.firstSize;
        if (known.width === size.width && known.height === size.height && known.userUnit === size.userUnit) {
          return before;
        }
        return new Map(before).set(page, size);
      }),
    [session],
  );

  const setFixedZoom = useCallback((value: number) => setZoom({ kind: 'fixed', value }), []);

  // Searching ----------------------------------------------------------------------------------

  const { run: runSearch, select: selectInSearch, clear: clearSearch } = search;

  const selectMatch = useCallback(
    (index: number, matches: readonly Match[]) => {
      const match = matches[index];
      if (!match) return;
      selectInSearch(index);
      // A page already near the view is drawn or being drawn: the match is brought into view
      // directly. A page far away is gone to first, so that it is drawn.
      if (nearbyRef.current.has(match.page)) showPage(match.page);
      else goToPage(match.page);
      setReveal(index);
    },
    [selectInSearch, showPage, goToPage],
  );

  const searchNow = useCallback(
    async (text: string) => {
      lastSearched.current = text;
      const found = await runSearch(text, currentRef.current);
      if (found) selectMatch(found.current, found.matches);
    },
    [runSearch, selectMatch],
  );

  useEffect(() => {
    if (query === lastSearched.current) return;
    if (query.trim() === '') {
      lastSearched.current = query;
      clearSearch();
      return;
    }
    // The query the viewer was opened with runs at once; typing waits for a pause.
    const timer = setTimeout(
      () => {
        searchAtOnce.current = false;
        void searchNow(query);
      },
      searchAtOnce.current ? 0 : SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [query, searchNow, clearSearch]);

  const step = (by: 1 | -1) => {
    const { matches, current: at } = search.state;
    if (matches.length === 0) return;
    selectMatch((at + by + matches.length) % matches.length, matches);
  };

  const onSubmit = (backwards: boolean) => {
    if (query !== lastSearched.current) void searchNow(query);
    else step(backwards ? -1 : 1);
  };

  const onRevealed = useCallback((mark: HTMLElement | null) => {
    setReveal(null);
    const box = pane.current;
    if (!box || !mark) return;
    const m = mark.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    box.scrollTop += m.top - b.top - (box.clientHeight - m.height) / 2;
    if (m.left < b.left || m.right > b.left + box.clientWidth) {
      box.scrollLeft += m.left - b.left - (box.clientWidth - m.width) / 2;
    }
    placedAt.current = box.scrollTop;
  }, []);

  // Keys ---------------------------------------------------------------------------------------

  const onPaneKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    // Browser and system shortcuts (Ctrl/Cmd with + zooms the whole page) are left alone.
    if (e.altKey || e.metaKey || (e.ctrlKey && e.key !== 'Home' && e.key !== 'End')) return;
    const box = pane.current;
    // Zoomed in, the arrows move over the page first, as in any document viewer: a page wider than
    // the view pans sideways, one taller than it scrolls; only then do they turn pages.
    const step = (axis: 'x' | 'y', by: number) => {
      if (!box) return false;
      const [size, view, at] =
        axis === 'x'
          ? [box.scrollWidth, box.clientWidth, box.scrollLeft]
          : [box.scrollHeight, box.clientHeight, box.scrollTop];
      const room = by > 0 ? size - view - at : at;
      if (room < 1) return false;
      box.scrollBy(axis === 'x' ? { left: by } : { top: by });
      return true;
    };
    const pageTallerThanView = () => {
      const page = box?.querySelector<HTMLElement>(`[data-page="${currentRef.current}"]`);
      return Boolean(box && page && page.offsetHeight > box.clientHeight);
    };
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowLeft': {
        const forward = e.key === 'ArrowRight';
        if (!(box && box.scrollWidth > box.clientWidth + 1 && step('x', forward ? 80 : -80)))
          goToPage(currentRef.current + (forward ? 1 : -1));
        break;
      }
      case 'ArrowDown':
      case 'ArrowUp': {
        const forward = e.key === 'ArrowDown';
        if (!(pageTallerThanView() && step('y', (forward ? 0.15 : -0.15) * (box?.clientHeight ?? 0))))
          goToPage(currentRef.current + (forward ? 1 : -1));
        break;
      }
      case 'PageDown':
        goToPage(currentRef.current + 1);
        break;
      case 'PageUp':
        goToPage(currentRef.current - 1);
        break;
      case 'Home':
        goToPage(1);
        break;
      case 'End':
        goToPage(pages);
        break;
      case '+':
      case '=':
        setFixedZoom(zoomIn(scale));
        break;
      case '-':
      case '_':
        setFixedZoom(zoomOut(scale));
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  // Ctrl/Cmd+F anywhere in the viewer goes to its search; elsewhere on the page the browser's own
  // find stays. Listened to on the viewer's box, which holds the focus's whole way through it.
  useEffect(() => {
    const box = viewer.current as HTMLDivElement;
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchInput.current?.focus();
        searchInput.current?.select();
      }
    };
    box.addEventListener('keydown', onKeyDown);
    return () => box.removeEventListener('keydown', onKeyDown);
  }, []);

  // pdf.js's selection aid: while the pointer is down in a text layer, its end marker covers the
  // page, so that dragging past the last line does not select the rest of the document.
  useEffect(() => {
    const up = () => {
      for (const el of pane.current?.querySelectorAll('.textLayer.selecting') ?? []) el.classList.remove('selecting');
    };
    document.addEventListener('pointerup', up);
    return () => document.removeEventListener('pointerup', up);
  }, []);

  const { matches, ranges, current: currentMatch } = search.state;
  const selectedPage = matches[currentMatch]?.page;
  const revealPage = reveal === null ? undefined : matches[reveal]?.page;

  return (
    <div ref={viewer} className={classes.viewer}>
      <Group className={classes.toolbar} gap="md">
        <Group gap="xs" wrap="nowrap">
          <ThumbnailsToggle open={thumbsOpen} controls={thumbsId} onToggle={() => setThumbsOpen((open) => !open)} />
          <PageNav page={current} pages={pages} onPage={goToPage} />
        </Group>
        <ZoomControls
          zoom={scale}
          fitting={zoom.kind === 'fit'}
          onZoomIn={() => setFixedZoom(zoomIn(scale))}
          onZoomOut={() => setFixedZoom(zoomOut(scale))}
          onFit={() => setZoom({ kind: 'fit' })}
        />
        <SearchControls
          inputRef={searchInput}
          query={query}
          search={search.state}
          onQuery={setQuery}
          onSubmit={onSubmit}
          onStep={step}
          onLeave={() => pane.current?.focus()}
        />
      </Group>
      <div className={classes.body}>
        {thumbsOpen && (
          <Thumbnails
            id={thumbsId}
            session={session}
            current={current}
            sizeOf={sizeOf}
            devicePixelRatio={devicePixelRatio}
            onSelect={goToPage}
          />
        )}
        <section
          ref={pane}
          className={classes.pane}
          aria-label={t('pdfViewer.pagesOf', { title })}
          aria-describedby={helpId}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the pages scroll, so the keyboard must reach them (WCAG 2.1.1)
          tabIndex={0}
          onScroll={onScroll}
          onKeyDown={onPaneKeyDown}
          onPointerDown={(e) => (e.target as Element).closest('.textLayer')?.classList.add('selecting')}
        >
          <div ref={pagesBox} className={classes.pages}>
            {Array.from({ length: pages }, (_, i) => i + 1).map((page) => (
              <PageView
                key={page}
                session={session}
                page={page}
                pages={pages}
                zoom={scale}
                size={sizeOf(page)}
                near={nearby.has(page)}
                devicePixelRatio={devicePixelRatio}
                observe={observe}
                ranges={ranges.get(page)}
                selected={selectedPage === page ? currentMatch : -1}
                reveal={revealPage === page}
                onRevealed={onRevealed}
                onSize={onSize}
              />
            ))}
          </div>
        </section>
      </div>
      <VisuallyHidden id={helpId}>{t('pdfViewer.keyboardHelp')}</VisuallyHidden>
    </div>
  );
}

/** The page whose box holds the line `y` down the pane: the last one starting at or above it. */
function pageAt(list: HTMLElement, y: number): number {
  const items = list.children;
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((items[mid] as HTMLElement).offsetTop <= y) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
