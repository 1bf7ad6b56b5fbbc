import { useQuery } from '@tanstack/react-query';
import { trpc } from '#client/trpc';

/**
 * Whether someone is signed in at this device right now. Queries of the settings and the dashboard wait on it (the
 * reminders, email status, kept answers): once the person signs out, everywhere or by deleting their account, the
 * cache is emptied while the page is still on screen, and they must not ask again only to be refused.
 */
export function useSignedIn(): boolean {
  return Boolean(useQuery(trpc.auth.me.queryOptions()).data);
}
