import pg from 'pg';
import { Kysely, PostgresDialect, sql, type LogConfig } from 'kysely';
import type { DB } from './db-type';
import type { Database } from './tables';
import { DatabaseSetupError } from './setup-error';
import { NamedStatementClient } from './named-statements';

/** An open PostgreSQL database: a pool of connections that any number of app processes may share. */
export interface OpenPostgresDatabase {
  kind: 'postgres';
  db: DB;
  /** The pool, for scripts and tests that read the database directly; app code goes through `db`. */
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface PostgresOptions {
  /** Connections this process keeps at most (DATABASE_POOL_SIZE). */
  poolSize?: number;
  log?: LogConfig;
  /**
   * The longest a statement may run, in ms; 0 for no limit. Requests get 30 s; migrations none, as they wait for
   * another process's migrations and may rewrite a large table.
   */
  statementTimeoutMs?: number;
}

/** How long a new connection may take before the caller hears that the database does not answer. */
const CONNECT_TIMEOUT_MS = 5_000;
/** A statement that runs longer than this is a bug or a lock held too long: fail it rather than hang a request. */
const STATEMENT_TIMEOUT_MS = 30_000;

/**
 * Types come back as they do from SQLite: `count(*)` and `sum(...)` are bigint and numeric in PostgreSQL, which `pg`
 * returns as strings to keep their precision. Tandem's counts and sums are far below 2^53, so numbers they are.
 */
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const sameTypesAsSqlite: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Opens a pool to the database at `url` (`postgres://user:pass@host:port/db`). Nothing connects until the first query;
 * `checkPostgresReachable` asks at once, so a wrong address or password stops the start with one line.
 */
export function openPostgres(url: string, options: PostgresOptions = {}): OpenPostgresDatabase {
  const timeout = options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // pg sends a limit only when it is not 0: "no limit" goes as a startup option instead, which also overrides one
    // set on the role or the database.
    statement_timeout: timeout === 0 ? undefined : timeout,
    // Every time is written by the app as ISO-8601 text in UTC; the session's zone is set too, for anything computed.
    options: timeout === 0 ? '-c TimeZone=UTC -c statement_timeout=0' : '-c TimeZone=UTC',
    types: sameTypesAsSqlite,
    Client: NamedStatementClient,
  });
  listenForDroppedConnections(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: options.log });
  return { kind: 'postgres', db, pool, close: () => db.destroy() };
}

/**
 * A connection the server drops (a restart, a failover, a database dropped with FORCE) emits 'error' on its client,
 * and, when it was idle, on the pool; unheard, either would end the process. A query in flight on it fails on its own
 * and reports the trouble to its caller; the pool replaces the connection for the next one. The pool listens only while
 * a client is idle, so each client gets a listener of its own as it is made, for the time it is checked out.
 */
export function listenForDroppedConnections(pool: pg.Pool): void {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
}

/**
 * Where a URL points, without its password or any other parameter: for messages. A `host` parameter is where the
 * connection goes instead of the URL's host, so it is told; one that names a folder (`?host=/var/run/postgresql`)
 * means the Unix socket there.
 */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    // An '@' the parser did not take as the end of the credentials means a password with an unencoded '/', '?' or
    // '#': it then reads part of the password as the host and port (`user:12345`), or as the path, and neither may be
    // printed.
    const afterHost = parsed.pathname + parsed.search + parsed.hash;
    if ((!parsed.username && url.includes('@')) || afterHost.includes('@')) {
      return 'the DATABASE_URL given (percent-encode its password)';
    }
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    // pg reads the last `host` and `port` parameters, over the URL's own host and port.
    const host = parsed.searchParams.getAll('host').at(-1);
    const port = parsed.searchParams.getAll('port').at(-1);
    const notes = [
      host ? (host.startsWith('/') ? `Unix socket in ${host}` : `host ${host}`) : null,
      port && /^\d+$/.test(port) ? `port ${port}` : null,
    ].filter((note) => note !== null);
    const through = notes.length > 0 ? ` (${notes.join(', ')})` : '';
    return `postgres://${user}${parsed.host}${parsed.pathname}${through}`;
  } catch {
    return 'the DATABASE_URL given';
  }
}

/** Asks the database to answer once; throws a DatabaseSetupError whose message is one line a person can act on. */
export async function checkPostgresReachable(db: DB, url: string): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    throw new DatabaseSetupError(
      `Could not use the PostgreSQL database at ${describePostgresUrl(url)}: ${reason(error)}`,
    );
  }
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return 'nothing answers at that address and port (is PostgreSQL running?).';
  if (code === 'ENOENT') return 'no PostgreSQL socket in that folder for that port (is PostgreSQL running?).';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'that host name does not resolve.';
  if (code === '28P01' || code === '28000') return `the server refused the credentials (${message}).`;
  if (code === '3D000') return `${message}; create it first (createdb).`;
  if (/timeout/i.test(message)) return 'the server did not answer in time.';
  // Other system errors name the address and port they tried, which a misread URL may have taken from its password.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `the connection failed (${code}).`;
  return message.split('\n')[0] ?? message;
}
