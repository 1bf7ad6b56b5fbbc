import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { sql, type LogEvent } from 'kysely';
import type { OpenDatabase } from '#server/db/database';
import { databaseAnswers } from '#server/db/health';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('health probes that come together', () => {
  it('share one query while it waits, and the next probe asks the database afresh', async () => {
    const probes: string[] = [];
    const database = await openTestDatabase({
      log: (event) => {
        if (event.level === 'query' && event.query.sql === 'select 1') probes.push(event.query.sql);
      },
    });
    try {
      const answers = await Promise.all(Array.from({ length: 40 }, () => databaseAnswers(database.db)));
      expect(answers).toEqual(answers.map(() => true));
      expect(probes).toHaveLength(1);
      expect(await databaseAnswers(database.db)).toBe(true);
      expect(probes).toHaveLength(2);
    } finally {
      await database.close();
    }
  });

  it('keep one query waiting on a database that does not answer, a new one after the longest probe time', async () => {
    const probes: string[] = [];
    // One connection, which a transaction holds: SQLite has one; PostgreSQL gets a pool of one.
    const database = await openWithOneConnection((event) => {
      if (event.query.sql === 'select 1') probes.push(event.level);
    });
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const holds = new Promise<void>((resolve) => (holding = resolve));
      const transaction = database.db.transaction().execute(async () => {
        holding();
        await held;
      });
      await holds;
      const firstSent = Date.now();
      for (let i = 0; i < 5; i++) expect(await databaseAnswers(database.db, 50)).toBe(false);
      // Past the longest probe's wait, the stuck query is left alone and the next probe sends one of its own.
      await new Promise((resolve) => setTimeout(resolve, 2_100 - (Date.now() - firstSent)));
      for (let i = 0; i < 3; i++) expect(await databaseAnswers(database.db, 50)).toBe(false);
      expect(probes).toEqual([]);
      release();
      await transaction;
      // The two probe queries that waited run once the connection is free; no other was sent.
      await vi.waitFor(() => expect(probes).toEqual(['query', 'query']));
      expect(await databaseAnswers(database.db, 1_000)).toBe(true);
      expect(probes).toEqual(['query', 'query', 'query']);
    } finally {
      await database.close();
    }
  });
});

async function openWithOneConnection(log: (event: LogEvent) => void): Promise<OpenDatabase> {
  if (testDatabaseKind() === 'sqlite') return openTestDatabase({ log });
  const created = await createPostgresDatabase();
  const database = openPostgres(created.url, { poolSize: 1, log });
  return {
    ...database,
    close: async () => {
      await database.close();
      await created.drop();
    },
  };
}
