import { useQuery } from '@tanstack/react-query';
import { trpc } from '#client/trpc';

/**
 * Whether someone is signed in at this device right now. Reminder queries wait on it: once the person signs out (or
 * deletes their account) the cache is emptied while this page is still on screen, and they must not ask again.
 */
export function useSignedIn(): boolean {
  return Boolean(useQuery(trpc.auth.me.queryOptions()).data);
}
