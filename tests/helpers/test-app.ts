import type { LogConfig } from 'kysely';
import { defaultConfig, type AppConfig } from '#server/config';
import type { OpenDatabase } from '#server/db/database';
import { silentLogger } from '#server/observability/logger';
import { useProcessLogger } from '#server/observability/process-logger';
import { createDeps, type AppDeps } from '#server/deps';
import type { SessionCookie } from '#server/services/session.service';
import { createContext } from '#server/trpc/context';
import { createCaller } from '#server/trpc/router';
import { openTestDatabase } from './test-database';

/** A cheap scrypt cost for tests only; the production default is checked by its own test. */
export const TEST_CONFIG: AppConfig = { ...defaultConfig, scryptCost: { N: 2 ** 10, r: 8, p: 1 }, clientDir: null };

export interface TestApp {
  database: OpenDatabase;
  deps: AppDeps;
  /** Moves the app's clock; every caller made from this app sees it. */
  setNow(date: Date): void;
  /** A caller with its own cookie jar, like one browser. */
  client(): Promise<TestClient>;
  close(): Promise<void>;
  /** The session each client made so far holds, in the order they were made. */
  heldSessions(): (string | undefined)[];
  /**
   * Moves the app, with the clients made from it, onto another database (a copy of the one it had), as a restart of
   * the server would: the clock is set to `now`, and each client holds again the session of `held` (the copied rows);
   * clients made after `held` was read are dropped.
   */
  moveTo(database: OpenDatabase, now: Date, held: (string | undefined)[]): void;
}

export type Caller = ReturnType<typeof createCaller>;

export interface TestClient {
  jar: { token: string | undefined };
  /** The router as this browser would reach it, with the session it holds now. */
  api(): Promise<Caller>;
}

/**
 * A fresh database with every migration applied, and the real router: SQLite in memory, or a new PostgreSQL database
 * in the PostgreSQL run (test-database.ts). `file` names a SQLite file (which should not exist yet), for tests that
 * look at what reaches the disk.
 */
export async function createTestApp(
  config: Partial<AppConfig> = {},
  now = new Date(),
  options: { log?: LogConfig; file?: string; database?: OpenDatabase } = {},
): Promise<TestApp> {
  // Background work (emails sent after a request, timed checkpoints) logs nothing into the test run's output.
  useProcessLogger(silentLogger());
  let database = options.database ?? (await openTestDatabase(options));
  let clock = now;
  const appConfig = { ...TEST_CONFIG, ...config };
  let deps = createDeps(database.db, appConfig, () => clock, database);
  const jars: { token: string | undefined }[] = [];
  let closing: Promise<void> | undefined;
  return {
    get database() {
      return database;
    },
    get deps() {
      return deps;
    },
    setNow: (date) => {
      clock = date;
    },
    client() {
      const jar: { token: string | undefined } = { token: undefined };
      jars.push(jar);
      const cookie: SessionCookie = {
        read: () => jar.token,
        set: (token) => {
          jar.token = token;
        },
        clear: () => {
          jar.token = undefined;
        },
      };
      // The app's deps as they are at each call, so a client outlives moveTo.
      return Promise.resolve({ jar, api: async () => createCaller(await createContext(deps, cookie)) });
    },
    // Once per database, whoever asks: a file's own afterEach and worldPerTest's may both close it.
    close: () => {
      deps.mail?.close();
      return (closing ??= database.close());
    },
    heldSessions: () => jars.map((jar) => jar.token),
    moveTo(next, date, held) {
      database = next;
      closing = undefined;
      clock = date;
      deps.mail?.close();
      deps = createDeps(next.db, appConfig, () => clock, next);
      jars.splice(held.length);
      held.forEach((token, i) => (jars[i]!.token = token));
    },
  };
}
