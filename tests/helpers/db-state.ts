import { createHash } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import type { Database } from '#server/db/tables';

/**
 * Writes that are bookkeeping rather than data, left out when comparing database states (docs/security.md lists
 * them): a session's last use is refreshed at most once an hour by any authenticated request, and the coach access
 * log records that a coach read a couple's data, which is the point of the log.
 */
export const BOOKKEEPING_COLUMNS: Record<string, string[]> = { sessions: ['last_seen_at'] };
export const BOOKKEEPING_TABLES = new Set(['coach_access_log']);

export interface DatabaseState {
  counts: Record<string, number>;
  /** SHA-256 over every row of every table (bookkeeping aside), in a stable order. */
  checksum: string;
}

/** Something holding an open database: a test app, or a server the test started. */
export interface WithDatabase {
  database: { sqlite: SQLite.Database };
}

/** Every table in the file but SQLite's own, by name: read from the schema, so tables added later are included. */
export function tableNames(sqlite: SQLite.Database): string[] {
  return (
    sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .all() as { name: string }[]
  ).map((t) => t.name);
}

export function columnNames(sqlite: SQLite.Database, table: string): string[] {
  return (sqlite.prepare('select name from pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
}

export function countRows(target: WithDatabase, table: keyof Database): number {
  return (target.database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

/** Every row of every table, in a stable order: equal snapshots mean a refused call changed nothing. */
export function snapshot(target: WithDatabase): Record<string, unknown[]> {
  const sqlite = target.database.sqlite;
  return Object.fromEntries(
    tableNames(sqlite).map((table) => [table, sqlite.prepare(`select * from "${table}" order by rowid`).all()]),
  );
}

/** Every row in any table that names this id in any column: what must be empty after the person is erased. */
export function rowsMentioning(target: WithDatabase, id: string): { table: string; row: unknown }[] {
  const sqlite = target.database.sqlite;
  return tableNames(sqlite).flatMap((table) => {
    const columns = columnNames(sqlite, table);
    const where = columns.map((c) => `"${c}" = ?`).join(' OR ');
    const rows = sqlite.prepare(`select * from "${table}" where ${where}`).all(...columns.map(() => id));
    return rows.map((row) => ({ table, row }));
  });
}

/**
 * The content of every table in the file, bookkeeping aside, as a count and a checksum: small enough to compare
 * after each of many requests.
 */
export function databaseState(target: WithDatabase): DatabaseState {
  const sqlite = target.database.sqlite;
  const tables = tableNames(sqlite).filter((name) => !BOOKKEEPING_TABLES.has(name));
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const skipped = BOOKKEEPING_COLUMNS[table] ?? [];
    const columns = columnNames(sqlite, table)
      .filter((name) => !skipped.includes(name))
      .map((name) => `"${name}"`);
    const rows = sqlite
      .prepare(`select ${columns.join(', ')} from "${table}" order by ${columns.join(', ')}`)
      .raw()
      .all();
    counts[table] = rows.length;
    hash.update(`${table}\n${JSON.stringify(rows)}\n`);
  }
  return { counts, checksum: hash.digest('hex') };
}
