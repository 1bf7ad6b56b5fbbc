import { MutationCache, QueryCache, QueryClient, type QueryKey } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '#server/trpc/router';
import { MAX_BATCH_SIZE, UNBATCHED_PROCEDURES } from '#shared/batching';
import { httpStatusOf } from './lib/errors';

/** Called when the server says the session is gone, so the app can send the person to the login page. */
let onSessionLost: () => void = () => {};
export function setSessionLostHandler(handler: () => void) {
  onSessionLost = handler;
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      if (httpStatusOf(error) === 401) onSessionLost();
    },
  }),
  // Every change refreshes what it touched, in one place (lib/refreshes.ts), before the form's own onSuccess runs and
  // before `mutateAsync` resolves: whatever the form shows next is already the new state.
  mutationCache: new MutationCache({
    onSuccess: (_data, _variables, _context, mutation) => refreshAfter(mutation.options.mutationKey),
    onError: (error, _variables, _context, mutation) => {
      // No answer, or a fault of ours: the change may have been made all the same, so what it touches is fetched
      // again (without holding up the error message). A refusal (4xx) changed nothing.
      if ((httpStatusOf(error) ?? 500) >= 500) void refreshAfter(mutation.options.mutationKey);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refused request (4xx) will not succeed by asking again.
      retry: (count, error) => (httpStatusOf(error) ?? 500) >= 500 && count < 2,
    },
  },
});

/**
 * The table of what each change refreshes loads with the first change, not with the login page. This never rejects:
 * the change itself went through (or may have), and a refresh that fails must not turn it into an error on screen.
 * When the table cannot be loaded (a newer version was deployed since this page loaded, say), everything is fetched
 * again instead.
 */
async function refreshAfter(mutationKey: QueryKey | undefined): Promise<void> {
  try {
    const refreshes = await import('./lib/refreshes');
    await refreshes.refreshAfter(queryClient, mutationKey);
  } catch (error) {
    console.warn('Refreshing after a change failed; fetching everything again.', error);
    await queryClient.invalidateQueries().catch(() => undefined);
  }
}

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      // The server counts each sign-in, sign-up, demo, join, reset and password check, so it refuses them inside a
      // batch; an import travels alone because only a lone import may be larger than 256 KiB.
      condition: (op) => UNBATCHED_PROCEDURES.has(op.path),
      true: httpLink({ url: '/trpc' }),
      false: httpBatchLink({ url: '/trpc', maxItems: MAX_BATCH_SIZE }),
    }),
  ],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

export type Trpc = typeof trpc;
