import type { Me } from '@council/shared';
import { type Actor, can } from '@council/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { clearOfflineCaches } from '../collab/offlineCache.ts';

export const ME_KEY = ['me'] as const;

/** The signed-in person, or null when nobody is signed in. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api.me();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Failed sign-ins to one's account since the last successful one, as the server said at sign-in. */
export const FAILED_SIGN_INS_KEY = ['failedSignIns'] as const;

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.login,
    onSuccess: ({ user, failedSignIns }) => {
      client.setQueryData(ME_KEY, user);
      // Said once, on the first page after signing in (Layout).
      client.setQueryData(FAILED_SIGN_INS_KEY, failedSignIns);
      // One person's offline copies on a browser at a time: someone else's go now.
      void clearOfflineCaches(user.id);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.logout,
    onSettled: async () => {
      client.clear();
      client.setQueryData(ME_KEY, null);
      await clearOfflineCaches();
    },
  });
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
