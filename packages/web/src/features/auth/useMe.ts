import type { LoginResponse, Me } from '@council/shared';
import { type Actor, can } from '@council/shared';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { clearOfflineCaches } from '../collab/offlineCache.ts';

export const ME_KEY = ['me'] as const;

/** The signed-in person, or null when nobody is signed in. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async () => (await api.session()).user,
    staleTime: 60_000,
  });
}

/** Failed sign-ins to one's account since the last successful one, as the server said at sign-in. */
export const FAILED_SIGN_INS_KEY = ['failedSignIns'] as const;

/** A session has started (after the password, or after its second step): the app is the person's now. */
export function signedIn(client: QueryClient, { user, failedSignIns }: LoginResponse): void {
  client.setQueryData(ME_KEY, user);
  // Said once, on the first page after signing in (Layout).
  client.setQueryData(FAILED_SIGN_INS_KEY, failedSignIns);
  // One person's offline copies on a browser at a time: someone else's go now.
  void clearOfflineCaches(user.id);
}

/** Signs in with a password; the answer may instead ask for a second step (two-factor sign-in). */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.login,
    onSuccess: (answer) => {
      if ('token' in answer) signedIn(client, answer);
    },
  });
}

/** Tabs of this browser tell each other when one of them signs out. */
const SESSION_CHANNEL = 'council-session';
const SIGNED_OUT = 'signed-out';
/** Set when this tab learns it was signed out elsewhere: the sign-in page says so. */
export const SIGNED_OUT_KEY = ['signedOutElsewhere'] as const;

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.logout,
    onSettled: async () => {
      client.clear();
      client.setQueryData(ME_KEY, null);
      const channel = new BroadcastChannel(SESSION_CHANNEL);
      channel.postMessage(SIGNED_OUT);
      channel.close();
      await clearOfflineCaches();
    },
  });
}

/**
 * This tab's session ended somewhere else (another tab signed out, the server ended it): forget
 * everything, which unmounts every page and closes its live documents, and say so at sign-in.
 */
export function signedOutElsewhere(client: QueryClient): void {
  if (client.getQueryData(ME_KEY) === null) return;
  // Nobody first (every page unmounts and the sign-in page shows), then forget the rest.
  client.setQueryData(SIGNED_OUT_KEY, true);
  client.setQueryData(ME_KEY, null);
  const kept: unknown[] = [ME_KEY[0], SIGNED_OUT_KEY[0]];
  client.removeQueries({ predicate: (query) => !kept.includes(query.queryKey[0]) });
}

/**
 * Learns that this tab is signed out however it happens: another tab of this browser signed out, or
 * the server answers a request with 401 (the session was ended from another browser, by a password
 * change or a deactivation). Either way the page says so, instead of "Sign in first" as an error.
 */
export function useSignedOutElsewhere(): void {
  const client = useQueryClient();
  useEffect(() => {
    const channel = new BroadcastChannel(SESSION_CHANNEL);
    channel.onmessage = (event) => {
      if (event.data === SIGNED_OUT) signedOutElsewhere(client);
    };
    const refused = (error: unknown) => error instanceof ApiError && error.status === 401;
    const unsubscribeQueries = client.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && refused(event.action.error)) {
        signedOutElsewhere(client);
      }
    });
    const unsubscribeMutations = client.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && refused(event.action.error)) {
        signedOutElsewhere(client);
      }
    });
    return () => {
      channel.close();
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [client]);
}

/**
 * When the signed-in person's role or groups change (the server says so on their live documents),
 * everything else they see may differ: refetch it. This runs after the render with the new rights,
 * so what they may no longer see has unmounted and is not asked for (it would answer 403).
 */
export function useRefetchWhenRightsChange(me: Me | null | undefined) {
  const queryClient = useQueryClient();
  const rights = me ? JSON.stringify([me.role, me.groups]) : null;
  const previous = useRef(rights);
  useEffect(() => {
    if (previous.current && rights && previous.current !== rights) {
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    }
    previous.current = rights;
  }, [rights, queryClient]);
}

export const actorOf = (me: Me): Actor => ({ id: me.id, role: me.role, groups: me.groups });

/** The policy table, asked with the signed-in person. */
export function useCan() {
  const { data: me } = useMe();
  return (...[action, resource]: Parameters<typeof can> extends [unknown, ...infer Rest] ? Rest : never) =>
    me ? can(actorOf(me), action, resource) : false;
}
