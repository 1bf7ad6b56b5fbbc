import { QueryCache, QueryClient } from '@tanstack/react-query';
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

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      if (httpStatusOf(error) === 401) onSessionLost();
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
