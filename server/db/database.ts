import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  type DialectAdapter,
  type LogConfig,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import type { Database } from './tables';

export type DB = Kysely<Database>;

export interface OpenDatabase {
  db: DB;
  /** The raw connection, for pragmas, backups and benchmarks; app code goes through `db`. */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

/**
 * How the server's connection must be set up, read back at every start:
 * - WAL: readers (and an online backup) run while a write is in progress, and a crash never leaves a half-written page
 *   in the database file.
 * - synchronous FULL: every commit waits for the WAL to reach the disk before the answer goes out, so an
 *   acknowledged check-in survives a power cut or a kernel crash, not only a crash of the process. NORMAL would
 *   save about 0.3 ms per commit at the price of losing the last commits on power loss; Tandem writes a few rows
 *   per person per week, so the wait is not worth trading for.
 * - foreign keys: deletes cascade as the schema says (account deletion relies on it).
 * - busy_timeout: a second process on the same file (a backup, the admin command) waits for the lock instead of
 *   failing at once.
 * - locking_mode NORMAL: the file stays readable by those other processes.
 * - secure_delete: a deleted or overwritten row is overwritten with zeros in its page, and a freed page is zeroed,
 *   so deleted words do not linger in the file's free space. The write-ahead log still holds pages as they were
 *   until a checkpoint: see erase.ts for that half.
 */
export const REQUIRED_SETTINGS = {
  journal_mode: 'wal',
  synchronous: 2, // FULL
  foreign_keys: 1,
  busy_timeout: 5000,
  locking_mode: 'normal',
  secure_delete: 1,
} as const;

const SYNCHRONOUS_NAMES: Record<number, string> = { 0: 'OFF', 1: 'NORMAL', 2: 'FULL', 3: 'EXTRA' };

export class DatabaseSetupError extends Error {
  override name = 'DatabaseSetupError';
}

/**
 * Opens (and creates, with its folder) the SQLite file, applies the settings above and reads them back: a file the
 * settings cannot hold on (a filesystem without shared memory for WAL, a read-only mount) stops the server with a
 * message rather than running with weaker guarantees. `:memory:` gives a private in-memory database (tests), whose
 * journal can only live in memory.
 */
export function openDatabase(file: string, options: { log?: LogConfig } = {}): OpenDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  try {
    sqlite.pragma(`journal_mode = ${REQUIRED_SETTINGS.journal_mode.toUpperCase()}`);
    sqlite.pragma(`synchronous = ${SYNCHRONOUS_NAMES[REQUIRED_SETTINGS.synchronous]}`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${REQUIRED_SETTINGS.busy_timeout}`);
    sqlite.pragma('secure_delete = ON');
    verifyDurabilitySettings(sqlite, file);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  // One connection for the whole process: Kysely's SQLite driver hands it to one query or transaction at a time, so
  // there is exactly one writer and a transaction never interleaves with another request's statements.
  const db = new Kysely<Database>({
    dialect: new TransactionalDdlSqliteDialect({ database: withStatementCache(sqlite) }),
    log: options.log,
  });
  return {
    db,
    sqlite,
    // Kysely's destroy() closes the better-sqlite3 handle it was given.
    close: () => db.destroy(),
  };
}

/** Reads the settings back from the connection; throws one message naming every setting that is not as required. */
export function verifyDurabilitySettings(sqlite: SQLite.Database, file: string): void {
  const inMemory = file === ':memory:' || file === '';
  const actual = {
    journal_mode: String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase(),
    synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
    foreign_keys: Number(sqlite.pragma('foreign_keys', { simple: true })),
    busy_timeout: Number(sqlite.pragma('busy_timeout', { simple: true })),
    locking_mode: String(sqlite.pragma('locking_mode', { simple: true })).toLowerCase(),
    secure_delete: Number(sqlite.pragma('secure_delete', { simple: true })),
  };
  const expected = { ...REQUIRED_SETTINGS, journal_mode: inMemory ? 'memory' : REQUIRED_SETTINGS.journal_mode };
  const wrong = (Object.keys(expected) as (keyof typeof expected)[])
    .filter((key) => actual[key] !== expected[key])
    .map((key) => `${key} is ${describe(key, actual[key])}, needs ${describe(key, expected[key])}`);
  if (wrong.length > 0) {
    throw new DatabaseSetupError(
      `The database at ${file} cannot be opened safely: ${wrong.join('; ')}. ` +
        'Put DATABASE_PATH on a local disk the server can write to (WAL needs shared memory, which network filesystems ' +
        'and read-only mounts do not offer), and make sure no other program holds the file exclusively.',
    );
  }
}

function describe(key: string, value: string | number): string {
  return key === 'synchronous' ? (SYNCHRONOUS_NAMES[value as number] ?? String(value)) : String(value);
}

/**
 * SQLite runs DDL inside transactions, but Kysely's SQLite adapter says it does not, so its Migrator would run each
 * migration without one and a failure halfway would leave half a schema change behind. Saying so lets the Migrator
 * wrap each run (with its bookkeeping row) in a transaction; `migrateToLatest` runs one migration per run.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
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
