import path from 'node:path';
import type { LogConfig } from 'kysely';
import { migrateToLatest } from './migrator';
import { openDatabase, type OpenDatabase } from './database';
import { checkPostgresReachable, describePostgresUrl, openPostgres } from './postgres';

/** Which database the server runs on: DATABASE_URL names PostgreSQL; otherwise the SQLite file at DATABASE_PATH. */
export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; poolSize: number };

export interface OpenOptions {
  /** Kysely's log option: how metrics time every statement (server/observability/metrics.ts). */
  log?: LogConfig;
}

/**
 * Opens the configured database and checks that it answers, without migrating: a worker of WEB_CONCURRENCY, whose
 * primary has migrated already. A database that cannot be used throws a DatabaseSetupError with one line to show.
 */
export async function openTarget(target: DatabaseTarget, options: OpenOptions = {}): Promise<OpenDatabase> {
  const database =
    target.kind === 'postgres'
      ? openPostgres(target.url, { poolSize: target.poolSize, log: options.log })
      : openDatabase(target.path, { log: options.log });
  try {
    if (target.kind === 'postgres') await checkPostgresReachable(database.db, target.url);
    return database;
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/**
 * Opens the configured database as `openTarget` does and applies pending migrations. Kysely's migrator takes a lock
 * first (a row lock on PostgreSQL, the write lock on SQLite), so processes starting at once apply each migration once.
 */
export async function openAndMigrate(
  target: DatabaseTarget,
  options: OpenOptions = {},
): Promise<{ database: OpenDatabase; applied: string[] }> {
  const database = await openTarget(target, options);
  try {
    return { database, applied: await migrateOn(target, database) };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/**
 * On PostgreSQL, migrations run on a connection of their own with no statement time limit: a process starting while
 * another migrates waits for the migration lock as long as that takes, and a migration may rewrite a large table; the
 * 30 s a request gets would cancel either and stop the start.
 */
async function migrateOn(target: DatabaseTarget, database: OpenDatabase): Promise<string[]> {
  if (target.kind !== 'postgres') return migrateToLatest(database.db);
  const migrating = openPostgres(target.url, { poolSize: 1, statementTimeoutMs: 0 });
  try {
    return await migrateToLatest(migrating.db);
  } finally {
    await migrating.close();
  }
}

/** Where the data lives, for the start message: never a password. */
export function describeTarget(target: DatabaseTarget): string {
  return target.kind === 'postgres' ? describePostgresUrl(target.url) : path.resolve(target.path);
}
