import type { MutationFunction, UseMutationOptions } from '@tanstack/react-query';
import { httpStatusOf } from '#client/lib/errors';

/**
 * A delete that finds nothing to delete has what it asked for. It happens on a retry after an answer lost on a bad
 * connection: the first try went through, and the second hears 404. The delete is then reported done, and the lists
 * it touches are refreshed as after any delete. Only the caller's own items are offered for deleting, and an ended
 * access is refused with 403, so a 404 here never hides a refusal.
 */
export function goneAlreadyIsDone<TError, TVariables, TContext>(
  options: UseMutationOptions<{ ok: true }, TError, TVariables, TContext>,
): UseMutationOptions<{ ok: true }, TError, TVariables, TContext> {
  const send = options.mutationFn;
  if (!send) return options;
  const sendOnce: MutationFunction<{ ok: true }, TVariables> = async (...args) => {
    try {
      return await send(...args);
    } catch (error) {
      if (httpStatusOf(error) === 404) return { ok: true };
      throw error;
    }
  };
  return { ...options, mutationFn: sendOnce };
}
