import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ensureClientBuild } from './client-build';
import { createHttpServer } from './http/listen';
import type { OpenDatabase } from './db/database';
import { describeTarget, openAndMigrate, openTarget } from './db/open';
import { readEnv, type ServerEnv } from './env';
import { deleteExpiredEmailTokens } from './repositories/email.repository';
import { deleteExpiredPasswordResets } from './repositories/credentials.repository';
import { deleteExpiredRateLimits } from './repositories/rate-limits.repository';
import { deleteExpiredSessions } from './repositories/sessions.repository';
import { keepAnswersOfEarlierLeavers } from './services/restored-measures.service';
import { removeExpiredDemos } from './services/demo.service';
import { forgetEndedAccess } from './services/roster.service';
import { liveAt } from './auth/session-lifetime';
import { startNotifier } from './mail/notifier';
import { keepServingOnUnexpectedErrors } from './process-errors';
import { createLogger, type Logger } from './observability/logger';
import { processLogger, useProcessLogger } from './observability/process-logger';
import type { AppDeps } from './deps';
import { createMetrics } from './observability/metrics';
import { gatherWorkersMetrics, scrapeThroughPrimary } from './observability/metrics-cluster';

const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;
/** Set by the primary on the one worker that runs housekeeping: once per server, not once per worker. */
const HOUSEKEEPING_ENV = 'TANDEM_HOUSEKEEPING';
/** A request stuck for longer than this is not worth hanging the shutdown for. */
const DRAIN_TIMEOUT_MS = 10_000;
/** How long a shutdown waits for an email being sent; a send cut short is retried by a later pass. */
const NOTIFY_STOP_WAIT_MS = 5_000;
/** The first replacement of a worker that died waits this long; each further death in a row doubles it, up to the most. */
const RESPAWN_FIRST_DELAY_MS = 500;
const RESPAWN_MOST_DELAY_MS = 30_000;
/** A worker that served this long counts as healthy again: the next death waits the first delay only. */
const RESPAWN_HEALTHY_AFTER_MS = 60_000;

/** What a worker tells the primary once it listens. */
interface ListeningMessage {
  kind: 'listening';
  port: number;
}

async function main(): Promise<void> {
  const env = readEnv();
  useProcessLogger(createLogger(env.log));
  // One process, exactly as always, unless WEB_CONCURRENCY asks for more.
  if (env.workers > 1 && cluster.isPrimary) return runPrimary(env);
  return runServer(env);
}

/**
 * WEB_CONCURRENCY=N: this process applies migrations once, then forks N workers that each open their own connection
 * (or pool) and serve the same port; node:cluster hands each new connection to the next worker in turn. Nothing a
 * request needs lives in one worker's memory (sessions, lockouts and rate limits are in the database), so any worker
 * may answer any request. This process serves nothing itself: it starts, replaces and stops the workers.
 */
async function runPrimary(env: ServerEnv): Promise<void> {
  const logger = processLogger();
  if (env.database.kind === 'sqlite' && env.database.path === ':memory:') {
    throw new Error(
      'WEB_CONCURRENCY needs a database its workers share: set DATABASE_PATH to a file, or DATABASE_URL.',
    );
  }
  if (env.config.clientDir) await ensureClientBuild(env.config.clientDir);
  const { database, applied } = await openAndMigrate(env.database);
  logMigrations(logger, applied);
  await database.close();

  const count = env.workers;
  const workers = new Map<number, Worker>(); // by slot
  const listening = new Set<number>(); // slots
  const deathsInARow = Array.from({ length: count }, () => 0);
  const respawns = new Set<NodeJS.Timeout>();
  let started = false;
  let stopping = false;
  let failedExit = false;

  // One scrape speaks for every worker: the worker that receives it asks here (metrics-cluster.ts).
  const workersMetrics = env.config.metricsToken ? gatherWorkersMetrics() : null;

  const fork = (slot: number) => {
    const worker = cluster.fork({ [HOUSEKEEPING_ENV]: slot === 0 ? '1' : '0' });
    workers.set(slot, worker);
    workersMetrics?.answerFor(worker);
    let listeningSince: number | undefined;
    // The IPC channel can fail as the worker dies; its 'exit' says what happened.
    worker.on('error', () => {});
    worker.on('message', (message: ListeningMessage) => {
      if (message?.kind !== 'listening') return;
      listeningSince = Date.now();
      listening.add(slot);
      if (!started && listening.size === count) {
        started = true;
        logger.info(
          { event: 'start', port: message.port, database: databaseFields(env), workers: count },
          `Tandem is running at http://localhost:${message.port} ` +
            `(database: ${describeTarget(env.database)}; ${count} worker processes)`,
        );
      }
    });
    worker.on('exit', (code, signal) => {
      workers.delete(slot);
      listening.delete(slot);
      if (stopping) {
        // A worker still starting when the stop came has no handler yet and ends by the signal itself, serving nothing.
        if (code !== 0 && signal !== 'SIGTERM') failedExit = true;
        if (workers.size === 0) finish();
        return;
      }
      const how = signal ?? `exit code ${code}`;
      if (!started) {
        // A worker that cannot start (the port is taken, the database went away) would fail again at once.
        logger.error(
          { event: 'worker exit', workerPid: worker.process.pid, exitCode: code, signal },
          `A worker stopped (${how}) before the server started; stopping.`,
        );
        stop(null);
        return;
      }
      const served = listeningSince === undefined ? 0 : Date.now() - listeningSince;
      const deaths = served >= RESPAWN_HEALTHY_AFTER_MS ? 1 : (deathsInARow[slot] ?? 0) + 1;
      deathsInARow[slot] = deaths;
      const delay = Math.min(RESPAWN_MOST_DELAY_MS, RESPAWN_FIRST_DELAY_MS * 2 ** (deaths - 1));
      logger.error(
        { event: 'worker exit', workerPid: worker.process.pid, exitCode: code, signal, restartInMs: delay },
        `Worker ${worker.process.pid} stopped unexpectedly (${how}); starting another in ${delay} ms.`,
      );
      const timer = setTimeout(() => {
        respawns.delete(timer);
        if (!stopping) fork(slot);
      }, delay);
      respawns.add(timer);
    });
  };

  const finish = () => {
    if (failedExit) logger.error({ event: 'stopped', clean: false }, 'Stopped; a worker did not stop cleanly.');
    else logger.info({ event: 'stopped', clean: true }, 'Every worker stopped cleanly.');
    process.exit(failedExit ? 1 : 0);
  };

  /** Every worker drains (finishes its requests in flight, closes its database) and exits; then this process does. */
  const stop = (signal: string | null) => {
    if (stopping) return;
    stopping = true;
    if (signal) {
      logger.info(
        { event: 'stop', signal },
        `${signal} received: each worker finishes its requests in flight, then closes.`,
      );
    } else failedExit = true;
    for (const timer of respawns) clearTimeout(timer);
    respawns.clear();
    if (workers.size === 0) return finish();
    for (const worker of workers.values()) worker.process.kill('SIGTERM');
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let slot = 0; slot < count; slot++) fork(slot);
}

/** One process serving HTTP: the whole server (WEB_CONCURRENCY=1), or one worker of several. */
async function runServer(env: ServerEnv): Promise<void> {
  const worker = cluster.isWorker;
  const logger = processLogger();
  if (env.config.clientDir && !worker) await ensureClientBuild(env.config.clientDir);

  // Made before the database opens, so that every statement is timed (Kysely's log option); none when metrics are off.
  const metrics = env.config.metricsToken ? createMetrics() : null;
  const timed = metrics ? { log: metrics.queryLog } : {};
  let database: OpenDatabase;
  if (worker) database = await openTarget(env.database, timed);
  else {
    const opened = await openAndMigrate(env.database, timed);
    database = opened.database;
    logMigrations(logger, opened.applied);
  }

  const { app, deps, readiness } = createApp({
    db: database.db,
    database,
    config: env.config,
    logger,
    metrics: metrics ?? undefined,
    scrapeMetrics: metrics && worker ? scrapeThroughPrimary(metrics) : undefined,
  });

  let timer: NodeJS.Timeout | undefined;
  const runsHousekeeping = !worker || process.env[HOUSEKEEPING_ENV] === '1';
  if (runsHousekeeping) {
    // Best effort, at start as every hour: a pass that fails (the database busy for longer than its wait, say) is
    // logged and tried again at the next, and never keeps the server from serving.
    const tidy = () =>
      housekeeping(deps, logger).catch((e: unknown) => logger.error({ err: e }, 'Housekeeping failed'));
    await tidy();
    timer = setInterval(() => void tidy(), HOUSEKEEPING_INTERVAL_MS);
    timer.unref();
  }

  // Timed emails, worked out on the process that runs housekeeping: one timer per machine is enough. The claims in
  // email_deliveries would keep every worker (and every machine) safe anyway; one timer just spares the database.
  const notifier = deps.mail && runsHousekeeping ? startNotifier(deps, { mail: deps.mail, logger }) : null;

  // The per-address connection cap counts this process's connections: each worker bounds its own sockets.
  const server = createHttpServer(app, { capPerAddress: env.config.ipRateLimit && !env.config.trustProxy });
  server.listen(env.port, env.host ?? '0.0.0.0', () => {
    const { port } = server.address() as AddressInfo;
    if (worker) {
      logger.info({ event: 'start', port }, `Worker ${process.pid} is serving.`);
      // Told once the line is out (lines are written asynchronously), so the primary's "running" line, which waits for
      // every worker, comes after the workers' own in the output.
      logger.flush(() => process.send?.({ kind: 'listening', port } satisfies ListeningMessage));
    } else {
      logger.info(
        { event: 'start', port, database: databaseFields(env), workers: 1 },
        `Tandem is running at http://localhost:${port} (database: ${describeTarget(env.database)})`,
      );
    }
  });
  server.on('error', (error) => {
    logger.fatal(
      { event: 'start failed', port: env.port, errorCode: (error as NodeJS.ErrnoException).code },
      `Could not listen on port ${env.port}: ${error.message}`,
    );
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'stop', signal }, `${signal} received: finishing requests in flight, then closing.`);
    clearInterval(timer);
    // No new notification pass starts; the one in flight finishes its current send (or is given up after a bound:
    // its claim then runs out and another pass sends it) before the database closes under it.
    const notified = notifier?.stop(NOTIFY_STOP_WAIT_MS) ?? Promise.resolve();
    // /readyz answers 503 from now on while the listener stays open for the requests in flight (up to the drain
    // timeout): a load balancer hears "not ready" and stops sending here before connections are refused.
    readiness.drain();
    let closed = false;
    const closeListener = () => {
      if (closed) return;
      closed = true;
      // close() stops new connections and waits for requests in flight; idle keep-alive sockets are closed now.
      server.close(() => {
        void notified
          .then(() => {
            deps.mail?.close();
            return database.close();
          })
          .then(
            () => {
              logger.info({ event: 'stopped', clean: true }, 'Stopped cleanly.');
              process.exit(0);
            },
            (error: unknown) => {
              logger.error({ event: 'stopped', clean: false, err: error }, 'Could not close the database.');
              process.exit(1);
            },
          );
      });
      // Keep-alive sockets go idle as their last response finishes; close each then rather than after its timeout.
      server.closeIdleConnections();
      setInterval(() => server.closeIdleConnections(), 100).unref();
    };
    void readiness.idle(DRAIN_TIMEOUT_MS).then(closeListener);
    setTimeout(() => {
      logger.warn(
        { event: 'drain timeout' },
        `Requests still open after ${DRAIN_TIMEOUT_MS / 1000} s; closing anyway.`,
      );
      closeListener();
      server.closeAllConnections();
    }, DRAIN_TIMEOUT_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Removes what has expired: demos, sessions, ended coach access, and counts whose window has passed. */
async function housekeeping(deps: AppDeps, logger: Logger): Promise<void> {
  const now = deps.now();
  const demos = await removeExpiredDemos(deps.db, now, deps.config.demoTtlMs);
  await deleteExpiredSessions(deps.db, liveAt(deps.config, now));
  await forgetEndedAccess(deps.db, now);
  const failedLogins = await deps.failedLogins.prune(now);
  await deleteExpiredEmailTokens(deps.db, now.toISOString());
  await deleteExpiredPasswordResets(deps.db, now.toISOString());
  // rate-limiter-flexible times its windows by the system clock, so its rows are pruned by it too.
  const rateLimits = await deleteExpiredRateLimits(deps.db, Date.now());
  // Only on an installation that has them, until they are kept: a leave now keeps them at once.
  const leavers = await keepAnswersOfEarlierLeavers(deps.db, now.toISOString());
  if (leavers.failed > 0) {
    logger.warn(
      { event: 'housekeeping', leaversAnswersFailed: leavers.failed },
      'Some answers of partners who left could not be kept yet; the next pass tries again.',
    );
  }
  // Counts only: what was removed, never whose.
  logger.info(
    { event: 'housekeeping', removed: { demos, failedLogins, rateLimits }, leaversAnswersKept: leavers.kept },
    'Housekeeping done.',
  );
}

function logMigrations(logger: Logger, applied: string[]): void {
  if (applied.length > 0) {
    logger.info({ event: 'migrations', applied }, `Applied migrations: ${applied.join(', ')}`);
  }
}

/** The database as a start line names it: its kind, and where it is without any password (describeTarget). */
function databaseFields(env: ServerEnv) {
  return { kind: env.database.kind, target: describeTarget(env.database) };
}

keepServingOnUnexpectedErrors();

main().catch((error) => {
  // Every start error (a bad environment, a database that cannot be used, a migration that failed) is one line that
  // says what to fix; a stack trace would only bury it. A plain line, not a log line: the environment that says how
  // to log may be what is wrong, and it is read by the person starting the server.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
