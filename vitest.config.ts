import { defineConfig } from 'vitest/config';

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

export default defineConfig({
  // The path aliases of tsconfig.json; each project below extends this root config to get them.
  resolve: { tsconfigPaths: true },
  test: {
    // Two files at a time, also on two cores, where Vitest's default is one: the browser tests mostly wait on Chromium
    // and the process tests on their servers, and the other file fills that time (unit, integration and browser tests
    // took 382 s instead of about 430 s). The browser files still run one after another (fileParallelism below).
    maxWorkers: 2,
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
          // rule that holds on SQLite must hold there. The files left out test what exists on SQLite alone.
          name: 'integration-postgres',
          include: ['tests/integration/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          environment: 'node',
          globalSetup: ['tests/helpers/postgres-global-setup.ts'],
          // Read by tests/helpers/test-database.ts: without the server's URL this run must fail, never fall back to SQLite.
          env: { TANDEM_TEST_DATABASE: 'postgres' },
          // Two files at a time: these tests mostly wait on the PostgreSQL server's processes, so a second worker fills
          // the idle core (this run took 3.4 min instead of 6 on two cores); Vitest's default here is one.
          maxWorkers: 2,
          // Vitest runs projects with different worker counts as separate groups, one group at a time.
          sequence: { groupOrder: 1 },
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
          // One Chromium at a time: two cores are shared with the server under test.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
