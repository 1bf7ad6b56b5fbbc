import type SQLite from 'better-sqlite3';
import type pg from 'pg';

/** One app table as the copy reads and writes it: its columns in the target's order, with the target's types. */
export interface CopyTable {
  name: string;
  columns: { name: string; type: string }[];
}

/** The migrator's own bookkeeping: each database keeps its own, written by its own migration run. */
const MIGRATOR_TABLE = /^kysely_migration/;

/**
 * Every app table of the migrated target, parents before children (a child's foreign keys then find their rows
 * as it is inserted), read from the schema so that a table added by a later migration is copied too. The source
 * must have the same tables and columns: both were migrated by this version, so a difference means one of them was
 * changed by hand, and the copy stops before writing anything.
 */
export async function readCopyPlan(source: SQLite.Database, target: pg.PoolClient): Promise<CopyTable[]> {
  const { rows: columnRows } = await target.query<{ table: string; column: string; type: string }>(
    `select c.table_name as "table", c.column_name as "column", c.data_type as "type"
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, CopyTable>();
  for (const row of columnRows) {
    if (MIGRATOR_TABLE.test(row.table)) continue;
    const table = tables.get(row.table) ?? { name: row.table, columns: [] };
    table.columns.push({ name: row.column, type: row.type });
    tables.set(row.table, table);
  }
  checkSourceMatches(source, [...tables.values()]);
  const { rows: references } = await target.query<{ child: string; parent: string }>(
    `select child.relname as child, parent.relname as parent
       from pg_constraint k
       join pg_class child on child.oid = k.conrelid
       join pg_class parent on parent.oid = k.confrelid
      where k.contype = 'f' and child.relnamespace = current_schema()::regnamespace`,
  );
  return parentsFirst([...tables.values()], references);
}

/** The source's app tables and columns, by name, must be exactly the target's. */
function checkSourceMatches(source: SQLite.Database, tables: CopyTable[]): void {
  const sourceTables = source
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'")
    .pluck()
    .all() as string[];
  const appTables = sourceTables.filter((name) => !MIGRATOR_TABLE.test(name));
  const targetNames = new Set(tables.map((t) => t.name));
  const problems = [
    ...appTables.filter((name) => !targetNames.has(name)).map((name) => `table ${name} exists only in SQLite`),
    ...tables.filter((t) => !appTables.includes(t.name)).map((t) => `table ${t.name} exists only in PostgreSQL`),
  ];
  for (const table of tables.filter((t) => appTables.includes(t.name))) {
    const sourceColumns = source.prepare('select name from pragma_table_info(?)').pluck().all(table.name) as string[];
    const targetColumns = table.columns.map((c) => c.name);
    if (sourceColumns.slice().sort().join() !== targetColumns.slice().sort().join())
      problems.push(
        `${table.name} has columns (${sourceColumns.join(', ')}) in SQLite, (${targetColumns.join(', ')}) in PostgreSQL`,
      );
  }
  if (problems.length > 0)
    throw new Error(
      `The two schemas differ although both are migrated, so nothing was copied: ${problems.join('; ')}.`,
    );
}

/**
 * A topological order over the foreign keys, alphabetical among equals so every run copies in the same order. A
 * table that refers to itself needs no ordering against itself here; a cycle between tables cannot be copied one
 * table at a time and is refused.
 */
export function parentsFirst(tables: CopyTable[], references: { child: string; parent: string }[]): CopyTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const parentsOf = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const { child, parent } of references)
    if (child !== parent && byName.has(parent)) parentsOf.get(child)?.add(parent);
  const ordered: CopyTable[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = [...byName.keys()]
      .filter((name) => !placed.has(name) && [...parentsOf.get(name)!].every((p) => placed.has(p)))
      .sort();
    if (ready.length === 0) {
      const left = [...byName.keys()].filter((name) => !placed.has(name));
      throw new Error(
        `The foreign keys of ${left.join(', ')} form a cycle: they cannot be copied one table at a time.`,
      );
    }
    for (const name of ready) {
      placed.add(name);
      ordered.push(byName.get(name)!);
    }
  }
  return ordered;
}
