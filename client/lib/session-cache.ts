import type { QueryClient } from '@tanstack/react-query';
import { hashKey } from '@tanstack/react-query';
import type { UserDto } from '#shared/schemas/auth.schema';
import { trpc } from '#client/trpc';

/**
 * When the person at this device changes (login, signup, demo, logout), drop every cached answer of the previous
 * one, and every finished call they made (whose inputs may hold a password, a file or an export). The `me` entry is
 * updated in place rather than removed, so components already showing it re-render.
 */
export function replaceSessionUser(
  queryClient: QueryClient,
  user: UserDto | null,
  { announce = true }: { announce?: boolean } = {},
) {
  const meKey = trpc.auth.me.queryKey();
  const meHash = hashKey(meKey);
  queryClient.removeQueries({ predicate: (query) => query.queryHash !== meHash });
  const calls = queryClient.getMutationCache();
  // A call still running (the login that got us here) is left to finish; it goes with the next change of person.
  for (const call of calls.getAll()) if (call.state.status !== 'pending') calls.remove(call);
  queryClient.setQueryData(meKey, user);
  // The cookie is the browser's, shared by every tab: the others must know the person changed (see below).
  if (announce) sessionChannel()?.postMessage({ userId: user?.id ?? null } satisfies SessionChange);
}

/** The channel every tab of this app listens on for a change of person. */
export const SESSION_CHANNEL = 'tandem.session';

interface SessionChange {
  userId: string | null;
}

let channel: BroadcastChannel | null | undefined;
/** One channel per tab, between this app's tabs of this origin; none where the browser has no BroadcastChannel. */
function sessionChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(SESSION_CHANNEL);
    // Node (the unit tests) has one too, which would keep its process alive; browsers have no `unref`.
    (channel as { unref?: () => void } | null)?.unref?.();
  }
  return channel;
}

/**
 * Calls `changed` when another tab of this browser signs someone in or out, with who is signed in now. A tab left
 * open on one person's pages would otherwise go on showing them, and send what is typed there, with the next person's
 * cookie.
 */
export function onSessionChangedElsewhere(changed: (userId: string | null) => void): void {
  sessionChannel()?.addEventListener('message', (event: MessageEvent<SessionChange>) => {
    const userId = event.data?.userId;
    if (typeof userId === 'string' || userId === null) changed(userId);
  });
}
