import type { Me } from '@council/shared';
import { type Actor, can } from '@council/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client.ts';

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

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.login,
    onSuccess: ({ user }) => client.setQueryData(ME_KEY, user),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.logout,
    onSettled: () => {
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  });
}

export const actorOf = (me: Me): Actor => ({ id: me.id, role: me.role, groups: me.groups });

/** The policy table, asked with the signed-in person. */
export function useCan() {
  const { data: me } = useMe();
  return (...[action, resource]: Parameters<typeof can> extends [unknown, ...infer Rest] ? Rest : never) =>
    me ? can(actorOf(me), action, resource) : false;
}
