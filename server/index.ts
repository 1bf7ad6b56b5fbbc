import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ensureClientBuild } from './client-build';
import { createHttpServer } from './http/listen';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrator';
import { readEnv } from './env';
import { deleteExpiredSessions } from './repositories/sessions.repository';
import { removeExpiredDemos } from './services/demo.service';
import { forgetEndedAccess } from './services/roster.service';
import { liveAt } from './auth/session-lifetime';
import { keepServingOnUnexpectedErrors } from './process-errors';

const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

async function main(): Promise<void> {
  const env = readEnv();
  if (env.config.clientDir) await ensureClientBuild(env.config.clientDir);

  const database = openDatabase(env.databasePath);
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);

  const housekeeping = async () => {
    const now = new Date();
    await removeExpiredDemos(database.db, now, env.config.demoTtlMs);
    await deleteExpiredSessions(database.db, liveAt(env.config, now));
    await forgetEndedAccess(database.db, now);
  };
  await housekeeping();
  const timer = setInterval(
    () => void housekeeping().catch((e) => console.error('Housekeeping failed', e)),
    HOUSEKEEPING_INTERVAL_MS,
  );
  timer.unref();

  const { app } = createApp({ db: database.db, config: env.config });
  const server = createHttpServer(app, { capPerAddress: env.config.ipRateLimit && !env.config.trustProxy });
  server.listen(env.port, env.host ?? '0.0.0.0', () => {
    const { port } = server.address() as AddressInfo;
    console.log(`Tandem is running at http://localhost:${port} (database: ${path.resolve(env.databasePath)})`);
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
    // close() stops new connections and waits for requests in flight; idle keep-alive sockets are closed now.
    server.close(() => {
      void database.close().then(() => {
        console.log('Stopped cleanly.');
        process.exit(0);
      });
    });
    // Keep-alive sockets go idle as their last response finishes; close each then rather than after its timeout.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
    // A request stuck for longer than this is not worth hanging the shutdown for.
    setTimeout(() => {
      console.error('Requests still open after 10 s; closing anyway.');
      server.closeAllConnections();
    }, 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

keepServingOnUnexpectedErrors();

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
