import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { openDatabase } from '#server/db/database';
import { migrateToLatest } from '#server/db/migrator';
import { checkPostgresReachable, describePostgresUrl, openPostgres } from '#server/db/postgres';
import { DatabaseSetupError } from '#server/db/setup-error';
import { quote } from './checksum';
import { readCopyPlan, type CopyTable } from './schema';
import { copyTable, readBack } from './table-copy';

/** What was copied, table by table, in the order it was written. */
export interface CopyReport {
  tables: { name: string; rows: number; checksum: string }[];
  rows: number;
  ms: number;
}

/**
 * Copies the SQLite database at `sourcePath` into the empty PostgreSQL database at `targetUrl`:
 * 1. the target must answer and hold no row in any app table; otherwise a DatabaseSetupError, and nothing changed;
 * 2. both are brought to the latest migration (the source as `npm start` would, so both have one schema);
 * 3. in ONE transaction on the target: every app table, parents first, in multi-row inserts; then, still inside
 *    it, each table's row count and checksum read back from the target and compared with the source's. Any
 *    difference rolls everything back and throws.
 * The source is read inside one read transaction, so the copy is one moment of it even if something writes to the
 * file meanwhile (the server should be stopped: a write after that moment is not copied).
 * `say` receives the lines to show a person, a password never among them.
 */
export async function copySqliteToPostgres(options: {
  sourcePath: string;
  targetUrl: string;
  say: (line: string) => void;
}): Promise<CopyReport> {
  const started = performance.now();
  const { say } = options;
  const sourcePath = path.resolve(options.sourcePath);
  const where = describePostgresUrl(options.targetUrl);
  if (!isPostgresUrl(options.targetUrl))
    throw new DatabaseSetupError('The target must be a PostgreSQL URL: postgres://user:password@host:5432/database.');
  if (!fs.existsSync(sourcePath))
    throw new DatabaseSetupError(
      `There is no Tandem database at ${sourcePath}. Set DATABASE_PATH to the file the server uses.`,
    );

  // Two connections: the copy holds one for its transaction while the migrator takes the other.
  const target = openPostgres(options.targetUrl, { poolSize: 2 });
  try {
    await checkPostgresReachable(target.db, options.targetUrl);
    const client = await target.pool.connect();
    // A connection the server drops while checked out reports here; the statement running then fails and says why.
    const onError = () => {};
    client.on('error', onError);
    try {
      // Before any change, so that a refused target is left exactly as it was (not even migrated).
      await refuseUnlessEmpty(client, where);
      say(`Copying ${sourcePath} into ${where}`);
      const source = openDatabase(sourcePath);
      try {
        const appliedToSource = await migrateToLatest(source.db);
        if (appliedToSource.length > 0) say(`SQLite: applied the migrations it lacked: ${appliedToSource.join(', ')}.`);
        const appliedToTarget = await migrateToLatest(target.db);
        say(
          `PostgreSQL: ${appliedToTarget.length > 0 ? `applied ${appliedToTarget.length} migrations` : 'schema already up to date'}.`,
        );
        const report = await copyInOneTransaction(source.sqlite, client, where, say);
        return { ...report, ms: Math.round(performance.now() - started) };
      } finally {
        await source.close();
      }
    } finally {
      client.off('error', onError);
      client.release();
    }
  } finally {
    await target.close();
  }
}

function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\/\S+$/.test(url) && URL.canParse(url);
}

async function copyInOneTransaction(
  source: SQLite.Database,
  client: pg.PoolClient,
  where: string,
  say: (line: string) => void,
): Promise<Omit<CopyReport, 'ms'>> {
  await client.query('begin');
  // One read transaction on SQLite: every table is read as of the same moment.
  source.exec('begin');
  try {
    // A big table takes longer to copy and read back than a request may (postgres.ts sets 30 s per statement).
    await client.query('set local statement_timeout = 0');
    const tables = await readCopyPlan(source, client);
    // Writers (a server started on this database by mistake) wait until the copy commits or rolls back.
    await client.query(`lock table ${tables.map((t) => quote(t.name)).join(', ')} in exclusive mode`);
    await refuseUnlessEmpty(client, where);

    const copied: { table: CopyTable; rows: number; checksum: string }[] = [];
    for (const table of tables) {
      try {
        copied.push({ table, ...(await copyTable(source, client, table)) });
      } catch (error) {
        // PostgreSQL refused a row SQLite holds (a NUL in text, a number out of range): say which table, and why.
        const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
        throw new DatabaseSetupError(
          `PostgreSQL refused a row of ${table.name} (${reason}): the copy was rolled back, and ${where} holds no app data.`,
        );
      }
    }

    const report: CopyReport['tables'] = [];
    const wrong: string[] = [];
    for (const { table, rows, checksum } of copied) {
      const found = await readBack(client, table);
      const same = found.counted === rows && found.read === rows && found.checksum === checksum;
      say(
        same
          ? `  ${table.name.padEnd(20)} ${String(rows).padStart(9)} rows  checksum ${checksum.slice(0, 16)}  OK`
          : `  ${table.name.padEnd(20)} ${rows} rows in SQLite, ${found.counted} in PostgreSQL; checksum ${checksum.slice(0, 16)} in SQLite, ${found.checksum.slice(0, 16)} in PostgreSQL  DIFFERENT`,
      );
      if (!same) wrong.push(table.name);
      report.push({ name: table.name, rows, checksum });
    }
    if (wrong.length > 0)
      throw new DatabaseSetupError(
        `What PostgreSQL holds differs from the SQLite database in ${wrong.join(', ')}: the copy was rolled back, and ${where} holds no app data.`,
      );
    await client.query('commit');
    return { tables: report, rows: report.reduce((sum, t) => sum + t.rows, 0) };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    source.exec('commit');
  }
}

/** Any row in any table other than the migrator's own: the target is someone's data, and is left alone. */
async function refuseUnlessEmpty(client: pg.PoolClient, where: string): Promise<void> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely\\_migration%'
      order by table_name`,
  );
  const withRows: string[] = [];
  for (const { name } of tables) {
    const { rowCount } = await client.query(`select 1 from ${quote(name)} limit 1`);
    if (rowCount) withRows.push(name);
  }
  if (withRows.length > 0)
    throw new DatabaseSetupError(
      `The PostgreSQL database at ${where} is not empty (rows in ${withRows.join(', ')}): copy only into a new, empty database. Nothing was changed.`,
    );
}
