import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Level, Logger } from 'pino';
import { loggedRoute, routedPath } from './log-route';

declare module 'express-serve-static-core' {
  interface Request {
    /** This request's logger: its lines carry the request's `reqId`. Made when first used (faults, mostly). */
    log: Logger;
  }
}

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** An id a proxy in front may hand on: short, and nothing a log viewer or a terminal could trip on. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/**
 * Asked every few seconds by load balancers, orchestrators and Prometheus: at info, their lines would bury the
 * requests of people. They are still there at LOG_LEVEL=debug.
 */
const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * One line per request, when its response has been sent (or the client went away): its id, method, route, tRPC
 * procedures, status and duration. Nothing else of the request is handed to the logger, so no header (cookie,
 * authorization), query string or body can reach a line: the fields are chosen, not filtered. `req.log` is the
 * request's logger for whatever else is logged while it runs, and carries the same `reqId`.
 *
 * The id comes from the proxy's X-Request-Id only when the app trusts a proxy (anyone else could send one to muddle
 * the logs); otherwise it is new. Either way the response carries it, so a person reporting a problem can quote it.
 *
 * Written here in a few lines rather than with pino-http, which made a child logger (its bindings serialized) and
 * wrapped serializers for every request: the bench measured request lines at 9.5% of the dashboard's CPU time with it.
 * Here a child logger is made only for a request that logs something of its own.
 */
export function requestLogger(logger: Logger, options: { trustProxy: unknown }): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const incoming = req.headers['x-request-id'];
    const reqId =
      options.trustProxy && typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, reqId);
    let own: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      enumerable: false,
      get: () => (own ??= logger.child({ reqId })),
    });
    res.once('close', () => {
      const path = routedPath(req.originalUrl);
      const level = levelOf(path, res);
      if (!logger.isLevelEnabled(level)) return;
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const route = loggedRoute(path);
      logger[level](
        {
          reqId,
          method: req.method,
          ...route,
          status: res.statusCode,
          durationMs,
          // The client went away before the whole response was sent.
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        `${req.method} ${route.route} ${res.statusCode}`,
      );
    });
    next();
  };
}

/** Not faults of ours, 4xx are info; only 5xx are errors (the fault itself is logged with its stack apart). */
function levelOf(path: string, res: Response): Level {
  if (res.statusCode >= 500) return 'error';
  // A probe refused (a scrape without the right token) is worth seeing at info; an answered one is noise.
  if (res.statusCode >= 400) return 'info';
  return PROBE_PATHS.has(path.toLowerCase()) ? 'debug' : 'info';
}
