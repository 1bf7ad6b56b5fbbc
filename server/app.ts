import express, { type ErrorRequestHandler } from 'express';
import helmet from 'helmet';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { LARGE_BODY_PROCEDURE } from '#shared/batching';
import { IMPORT_MAX_BYTES } from '#shared/schemas/account-export.schema';
import type { AppConfig } from './config';
import type { DB, OpenDatabase } from './db/database';
import { databaseAnswers } from './db/health';
import { createDeps } from './deps';
import {
  emptyBodyAsEmptyObject,
  guardedCallsAlone,
  perAddressDemoLimiter,
  perAddressLimiter,
  perAddressResetEmailLimiter,
  proceduresOf,
  sameOriginJsonOnly,
} from './http/request-guards';
import { emailUnsubscribeRouter } from './http/email-unsubscribe';
import { calendarFeedHandler } from './http/calendar-feed';
import { compressDynamic } from './http/compression';
import { httpSessionCookie } from './http/session-cookie';
import { spaRouter } from './http/spa';
import { importAdmission } from './http/import-admission';
import { trpcOnePieceHandler } from './http/trpc-one-piece-handler';
import { oneStartPerTurn } from './http/one-start-per-turn';
import { sendTrpcStyleError } from './http/trpc-error';
import { createContext } from './trpc/context';
import { trpcHttpOptions } from './trpc/http-options';
import { createReadiness } from './http/readiness';
import { createMetrics, type Metrics } from './observability/metrics';
import { measureRequests, metricsHandler } from './observability/metrics-http';
import type { Logger } from './observability/logger';
import { processLogger } from './observability/process-logger';
import { requestLogger } from './observability/request-log';

export interface CreateAppOptions {
  db: DB;
  /**
   * The open database `db` belongs to: rate limits count in it, shared by every process (see createDeps). Required:
   * an app that serves people never counts its limits in one process's memory.
   */
  database: OpenDatabase;
  config: AppConfig;
  now?: () => Date;
  /**
   * The metrics this app counts into, when config.metricsToken is set: made by the caller when the database was opened
   * with its `queryLog`, so statements are timed too; otherwise made here. Ignored without a token.
   */
  metrics?: Metrics;
  /** Where GET /metrics reads from: this app's registry unless given (a worker asks the primary for every worker's). */
  scrapeMetrics?: () => Promise<{ contentType: string; text: string }>;
  /** Where request lines and faults go; the process's logger (LOG_LEVEL, LOG_FORMAT) when not given. */
  logger?: Logger;
}

const MAX_BODY_BYTES = 256 * 1024;

/** The whole HTTP app without listening, so tests can serve it on any port. */
export function createApp(options: CreateAppOptions) {
  const logger = options.logger ?? processLogger();
  // Made here, before the server listens (the decoy hash among them), so that no login waits for any of it.
  const deps = createDeps(options.db, options.config, options.now, options.database);
  const metricsToken = options.config.metricsToken;
  // Nothing is measured without a token: no registry, no timers, no middleware.
  const metrics = metricsToken ? (options.metrics ?? createMetrics()) : null;
  if (metrics) {
    metrics.watchDatabase(options.database, deps.now);
    deps.observeMail = metrics.observeMail;
  }
  const readiness = createReadiness(deps.db);

  const trpcOptions = trpcHttpOptions(deps, logger);
  const trpcHandler = createExpressMiddleware({ ...trpcOptions, maxBodySize: MAX_BODY_BYTES });
  // An export of many years is larger than any other request; only a lone account.import call may be that large.
  const importHandler = createExpressMiddleware({ ...trpcOptions, maxBodySize: IMPORT_MAX_BYTES });
  const admitImport = importAdmission();

  const app = express();
  app.disable('x-powered-by');
  // First, so that every request has its id and its line, whatever answers it.
  app.use(requestLogger(logger, { trustProxy: options.config.trustProxy }));
  app.use(readiness.track);
  if (metrics) app.use(measureRequests(metrics));
  // Behind a TLS-terminating proxy, believe its X-Forwarded-* headers so cookies are Secure and origins match.
  if (options.config.trustProxy) app.set('trust proxy', options.config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Charts set inline style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          // The offline app: its service worker (/sw.js) and its web app manifest, both from this server only.
          workerSrc: ["'self'"],
          manifestSrc: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          // Self-hosted servers are often reached over plain http on a home network; do not force https.
          upgradeInsecureRequests: null,
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      // The same rule as frame-ancestors 'none', for browsers that predate it.
      xFrameOptions: { action: 'deny' },
      // Only meaningful over https, where a proxy in front sets it; harmless to omit on http.
      strictTransportSecurity: false,
    }),
  );

  // 200 only while the database answers: a load balancer takes an instance whose database is gone out of rotation.
  app.get('/healthz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const ok = await databaseAnswers(deps.db);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'database unavailable' });
  });

  // 503 from the start of a shutdown on, while requests in flight finish (server/http/readiness.ts).
  app.get('/readyz', readiness.probe);

  if (metrics && metricsToken) {
    const registry = metrics.registry;
    const scrape =
      options.scrapeMetrics ?? (async () => ({ contentType: registry.contentType, text: await registry.metrics() }));
    app.get('/metrics', metricsHandler(metricsToken, scrape));
  }

  // Unsubscribe links of emails: outside /trpc, so a mail client's cross-site one-click POST is answered; the token in
  // the address is the only authority there.
  app.use(emailUnsubscribeRouter(deps));

  // Calendar feeds: outside /trpc, since calendar apps fetch with nothing but the address (HEAD too, via GET).
  app.get('/calendar/:file', calendarFeedHandler(deps));

  app.use(
    '/trpc',
    // API answers of 1 KB or more go out compressed when the client asks (a five-year dashboard, the practice list).
    // The health check, the calendar feed and the unsubscribe pages are small and stay as they are.
    compressDynamic(),
    oneStartPerTurn(),
    (_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
    sameOriginJsonOnly,
    guardedCallsAlone,
    perAddressLimiter(options.config.ipRateLimit, deps.limiter),
    perAddressDemoLimiter(options.config.ipRateLimit, deps.limiter),
    perAddressResetEmailLimiter(options.config.ipRateLimit, deps.limiter),
    trpcOnePieceHandler({
      ...trpcOptions,
      maxBodySize: MAX_BODY_BYTES,
      leaveToAdapter: (procedures) => procedures.includes(LARGE_BODY_PROCEDURE),
    }),
    emptyBodyAsEmptyObject,
    async (req, res, next) => {
      // The larger limit only for a lone import by someone logged in: nobody else may make the server read 32 MiB.
      if (proceduresOf(req.path)?.join(',') === LARGE_BODY_PROCEDURE) {
        const { caller } = await createContext(deps, httpSessionCookie(req, res));
        if (caller) return admitImport(caller.id, importHandler)(req, res, next);
      }
      return trpcHandler(req, res, next);
    },
  );

  if (options.config.clientDir) app.use(spaRouter(options.config.clientDir));

  app.use((_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    sendTrpcStyleError(res, 404, 'NOT_FOUND', 'Nothing lives at this address.');
  });

  const onError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const reported = (error as { status?: unknown } | null)?.status;
    const status = typeof reported === 'number' && reported >= 400 && reported < 500 ? reported : 500;
    // Only our faults: a 4xx error may repeat what the client sent, and is the app working, not failing.
    if (status === 500) req.log.error({ err: error }, 'Request failed');
    if (res.headersSent) return;
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).json({
      error: { message: status === 500 ? 'Something went wrong on our side.' : 'The request was not valid.' },
    });
  };
  app.use(onError);

  return { app, deps, readiness };
}
