import { defineConfig } from 'vitest/config';
import { scratchInMemory } from './tests/helpers/scratch-folder';

// Before any worker, global setup or process of the run starts, so that all of them inherit it.
scratchInMemory();

/**
 * Integration tests of what SQLite alone has, left out of the PostgreSQL run:
 * - database-settings: SQLite's pragmas (WAL, synchronous, secure_delete) read back from the file;
 * - backup: `npm run backup` copies the SQLite file online (PostgreSQL is backed up with pg_dump, docs/operations.md);
 * - erasure: reads the raw bytes of the SQLite file and its write-ahead log (it opens a SQLite file whichever the run).
 */
const SQLITE_ONLY = [
  'tests/integration/database-settings.test.ts',
  'tests/integration/backup.test.ts',
  'tests/integration/erasure.test.ts',
];

/** Integration tests that open no database at all, run once: scripts/launch.mjs builds and runs bundles. */
const DATABASE_FREE = ['tests/integration/launch.test.ts'];

export default defineConfig({
  // The path aliases of tsconfig.json; each project below extends this root config to get them.
  resolve: { tsconfigPaths: true },
  test: {
    // Two files at a time, also on two cores, where Vitest's default is one: a file's own work comes in turns with
    // that of the processes it drives (Chromium, servers, PostgreSQL's backends), and the other file fills the gaps;
    // with both, the run keeps the two cores busy (0 to 5% idle, sampled 2026-12-03). Every project runs with the same
    // two workers, browser files included, so Vitest runs all of them as one group: still project by project, but no
    // project waits for the last file of the one before. Measured 2026-12-03, the whole suite: 681 s, where the
    // projects as separate groups (the browser files one at a time) took 728 s with the setting below and 846 s
    // without it. Two browser files at a time made each browser test take 1.1 to 2.5 times (median 1.7) as long.
    maxWorkers: 2,
    // A worker keeps the modules it has loaded from one test file to the next, instead of loading the server's module
    // graph again for each file. Every file still builds its own app, database and server, and the server keeps its
    // state per app or per database (WeakMaps keyed by them); the one thing per process, the password hashing line,
    // is empty again once a file's requests have been answered. Measured 2026-12-03: the SQLite integration run took
    // 160 s instead of 210 s (its imports 10 s instead of 74 s), the PostgreSQL one 237 s instead of 299 s; both also
    // passed with the files shuffled.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // Tests of PostgreSQL itself (copying into it, its prepared statements): only the integration-postgres run
          // starts a server.
          exclude: [
            'tests/integration/copy-to-postgres.test.ts',
            'tests/integration/postgres-named-statements.test.ts',
            'tests/integration/postgres-socket.test.ts',
          ],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          // The same files on a real PostgreSQL server of the run's own (tests/helpers/postgres-global-setup.ts): every
          // rule that holds on SQLite must hold there. The files left out test what exists on SQLite alone, or open no
          // database at all.
          name: 'integration-postgres',
          include: ['tests/integration/**/*.test.ts'],
          exclude: [...SQLITE_ONLY, ...DATABASE_FREE],
          environment: 'node',
          globalSetup: ['tests/helpers/postgres-global-setup.ts'],
          // Read by tests/helpers/test-database.ts: without the server's URL this run must fail, never fall back to SQLite.
          env: { TANDEM_TEST_DATABASE: 'postgres' },
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          // The longest journey takes about 28 s while the other worker runs another browser file: room for a machine
          // twice as slow.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
