import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { TableChecksum, quote, selectOrdered } from './checksum';
import type { CopyTable } from './schema';

/** PostgreSQL takes at most 65535 parameters in one statement. */
const MAX_PARAMETERS = 65_535;
/**
 * Rows per insert, well below that limit for any table: 200,000 check-ins went in 2.8 to 3.8 s whether 250 or 7,000
 * rows per statement (docs/decisions.md), so the statements stay small (under 1 MB of parameters).
 */
const MAX_ROWS_PER_INSERT = 1_000;
/** Rows read back per fetch while checking the target. */
const FETCH_ROWS = 5_000;

/**
 * Reads the source table in checksum order and writes it in multi-row inserts. Every key is made by the app (text
 * ids), so there is no sequence to move forward afterwards.
 */
export async function copyTable(
  source: SQLite.Database,
  client: pg.PoolClient,
  table: CopyTable,
): Promise<{ rows: number; checksum: string }> {
  const checksum = new TableChecksum();
  const columns = table.columns.map((c) => quote(c.name)).join(', ');
  const perInsert = Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / table.columns.length));
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const width = table.columns.length;
    const tuples = batch.map((_, r) => `(${table.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`);
    await client.query(`insert into ${quote(table.name)} (${columns}) values ${tuples.join(', ')}`, batch.flat());
    batch = [];
  };
  for (const row of source.prepare(selectOrdered(table, 'sqlite')).raw(true).iterate() as Iterable<unknown[]>) {
    checksum.add(row);
    batch.push(row);
    if (batch.length >= perInsert) await flush();
  }
  await flush();
  return { rows: checksum.rows, checksum: checksum.digest() };
}

/**
 * The target table's count, and the checksum of its rows read back in order, inside the copying transaction. Counted
 * apart from the rows read, so that a difference in either shows.
 */
export async function readBack(
  client: pg.PoolClient,
  table: CopyTable,
): Promise<{ counted: number; read: number; checksum: string }> {
  const { rows } = await client.query<{ n: number }>(`select count(*) as n from ${quote(table.name)}`);
  const checksum = new TableChecksum();
  await client.query(`declare copy_check no scroll cursor for ${selectOrdered(table, 'postgres')}`);
  for (;;) {
    const fetched = await client.query<unknown[]>({
      text: `fetch forward ${FETCH_ROWS} from copy_check`,
      rowMode: 'array',
    });
    for (const row of fetched.rows) checksum.add(row);
    if (fetched.rows.length < FETCH_ROWS) break;
  }
  await client.query('close copy_check');
  return { counted: Number(rows[0]!.n), read: checksum.rows, checksum: checksum.digest() };
}
