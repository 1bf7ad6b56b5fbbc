import { createHash } from 'node:crypto';
import type SQLite from 'better-sqlite3';

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

/** The content of every table in the file, found from the schema so tables added later are included. */
export function databaseState(sqlite: SQLite.Database): DatabaseState {
  const tables = (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[])
    .map((t) => t.name)
    .filter((name) => !BOOKKEEPING_TABLES.has(name));
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const skipped = BOOKKEEPING_COLUMNS[table] ?? [];
    const columns = (sqlite.prepare('select name from pragma_table_info(?)').all(table) as { name: string }[])
      .map((c) => `"${c.name}"`)
      .filter((c) => !skipped.includes(c.slice(1, -1)));
    const rows = sqlite.prepare(`select ${columns.join(', ')} from "${table}" order by ${columns.join(', ')}`).raw().all();
    counts[table] = rows.length;
    hash.update(`${table}\n${JSON.stringify(rows)}\n`);
  }
  return { counts, checksum: hash.digest('hex') };
}
