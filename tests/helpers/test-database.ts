import { randomUUID } from 'node:crypto';
import type { LogConfig } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type OpenDatabase } from '#server/db/database';
import { migrateToLatest } from '#server/db/migrator';
import { listenForDroppedConnections, openPostgres } from '#server/db/postgres';

/**
 * Which database the tests of this run use. The `integration` project runs on SQLite; `integration-postgres` runs
 * the same files on a real PostgreSQL server its global setup started (postgres-global-setup.ts), which it names here.
 */
export function testDatabaseKind(): 'sqlite' | 'postgres' {
  const url = postgresAdminUrl();
  // The PostgreSQL run must prove things about PostgreSQL: a setup that did not provide the server fails it loudly.
  if (!url && process.env.TANDEM_TEST_DATABASE === 'postgres')
    throw new Error('This run is on PostgreSQL, but its global setup provided no server (postgresAdminUrl).');
  return url ? 'postgres' : 'sqlite';
}

function postgresAdminUrl(): string | undefined {
  try {
    return inject('postgresAdminUrl');
  } catch {
    // Outside a Vitest worker (a script) there is nothing injected.
    return undefined;
  }
}

/** The template every test database is copied from: migrated once by the global setup. */
export const POSTGRES_TEMPLATE = 'tandem_template';

let admin: pg.Pool | undefined;
function adminPool(url: string): pg.Pool {
  if (!admin) {
    admin = new pg.Pool({ connectionString: url, max: 2 });
    // A connection the server drops would otherwise end the test process.
    listenForDroppedConnections(admin);
  }
  return admin;
}

/** A URL to the same server, naming another database. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export interface CreatedDatabase {
  name: string;
  url: string;
  /** Removes the database. It runs in the background: nothing waits for it, and the whole server goes at the end. */
  drop(): Promise<void>;
  /** Removes the database now, ending every connection to it, and resolves once it is gone. */
  dropAndWait(): Promise<void>;
}

/**
 * Copies a template into a new database. FILE_COPY copies the template's files (the cluster runs without fsync, so its
 * checkpoint is cheap) instead of PostgreSQL 15's default WAL_LOG, which writes every page through the WAL: on two
 * busy cores a migrated copy took 120 ms instead of 400 ms, and its drop 11 ms instead of 33 ms.
 */
async function copyTemplate(adminUrl: string, template: string): Promise<CreatedDatabase> {
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  await adminPool(adminUrl).query(`create database ${name} template ${template} strategy file_copy`);
  return {
    name,
    url: withDatabaseName(adminUrl, name),
    drop: () => {
      adminPool(adminUrl)
        .query(`drop database if exists ${name} with (force)`)
        // A database left behind costs nothing: the server and its folder are removed when the run ends.
        .catch(() => {});
      return Promise.resolve();
    },
    dropAndWait: async () => {
      await adminPool(adminUrl).query(`drop database ${name} with (force)`);
    },
  };
}

/**
 * The next copy of each template, made while the test before it runs: most tests make one, and the test process mostly
 * waits on the server, so making it ahead hides its cost. A failure is reported to the test that takes it.
 */
const spares = new Map<string, Promise<CreatedDatabase>>();
function makeSpare(adminUrl: string, template: string): Promise<CreatedDatabase> {
  const made = copyTemplate(adminUrl, template);
  made.catch(() => {});
  return made;
}

/**
 * A new PostgreSQL database on the test server: a copy of `template` (a database no one is connected to), by default
 * the one migrated once for the run, or an empty one with no migration applied when `empty`. `drop` removes it. Throws
 * outside the PostgreSQL project.
 */
export async function createPostgresDatabase(
  options: { empty?: boolean; template?: string } = {},
): Promise<CreatedDatabase> {
  const adminUrl = postgresAdminUrl();
  if (!adminUrl) throw new Error('No PostgreSQL server in this test run.');
  if (options.empty) return copyTemplate(adminUrl, 'template0');
  const template = options.template ?? POSTGRES_TEMPLATE;
  const next = spares.get(template) ?? makeSpare(adminUrl, template);
  spares.set(template, makeSpare(adminUrl, template));
  return next;
}

/** Stops making copies of a template that is about to be dropped. */
export function forgetTemplate(template: string): void {
  void spares.get(template)?.then(
    (unused) => unused.drop(),
    () => {},
  );
  spares.delete(template);
}

/**
 * A fresh, migrated database for one test: SQLite in memory (or the file named), or a new PostgreSQL database in the
 * PostgreSQL project. `empty` leaves it without any migration applied (for tests of the migrations themselves).
 * Closing it drops the PostgreSQL database.
 */
export async function openTestDatabase(
  options: { file?: string; log?: LogConfig; empty?: boolean } = {},
): Promise<OpenDatabase> {
  if (testDatabaseKind() === 'postgres' && options.file === undefined) {
    const created = await createPostgresDatabase({ empty: options.empty });
    const database = openPostgres(created.url, { poolSize: 4, log: options.log });
    return {
      ...database,
      close: async () => {
        await database.close();
        await created.drop();
      },
    };
  }
  const database = openDatabase(options.file ?? ':memory:', { log: options.log });
  if (!options.empty) await migrateToLatest(database.db);
  return database;
}
