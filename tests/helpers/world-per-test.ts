import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { AppConfig } from '#server/config';
import { openPostgres } from '#server/db/postgres';
import { createTestApp, type TestApp } from './test-app';
import { createPostgresDatabase, forgetTemplate, testDatabaseKind, type CreatedDatabase } from './test-database';

/**
 * The same world of people and data at the start of every test of a file, which each test may change freely.
 *
 * On SQLite it is built afresh before each test: in memory, that takes a few milliseconds. On PostgreSQL every one of
 * its hundreds of statements is a round trip, so it is built once per file into a database that each test then copies
 * (CREATE DATABASE … TEMPLATE): the app moves onto the copy with its clients, as after a restart of the server, and
 * its clock and the sessions its clients hold are set back to where the building left them. In the access tests this
 * took the file from 232 s to 87 s on PostgreSQL. `use` hands the app and the world to the file before each test.
 */
export function worldPerTest<W>(
  options: { config?: Partial<AppConfig>; now: Date },
  build: (app: TestApp) => Promise<W>,
  use: (app: TestApp, world: W) => void,
): void {
  let app: TestApp | undefined;
  let world: W;

  if (testDatabaseKind() === 'sqlite') {
    beforeEach(async () => {
      app = await createTestApp(options.config, options.now);
      use(app, await build(app));
    });
    afterEach(async () => {
      await app?.close();
    });
    return;
  }

  let template: CreatedDatabase | undefined;
  let clockAfterBuilding: Date;
  let sessionsAfterBuilding: (string | undefined)[];
  beforeAll(async () => {
    template = await createPostgresDatabase();
    const database = openPostgres(template.url, { poolSize: 4 });
    try {
      app = await createTestApp(options.config, options.now, { database });
      world = await build(app);
      clockAfterBuilding = app.deps.now();
      sessionsAfterBuilding = app.heldSessions();
    } finally {
      // A template must have no one connected when it is copied.
      await database.close();
    }
  }, 60_000);
  beforeEach(async () => {
    const copy = await createPostgresDatabase({ template: template!.name });
    const database = openPostgres(copy.url, { poolSize: 4 });
    app!.moveTo(
      {
        ...database,
        close: async () => {
          await database.close();
          await copy.drop();
        },
      },
      clockAfterBuilding,
      sessionsAfterBuilding,
    );
    use(app!, world);
  });
  afterEach(async () => {
    await app?.close();
  });
  afterAll(async () => {
    if (!template) return;
    forgetTemplate(template.name);
    await template.drop();
  });
}
