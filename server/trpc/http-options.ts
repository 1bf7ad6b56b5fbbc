import type { TRPCError } from '@trpc/server';
import type { Request, Response } from 'express';
import { MAX_BATCH_SIZE } from '#shared/batching';
import type { AppDeps } from '#server/deps';
import { httpSessionCookie } from '#server/http/session-cookie';
import type { Logger } from '#server/observability/logger';
import { createContext } from './context';
import { retryAfterMeta } from './response-meta';
import { appRouter } from './router';

/**
 * How tRPC is served over HTTP, given to every handler that serves it (the stock Express adapter, the import's larger
 * one, and the one-piece path in `http/trpc-one-piece-handler.ts`), so they cannot drift apart.
 */
export function trpcHttpOptions(deps: AppDeps, logger: Logger) {
  return {
    router: appRouter,
    // The origin as `trust proxy` lets Express read it, for links a procedure hands back (calendar feeds).
    createContext: ({ req, res }: { req: Request; res: Response }) =>
      createContext(deps, httpSessionCookie(req, res), `${req.protocol}://${req.host}`),
    maxBatchSize: MAX_BATCH_SIZE,
    responseMeta: retryAfterMeta,
    onError: logFaults(logger),
  };
}

/**
 * tRPC's `onError`: only our own faults are logged, with what caused them (on the request's logger, so with its id);
 * refusals are the app working, and their messages may repeat the input that was refused, so they are not logged.
 */
function logFaults(logger: Logger) {
  return ({ error, path, req }: { error: TRPCError; path: string | undefined; req?: Request }) => {
    if (error.code !== 'INTERNAL_SERVER_ERROR') return;
    (req?.log ?? logger).error(
      { err: error.cause ?? error, procedure: path ?? 'unknown' },
      `tRPC ${path ?? '?'} failed`,
    );
  };
}
