import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { FAILED_SIGN_INS_KEY, ME_KEY, SIGNED_OUT_KEY, signedOutElsewhere } from '../auth/useMe.ts';

/** Several changes close together are one refetch. */
const SETTLE_MS = 150;
/** Who is signed in changes only with a session, and these hold what this tab was told, not the server's lists. */
const NOT_LISTS: unknown[] = [ME_KEY[0], FAILED_SIGN_INS_KEY[0], SIGNED_OUT_KEY[0]];

/**
 * Keeps the lists on screen current: the server's change feed (`GET /api/events`) says when
 * something changed, and every list that is showing is fetched again (only those: react-query
 * refetches active queries). The feed carries no content; what is shown still comes from the
 * person's own routes. When the feed is refused, the session has ended elsewhere (signed out in
 * another browser, password changed, deactivated): the page says so instead of going on.
 */
export function useChangeFeed(enabled: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/events');
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener('changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void client.invalidateQueries({ predicate: (query) => !NOT_LISTS.includes(query.queryKey[0]) });
      }, SETTLE_MS);
    });
    source.onerror = () => {
      // The browser retries a dropped stream by itself; it gives up only when refused (401).
      if (source.readyState !== EventSource.CLOSED) return;
      api.me().catch((error) => {
        if (error instanceof ApiError && error.status === 401) signedOutElsewhere(client);
      });
    };
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [enabled, client]);
}
