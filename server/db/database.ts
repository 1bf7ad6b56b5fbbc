import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type LogConfig, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Database } from './tables';

export type DB = Kysely<Database>;

export interface OpenDatabase {
  db: DB;
  /** The raw connection, for pragmas, backups and benchmarks; app code goes through `db`. */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

/**
 * Opens (and creates, with its folder) the SQLite file. `:memory:` gives a private in-memory database.
 * WAL lets readers run while a write is in progress; foreign keys make deletes cascade as the schema says.
 */
export function openDatabase(file: string, options: { log?: LogConfig } = {}): OpenDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log: options.log });
  return {
    db,
    sqlite,
    // Kysely's destroy() closes the better-sqlite3 handle it was given.
    close: () => db.destroy(),
  };
}

const STATEMENT_CACHE_SIZE = 200;

/**
 * Kysely prepares every query afresh; the app runs the same few dozen SQL strings over and over, so keep their
 * prepared statements. Safe because better-sqlite3 runs one statement at a time and the app never streams rows.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        // Queries built with a varying number of parameters (`in (?, ?, …)`) are many; keep the cache bounded.
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
