import { useCallback, useRef, useState } from 'react';
import {
  useMutation,
  type DefaultError,
  type MutateOptions,
  type UseMutationOptions,
  type UseMutationResult,
} from '@tanstack/react-query';

/** A mutation's state with `isPending` that also covers the moment between the click and the first re-render. */
export type GuardedMutation<TData, TError, TVariables, TContext> =
  UseMutationResult<TData, TError, TVariables, TContext> extends infer R
    ? R extends unknown
      ? Omit<R, 'isPending'> & { isPending: boolean }
      : never
    : never;

/**
 * `useMutation` for a form's submit or an action button: one call at a time. React Query tells the component that
 * a mutation started only on its next tick, so a second click can land before the button re-renders as disabled and
 * send the same thing twice. Here `isPending` turns true in the same event that started the call (disable the button
 * with it), and a call made while one is running is not sent: `mutate` ignores it and `mutateAsync` returns the
 * promise of the one already running.
 */
export function useGuardedMutation<TData = unknown, TError = DefaultError, TVariables = void, TContext = unknown>(
  options: UseMutationOptions<TData, TError, TVariables, TContext>,
): GuardedMutation<TData, TError, TVariables, TContext> {
  const mutation = useMutation(options);
  const running = useRef<Promise<TData> | null>(null);
  const [busy, setBusy] = useState(false);
  const { mutateAsync: send } = mutation;

  const mutateAsync = useCallback(
    (variables: TVariables, callOptions?: MutateOptions<TData, TError, TVariables, TContext>): Promise<TData> => {
      if (running.current) return running.current;
      setBusy(true);
      const call = send(variables, callOptions).finally(() => {
        running.current = null;
        setBusy(false);
      });
      running.current = call;
      return call;
    },
    [send],
  );
  const mutate = useCallback(
    (variables: TVariables, callOptions?: MutateOptions<TData, TError, TVariables, TContext>): void => {
      // The error is kept in the mutation's state for the form to show, as with useMutation's own `mutate`.
      mutateAsync(variables, callOptions).catch(() => {});
    },
    [mutateAsync],
  );

  return {
    ...mutation,
    mutate,
    mutateAsync,
    isPending: busy || mutation.isPending,
  } as GuardedMutation<TData, TError, TVariables, TContext>;
}
