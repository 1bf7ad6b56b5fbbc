import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '#server/app';
import { openPostgres } from '#server/db/postgres';
import { createHttpServer } from '#server/http/listen';
import { silentLogger } from '#server/observability/logger';
import { TEST_CONFIG } from '../helpers/test-app';
import { createPostgresDatabase, openTestDatabase, testDatabaseKind } from '../helpers/test-database';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(app: Parameters<typeof createHttpServer>[0]): Promise<string> {
  server = createHttpServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function health(baseUrl: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/healthz`);
  return { status: response.status, body: await response.json() };
}

describe('/healthz answers 200 only while the database answers', () => {
  it(`says 503 once the ${testDatabaseKind()} database is gone, and the server keeps serving`, async () => {
    if (testDatabaseKind() === 'postgres') {
      // The database is dropped under the running app, its connections ended by the server: as a failover looks.
      const created = await createPostgresDatabase();
      const database = openPostgres(created.url, { poolSize: 2 });
      const baseUrl = await serve(
        createApp({ db: database.db, database, config: TEST_CONFIG, logger: silentLogger() }).app,
      );
      expect(await health(baseUrl)).toEqual({ status: 200, body: { status: 'ok' } });
      // A query in flight when its connection is cut fails on its own; the client's 'error' must not end the process.
      const inFlight = sql`select pg_sleep(10)`.execute(database.db).then(
        () => 'answered',
        () => 'failed',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await created.dropAndWait();
      expect(await inFlight).toBe('failed');
      expect(await health(baseUrl)).toEqual({ status: 503, body: { status: 'database unavailable' } });
      expect(await health(baseUrl)).toEqual({ status: 503, body: { status: 'database unavailable' } });
      await database.close();
    } else {
      // SQLite lives in the process: a closed connection is the one way it stops answering.
      const database = await openTestDatabase();
      const baseUrl = await serve(
        createApp({ db: database.db, database, config: TEST_CONFIG, logger: silentLogger() }).app,
      );
      expect(await health(baseUrl)).toEqual({ status: 200, body: { status: 'ok' } });
      await database.close();
      expect(await health(baseUrl)).toEqual({ status: 503, body: { status: 'database unavailable' } });
    }
  });
});
