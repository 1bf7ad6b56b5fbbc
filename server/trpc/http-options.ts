import type { Request, Response } from 'express';
import { MAX_BATCH_SIZE } from '#shared/batching';
import type { AppDeps } from '#server/deps';
import { httpSessionCookie } from '#server/http/session-cookie';
import { createContext } from './context';
import { logFaults, retryAfterMeta } from './response-meta';
import { appRouter } from './router';

/**
 * How tRPC is served over HTTP, given to every handler that serves it (the stock Express adapter, the import's larger
 * one, and the GET path in `http/trpc-query-handler.ts`), so they cannot drift apart.
 */
export function trpcHttpOptions(deps: AppDeps, log: (message: string, error?: unknown) => void) {
  return {
    router: appRouter,
    // The origin as `trust proxy` lets Express read it, for links a procedure hands back (calendar feeds).
    createContext: ({ req, res }: { req: Request; res: Response }) =>
      createContext(deps, httpSessionCookie(req, res), `${req.protocol}://${req.host}`),
    maxBatchSize: MAX_BATCH_SIZE,
    responseMeta: retryAfterMeta,
    onError: logFaults(log),
  };
}
