import { createHash } from 'node:crypto';
import type pg from 'pg';
import { dialectOf } from '#server/db/dialect';
import type { Database } from '#server/db/tables';
import { sqlRow, sqlRows, type WithDatabase } from './raw-sql';

export type { WithDatabase };

/**
 * Writes that are bookkeeping rather than data, left out when comparing database states (docs/security.md lists
 * them): a session's last use is refreshed at most once an hour by any authenticated request, and the coach access
 * log records that a coach read a couple's data, which is the point of the log.
 */
export const BOOKKEEPING_COLUMNS: Record<string, string[]> = { sessions: ['last_seen_at'] };
export const BOOKKEEPING_TABLES = new Set(['coach_access_log']);

/**
 * Counts of attempts (failed password checks, rate limits), kept in the database so every server process shares them:
 * a refused attempt is meant to change them, so comparisons of what a call changed leave them out. Tests of the
 * limits assert them through what the server answers.
 */
export const COUNTER_TABLES = new Set(['failed_logins', 'rate_limits']);

export interface DatabaseState {
  counts: Record<string, number>;
  /** SHA-256 over every row of every table (bookkeeping aside), in a stable order. */
  checksum: string;
}

/**
 * Every table of the app's schema, by name: read from the database, so tables added later are included. The
 * migrator's own tables count too: a refused call must not touch them either.
 */
export async function tableNames(target: WithDatabase): Promise<string[]> {
  const rows =
    dialectOf(target.database.db) === 'postgres'
      ? await sqlRows<{ name: string }>(
          target,
          "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
        )
      : await sqlRows<{ name: string }>(
          target,
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
        );
  return rows.map((t) => t.name);
}

export async function columnNames(target: WithDatabase, table: string): Promise<string[]> {
  const rows =
    dialectOf(target.database.db) === 'postgres'
      ? await sqlRows<{ name: string }>(
          target,
          "select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ? order by ordinal_position",
          table,
        )
      : await sqlRows<{ name: string }>(target, 'select name from pragma_table_info(?)', table);
  return rows.map((c) => c.name);
}

/**
 * Every table with its columns in order, read in one query: comparing states reads them twice per refused call, and on
 * PostgreSQL a query per table for its columns cost more than the rows themselves.
 */
async function tablesWithColumns(target: WithDatabase): Promise<[string, string[]][]> {
  // The schema of a migrated database does not change under a test, and PostgreSQL's information_schema is slow to
  // read: read it once per open database.
  const cached = schemaOf.get(target.database.db);
  if (cached) return cached;
  const read = await readTablesWithColumns(target);
  schemaOf.set(target.database.db, read);
  return read;
}

const schemaOf = new WeakMap<object, [string, string[]][]>();

async function readTablesWithColumns(target: WithDatabase): Promise<[string, string[]][]> {
  const rows =
    dialectOf(target.database.db) === 'postgres'
      ? await sqlRows<{ t: string; c: string }>(
          target,
          `select c.table_name as t, c.column_name as c from information_schema.columns c
           join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
           where c.table_schema = 'public' and t.table_type = 'BASE TABLE' order by c.table_name, c.ordinal_position`,
        )
      : await sqlRows<{ t: string; c: string }>(
          target,
          `select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p
           where m.type = 'table' and m.name not like 'sqlite_%' order by m.name, p.cid`,
        );
  const tables = new Map<string, string[]>();
  for (const { t, c } of rows) tables.set(t, [...(tables.get(t) ?? []), c]);
  return [...tables];
}

export async function countRows(target: WithDatabase, table: keyof Database): Promise<number> {
  return Number((await sqlRow<{ n: number }>(target, `select count(*) as n from ${table}`))!.n);
}

/** Every row of every table in a stable order (all columns, in order): equal snapshots mean a call changed nothing. */
export async function snapshot(target: WithDatabase): Promise<Record<string, unknown[]>> {
  const tables = (await tablesWithColumns(target)).filter(([table]) => !COUNTER_TABLES.has(table));
  return Object.fromEntries(await rowsOf(target, tables));
}

/**
 * The rows of each table, reading the columns given, ordered by all of them. On PostgreSQL in one round trip (each
 * table's rows as one JSON array), since states are read twice per refused call and a query per table was most of it.
 */
async function rowsOf(
  target: WithDatabase,
  tables: [string, string[]][],
): Promise<[string, Record<string, unknown>[]][]> {
  if (tables.length === 0) return [];
  if (dialectOf(target.database.db) === 'postgres') {
    const parts = tables.map(([table, names]) => {
      const columns = names.map((c) => `"${c}"`).join(', ');
      const order = names.map((c) => `x."${c}"`).join(', ');
      return `select '${table}' as t, (select coalesce(json_agg(x order by ${order}), '[]'::json) from (select ${columns} from "${table}") x) as r`;
    });
    const rows = await preparedRows<{ t: string; r: Record<string, unknown>[] }>(target, parts.join(' union all '));
    const byTable = new Map(rows.map((row) => [row.t, row.r]));
    return tables.map(([table]) => [table, byTable.get(table) ?? []]);
  }
  const result: [string, Record<string, unknown>[]][] = [];
  for (const [table, names] of tables) {
    const columns = names.map((c) => `"${c}"`).join(', ');
    result.push([table, await sqlRows(target, `select ${columns} from "${table}" order by ${columns}`)]);
  }
  return result;
}

/**
 * Rows of a long statement without parameters, prepared on each connection it runs on. The server's own client
 * prepares only texts under 8,000 characters; sent unnamed, this union of every table was parsed and planned on every
 * call: 10 ms a call instead of 6 (2026-12-03). The name is a hash of the text, so one name always means one text.
 */
async function preparedRows<T>(target: WithDatabase, text: string): Promise<T[]> {
  const pool = (target.database as { pool?: pg.Pool }).pool;
  if (!pool) return sqlRows<T>(target, text);
  const name = `state_${createHash('sha1').update(text).digest('base64url')}`;
  return (await pool.query<T & pg.QueryResultRow>({ name, text })).rows;
}

/** Every row in any table that names this id in any column: what must be empty after the person is erased. */
export async function rowsMentioning(target: WithDatabase, id: string): Promise<{ table: string; row: unknown }[]> {
  const found: { table: string; row: unknown }[] = [];
  for (const [table, columns] of await tablesWithColumns(target)) {
    // Compared as text, so an integer column on PostgreSQL does not refuse a string id.
    const where = columns.map((c) => `cast("${c}" as text) = ?`).join(' OR ');
    const rows = await sqlRows(target, `select * from "${table}" where ${where}`, ...columns.map(() => id));
    found.push(...rows.map((row) => ({ table, row })));
  }
  return found;
}

/**
 * The content of every table, bookkeeping aside, as a count and a checksum: small enough to compare after each of
 * many requests.
 */
export async function databaseState(target: WithDatabase): Promise<DatabaseState> {
  const tables = (await tablesWithColumns(target))
    .filter(([table]) => !BOOKKEEPING_TABLES.has(table) && !COUNTER_TABLES.has(table))
    .map(([table, names]): [string, string[]] => {
      const skipped = BOOKKEEPING_COLUMNS[table] ?? [];
      return [table, names.filter((name) => !skipped.includes(name))];
    });
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const [table, rows] of await rowsOf(target, tables)) {
    counts[table] = rows.length;
    hash.update(`${table}\n${JSON.stringify(rows.map((row) => Object.values(row)))}\n`);
  }
  return { counts, checksum: hash.digest('hex') };
}
