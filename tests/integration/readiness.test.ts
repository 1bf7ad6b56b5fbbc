import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '#server/app';
import type { OpenDatabase } from '#server/db/database';
import { migrateToLatest } from '#server/db/migrator';
import { createHttpServer } from '#server/http/listen';
import { TEST_CONFIG } from '../helpers/test-app';
import { openTestDatabase, testDatabaseKind } from '../helpers/test-database';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(database: OpenDatabase) {
  const created = createApp({ db: database.db, database, config: TEST_CONFIG });
  server = createHttpServer(created.app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { ...created, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function ready(baseUrl: string) {
  const response = await fetch(`${baseUrl}/readyz`);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return {
    status: response.status,
    body: (await response.json()) as unknown,
    connection: response.headers.get('connection'),
  };
}

describe(`/readyz on ${testDatabaseKind()}`, () => {
  it('is 503 while migrations are pending, 200 once they are applied, and /healthz keeps its own answer', async () => {
    const database = await openTestDatabase({ empty: true });
    try {
      const { baseUrl } = await serve(database);
      expect(await ready(baseUrl)).toMatchObject({ status: 503, body: { status: 'migrations pending' } });
      // Liveness does not care about migrations: the process and its database are alive.
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
      await migrateToLatest(database.db);
      expect(await ready(baseUrl)).toMatchObject({ status: 200, body: { status: 'ready' } });
    } finally {
      await database.close();
    }
  });

  it('is 503 once draining begins, and asks every client to close its connection', async () => {
    const database = await openTestDatabase();
    try {
      const { baseUrl, readiness } = await serve(database);
      expect(await ready(baseUrl)).toMatchObject({ status: 200, body: { status: 'ready' } });
      readiness.drain();
      expect(await ready(baseUrl)).toEqual({ status: 503, body: { status: 'shutting down' }, connection: 'close' });
      // Other requests are still served while draining.
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await database.close();
    }
  });

  it('is 503 when the database does not answer', async () => {
    const database = await openTestDatabase();
    const { baseUrl } = await serve(database);
    expect((await ready(baseUrl)).status).toBe(200);
    await database.close();
    expect(await ready(baseUrl)).toMatchObject({ status: 503, body: { status: 'database unavailable' } });
  });
});
