import type { QueryClient } from '@tanstack/react-query';
import { hashKey } from '@tanstack/react-query';
import type { UserDto } from '#shared/schemas/auth.schema';
import { trpc } from '#client/trpc';

/**
 * When the person at this device changes (login, signup, demo, logout), drop every cached answer of the previous
 * one, and every finished call they made (whose inputs may hold a password, a file or an export). The `me` entry is
 * updated in place rather than removed, so components already showing it re-render.
 */
export function replaceSessionUser(queryClient: QueryClient, user: UserDto | null) {
  const meKey = trpc.auth.me.queryKey();
  const meHash = hashKey(meKey);
  queryClient.removeQueries({ predicate: (query) => query.queryHash !== meHash });
  const calls = queryClient.getMutationCache();
  // A call still running (the login that got us here) is left to finish; it goes with the next change of person.
  for (const call of calls.getAll()) if (call.state.status !== 'pending') calls.remove(call);
  queryClient.setQueryData(meKey, user);
}
