import { type UseMutationOptions, useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { randomId } from '../randomId.ts';

/**
 * A mutation that creates something, safe from double submits. A second submit while one is on its
 * way is ignored at once (before React has drawn the button as busy, which is why a double click made
 * two meetings), and every request of one attempt carries the same Idempotency-Key, so that a repeat
 * reaching the server anyway, or a retry after a lost answer, returns the first result instead of a
 * second thing. After a success the next attempt gets a new key.
 */
export function useCreate<TData>(
  create: (idempotencyKey: string) => Promise<TData>,
  options: Omit<UseMutationOptions<TData, Error, void>, 'mutationFn'> = {},
) {
  const key = useRef(randomId(16));
  const inFlight = useRef(false);
  const mutation = useMutation<TData, Error, void>({
    ...options,
    mutationFn: async () => {
      try {
        return await create(key.current);
      } finally {
        inFlight.current = false;
      }
    },
    onSuccess: (...args) => {
      key.current = randomId(16);
      return options.onSuccess?.(...args);
    },
  });
  return {
    ...mutation,
    /** Sends the attempt, unless one is on its way. */
    submit: () => {
      if (inFlight.current) return;
      inFlight.current = true;
      mutation.mutate();
    },
  };
}
