import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig,
  type LogConfig,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import type { Database } from './tables';
import type { DB } from './db-type';
import type { OpenPostgresDatabase } from './postgres';
import { DatabaseSetupError } from './setup-error';

export type { DB };

/** An open SQLite database: the default, one file beside the app. */
export interface OpenSqliteDatabase {
  kind: 'sqlite';
  db: DB;
  /** The raw connection, for pragmas, backups and benchmarks; app code goes through `db`. */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

/** Either database the app runs on; app code sees only `db`, and `kind` where an operation exists for one alone. */
export type OpenDatabase = OpenSqliteDatabase | OpenPostgresDatabase;

/**
 * How the server's connection must be set up, read back at every start:
 * - WAL: readers (and an online backup) run while a write is in progress, and a crash never leaves a half-written page
 *   in the database file.
 * - synchronous NORMAL: a commit is in the WAL file, in the operating system's hands, before the answer goes out, so
 *   a crash or SIGKILL of the process loses no acknowledged write and the file is never damaged; only a power cut or
 *   a kernel crash can take back the last commits since a checkpoint. FULL would also wait for an fsync at every
 *   commit, on the event loop, where every request waits with it: measured under a mixed load of 100 partners it
 *   halved the requests served (252 against 552 req/s, medians of 7 and 13 runs; docs/decisions.md).
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
  synchronous: 1, // NORMAL
  foreign_keys: 1,
  busy_timeout: 5000,
  locking_mode: 'normal',
  secure_delete: 1,
} as const;

const SYNCHRONOUS_NAMES: Record<number, string> = { 0: 'OFF', 1: 'NORMAL', 2: 'FULL', 3: 'EXTRA' };

export { DatabaseSetupError };

/**
 * Opens (and creates, with its folder) the SQLite file, applies the settings above and reads them back: a file the
 * settings cannot hold on (a filesystem without shared memory for WAL, a read-only mount) stops the server with a
 * message rather than running with weaker guarantees. `:memory:` gives a private in-memory database (tests), whose
 * journal can only live in memory.
 */
export function openDatabase(file: string, options: { log?: LogConfig } = {}): OpenSqliteDatabase {
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
    kind: 'sqlite',
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

/**
 * Every transaction takes the write lock when it begins (`begin immediate`), not at its first write. With several
 * processes on one file (WEB_CONCURRENCY, the admin command), a transaction that read first and then wrote could
 * otherwise find that another process wrote in between and fail with SQLITE_BUSY instead of waiting its turn; taking
 * the lock first makes each one wait (busy_timeout) and then run alone, as it does within one process.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  constructor(private readonly driverConfig: SqliteDialectConfig) {
    super(driverConfig);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.driverConfig);
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
