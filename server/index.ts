import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ensureClientBuild } from './client-build';
import { createHttpServer } from './http/listen';
import type { OpenDatabase } from './db/database';
import { describeTarget, openAndMigrate, openTarget } from './db/open';
import { readEnv, type ServerEnv } from './env';
import { deleteExpiredEmailTokens } from './repositories/email.repository';
import { deleteExpiredRateLimits } from './repositories/rate-limits.repository';
import { deleteExpiredSessions } from './repositories/sessions.repository';
import { removeExpiredDemos } from './services/demo.service';
import { forgetEndedAccess } from './services/roster.service';
import { liveAt } from './auth/session-lifetime';
import { startNotifier } from './mail/notifier';
import { keepServingOnUnexpectedErrors } from './process-errors';
import type { AppDeps } from './deps';

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
  if (env.database.kind === 'sqlite' && env.database.path === ':memory:') {
    throw new Error(
      'WEB_CONCURRENCY needs a database its workers share: set DATABASE_PATH to a file, or DATABASE_URL.',
    );
  }
  if (env.config.clientDir) await ensureClientBuild(env.config.clientDir);
  const { database, applied } = await openAndMigrate(env.database);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  await database.close();

  const count = env.workers;
  const workers = new Map<number, Worker>(); // by slot
  const listening = new Set<number>(); // slots
  const deathsInARow = Array.from({ length: count }, () => 0);
  const respawns = new Set<NodeJS.Timeout>();
  let started = false;
  let stopping = false;
  let failedExit = false;

  const fork = (slot: number) => {
    const worker = cluster.fork({ [HOUSEKEEPING_ENV]: slot === 0 ? '1' : '0' });
    workers.set(slot, worker);
    let listeningSince: number | undefined;
    // The IPC channel can fail as the worker dies; its 'exit' says what happened.
    worker.on('error', () => {});
    worker.on('message', (message: ListeningMessage) => {
      if (message?.kind !== 'listening') return;
      listeningSince = Date.now();
      listening.add(slot);
      if (!started && listening.size === count) {
        started = true;
        console.log(
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
        console.error(`A worker stopped (${how}) before the server started; stopping.`);
        stop(null);
        return;
      }
      const served = listeningSince === undefined ? 0 : Date.now() - listeningSince;
      const deaths = served >= RESPAWN_HEALTHY_AFTER_MS ? 1 : (deathsInARow[slot] ?? 0) + 1;
      deathsInARow[slot] = deaths;
      const delay = Math.min(RESPAWN_MOST_DELAY_MS, RESPAWN_FIRST_DELAY_MS * 2 ** (deaths - 1));
      console.error(`Worker ${worker.process.pid} stopped unexpectedly (${how}); starting another in ${delay} ms.`);
      const timer = setTimeout(() => {
        respawns.delete(timer);
        if (!stopping) fork(slot);
      }, delay);
      respawns.add(timer);
    });
  };

  const finish = () => {
    console.log(failedExit ? 'Stopped; a worker did not stop cleanly.' : 'Every worker stopped cleanly.');
    process.exit(failedExit ? 1 : 0);
  };

  /** Every worker drains (finishes its requests in flight, closes its database) and exits; then this process does. */
  const stop = (signal: string | null) => {
    if (stopping) return;
    stopping = true;
    if (signal) console.log(`${signal} received: each worker finishes its requests in flight, then closes.`);
    else failedExit = true;
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
  if (env.config.clientDir && !worker) await ensureClientBuild(env.config.clientDir);

  let database: OpenDatabase;
  if (worker) database = await openTarget(env.database);
  else {
    const opened = await openAndMigrate(env.database);
    database = opened.database;
    if (opened.applied.length > 0) console.log(`Applied migrations: ${opened.applied.join(', ')}`);
  }

  const { app, deps } = createApp({ db: database.db, database, config: env.config });

  let timer: NodeJS.Timeout | undefined;
  const runsHousekeeping = !worker || process.env[HOUSEKEEPING_ENV] === '1';
  if (runsHousekeeping) {
    await housekeeping(deps);
    timer = setInterval(
      () => void housekeeping(deps).catch((e) => console.error('Housekeeping failed', e)),
      HOUSEKEEPING_INTERVAL_MS,
    );
    timer.unref();
  }

  // Timed emails, worked out on the process that runs housekeeping: one timer per machine is enough. The claims in
  // email_deliveries would keep every worker (and every machine) safe anyway; one timer just spares the database.
  const notifier = deps.mail && runsHousekeeping ? startNotifier(deps, { mail: deps.mail }) : null;

  // The per-address connection cap counts this process's connections: each worker bounds its own sockets.
  const server = createHttpServer(app, { capPerAddress: env.config.ipRateLimit && !env.config.trustProxy });
  server.listen(env.port, env.host ?? '0.0.0.0', () => {
    const { port } = server.address() as AddressInfo;
    if (worker) {
      console.log(`Worker ${process.pid} is serving.`);
      process.send?.({ kind: 'listening', port } satisfies ListeningMessage);
    } else {
      console.log(`Tandem is running at http://localhost:${port} (database: ${describeTarget(env.database)})`);
    }
  });
  server.on('error', (error) => {
    console.error(`Could not listen on port ${env.port}:`, error.message);
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests in flight, then closing.`);
    clearInterval(timer);
    // No new notification pass starts; the one in flight finishes its current send (or is given up after a bound:
    // its claim then runs out and another pass sends it) before the database closes under it.
    const notified = notifier?.stop(NOTIFY_STOP_WAIT_MS) ?? Promise.resolve();
    // close() stops new connections and waits for requests in flight; idle keep-alive sockets are closed now.
    server.close(() => {
      void notified
        .then(() => {
          deps.mail?.close();
          return database.close();
        })
        .then(
          () => {
            console.log('Stopped cleanly.');
            process.exit(0);
          },
          (error: unknown) => {
            console.error('Could not close the database:', error instanceof Error ? error.message : error);
            process.exit(1);
          },
        );
    });
    // Keep-alive sockets go idle as their last response finishes; close each then rather than after its timeout.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => {
      console.error(`Requests still open after ${DRAIN_TIMEOUT_MS / 1000} s; closing anyway.`);
      server.closeAllConnections();
    }, DRAIN_TIMEOUT_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Removes what has expired: demos, sessions, ended coach access, and counts whose window has passed. */
async function housekeeping(deps: AppDeps): Promise<void> {
  const now = deps.now();
  await removeExpiredDemos(deps.db, now, deps.config.demoTtlMs);
  await deleteExpiredSessions(deps.db, liveAt(deps.config, now));
  await forgetEndedAccess(deps.db, now);
  await deps.failedLogins.prune(now);
  await deleteExpiredEmailTokens(deps.db, now.toISOString());
  // rate-limiter-flexible times its windows by the system clock, so its rows are pruned by it too.
  await deleteExpiredRateLimits(deps.db, Date.now());
}

keepServingOnUnexpectedErrors();

main().catch((error) => {
  // Every start error (a bad environment, a database that cannot be used, a migration that failed) is one line that
  // says what to fix; a stack trace would only bury it.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
