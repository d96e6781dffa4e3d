import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

/**
 * Which of the observed elements (each with `data-page`) are within `margin` of the scrolling
 * `root`'s view: only those pages are drawn, so that a paper of 300 pages draws a handful at a
 * time. `observe` is stable and given to each page, which registers its element.
 */
export function useNearby(
  root: RefObject<HTMLElement | null>,
  margin: string,
): { nearby: ReadonlySet<number>; observe: (el: Element) => () => void } {
  const [nearby, setNearby] = useState<ReadonlySet<number>>(() => new Set());
  const observer = useRef<IntersectionObserver | null>(null);
  const elements = useRef(new Set<Element>());

  useEffect(() => {
    const io = new IntersectionObserver(
      (entries) =>
        setNearby((before) => {
          const next = new Set(before);
          for (const entry of entries) {
            const page = Number((entry.target as HTMLElement).dataset.page);
            if (entry.isIntersecting) next.add(page);
            else next.delete(page);
          }
          return next;
        }),
      { root: root.current, rootMargin: margin },
    );
    observer.current = io;
    for (const el of elements.current) io.observe(el);
    return () => {
      io.disconnect();
      observer.current = null;
    };
  }, [root, margin]);

  const observe = useCallback((el: Element) => {
    // Children's effects run before their parent's: a page may register before the observer
    // exists, and a new observer (after StrictMode's second run) must see every page again.
    elements.current.add(el);
    observer.current?.observe(el);
    return () => {
      elements.current.delete(el);
      observer.current?.unobserve(el);
    };
  }, []);

  return { nearby, observe };
}

/**
 * The screen's device pixels per CSS pixel, followed as it changes (browser zoom, a window moved
 * to another screen), so that pages are drawn again sharp.
 */
export function useDevicePixelRatio(): number {
  const [ratio, setRatio] = useState(() => window.devicePixelRatio || 1);
  useEffect(() => {
    const query = window.matchMedia(`(resolution: ${ratio}dppx)`);
    const changed = () => setRatio(window.devicePixelRatio || 1);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, [ratio]);
  return ratio;
}
