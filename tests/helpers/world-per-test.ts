import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { AppConfig } from '#server/config';
import { openPostgres } from '#server/db/postgres';
import { COUNTER_TABLES } from './db-state';
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
): WorldReuse {
  let app: TestApp | undefined;
  let world: W;
  let clockAfterBuilding: Date;
  // Set by a test that proved it changed nothing (see WorldReuse): the next test starts from the same world.
  let kept = false;
  const reuse: WorldReuse = {
    keepForNextTest: () => {
      kept = true;
    },
  };
  /** Starts the next test on the world the last one left unchanged; false when it must be made afresh. */
  const reuseKept = async () => {
    if (!kept || !app) return false;
    kept = false;
    await forgetAttempts(app);
    app.setNow(clockAfterBuilding);
    use(app, world);
    return true;
  };
  afterAll(async () => {
    if (kept) await app?.close();
  });

  if (testDatabaseKind() === 'sqlite') {
    beforeEach(async () => {
      if (await reuseKept()) return;
      app = await createTestApp(options.config, options.now);
      world = await build(app);
      clockAfterBuilding = app.deps.now();
      use(app, world);
    });
    afterEach(async () => {
      if (!kept) await app?.close();
    });
    return reuse;
  }

  let template: CreatedDatabase | undefined;
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
    if (await reuseKept()) return;
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
    if (!kept) await app?.close();
  });
  afterAll(async () => {
    if (!template) return;
    forgetTemplate(template.name);
    await template.drop();
  });
  return reuse;
}

/**
 * For files of many tests that each must change nothing (the refusals of the access matrix): a test that has just
 * asserted the database is exactly as it found it calls `keepForNextTest()`, and the next test starts from that same
 * world instead of a newly made one, which is most of such a test's time. Only the counts of attempts (failed
 * logins, rate limits) may differ after a refusal, by design: they are cleared, and the clock is set back. A test
 * that fails before calling it leaves the next one a fresh world.
 */
export interface WorldReuse {
  keepForNextTest(): void;
}

/** Clears what a refused call is allowed to change: the counts of failed logins and of rate-limited attempts. */
async function forgetAttempts(app: TestApp): Promise<void> {
  for (const table of COUNTER_TABLES) await sql`delete from ${sql.table(table)}`.execute(app.deps.db);
}
