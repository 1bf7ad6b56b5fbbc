import type { LogConfig } from 'kysely';
import { defaultConfig, type AppConfig } from '#server/config';
import { openDatabase, type OpenDatabase } from '#server/db/database';
import { migrateToLatest } from '#server/db/migrator';
import { createDeps, type AppDeps } from '#server/deps';
import type { SessionCookie } from '#server/services/session.service';
import { createContext } from '#server/trpc/context';
import { createCaller } from '#server/trpc/router';

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
}

export type Caller = ReturnType<typeof createCaller>;

export interface TestClient {
  jar: { token: string | undefined };
  /** The router as this browser would reach it, with the session it holds now. */
  api(): Promise<Caller>;
}

/**
 * A fresh database with every migration applied, and the real router. In memory unless `file` names a database file
 * (which should not exist yet), for tests that look at what reaches the disk.
 */
export async function createTestApp(
  config: Partial<AppConfig> = {},
  now = new Date(),
  options: { log?: LogConfig; file?: string } = {},
): Promise<TestApp> {
  const { file = ':memory:', ...openOptions } = options;
  const database = openDatabase(file, openOptions);
  await migrateToLatest(database.db);
  let clock = now;
  const appConfig = { ...TEST_CONFIG, ...config };
  const deps = createDeps(database.db, appConfig, () => clock);
  return {
    database,
    deps,
    setNow: (date) => {
      clock = date;
    },
    client() {
      const jar: { token: string | undefined } = { token: undefined };
      const cookie: SessionCookie = {
        read: () => jar.token,
        set: (token) => {
          jar.token = token;
        },
        clear: () => {
          jar.token = undefined;
        },
      };
      return Promise.resolve({ jar, api: async () => createCaller(await createContext(deps, cookie)) });
    },
    close: () => database.close(),
  };
}
