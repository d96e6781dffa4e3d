import { useCallback, useRef, useState } from 'react';
import type { PdfSession } from './pdfSession.ts';
import { findInPage, type Match, queryPattern, type RunRange, runRanges } from './textSearch.ts';

export interface SearchState {
  status: 'idle' | 'searching' | 'done';
  query: string;
  matches: readonly Match[];
  /** Per page, the pieces of its text runs to mark. */
  ranges: ReadonlyMap<number, readonly RunRange[]>;
  /** Index of the current match in `matches`, -1 for none. */
  current: number;
  /** False when no page had any text at all (a scan): then there is nothing to search. */
  hasText: boolean;
}

const IDLE: SearchState = { status: 'idle', query: '', matches: [], ranges: new Map(), current: -1, hasText: true };

/** Pages read at once: enough to keep the worker busy, few enough to stay responsive. */
const BATCH = 8;

/**
 * Finds a query on every page. Each page's text is read once per document (the session keeps it);
 * a newer search makes an older one stop where it is.
 */
export function useDocumentSearch(session: PdfSession) {
  const [state, setState] = useState<SearchState>(IDLE);
  const latest = useRef(0);

  /**
   * Searches the whole document and makes current the first match on or after `fromPage`
   * (where the reader is), else the first of all. Resolves to the matches and that one's index,
   * or null when there is none or a newer search took over.
   */
  const run = useCallback(
    async (query: string, fromPage: number): Promise<{ matches: readonly Match[]; current: number } | null> => {
      const token = ++latest.current;
      const pattern = queryPattern(query);
      if (!pattern) {
        setState(IDLE);
        return null;
      }
      setState((before) => ({ ...before, status: 'searching', query }));
      const matches: Match[] = [];
      const ranges = new Map<number, readonly RunRange[]>();
      let hasText = false;
      for (let first = 1; first <= session.numPages; first += BATCH) {
        const batch = [];
        for (let page = first; page < first + BATCH && page <= session.numPages; page++) {
          // A page whose text cannot be read is searched as empty rather than failing the search.
          batch.push(
            session.text(page).then(
              (text) => ({ page, text: text.text }),
              () => null,
            ),
          );
        }
        const read = await Promise.all(batch);
        if (token !== latest.current) return null;
        for (const entry of read) {
          if (!entry) continue;
          hasText ||= entry.text.text.trim().length > 0;
          const found = findInPage(entry.page, entry.text, pattern);
          if (found.length > 0) ranges.set(entry.page, runRanges(entry.text, found, matches.length));
          matches.push(...found);
        }
      }
      const after = matches.findIndex((m) => m.page >= fromPage);
      const current = matches.length === 0 ? -1 : Math.max(after, 0);
      setState({ status: 'done', query, matches, ranges, current, hasText });
      return current >= 0 ? { matches, current } : null;
    },
    [session],
  );

  const select = useCallback((index: number) => setState((before) => ({ ...before, current: index })), []);

  const clear = useCallback(() => {
    latest.current++;
    setState(IDLE);
  }, []);

  return { state, run, select, clear };
}
