import { PostgresAdapter, type Transaction } from 'kysely';
import type { DB } from './database';
import type { Database } from './tables';

// Where SQLite and PostgreSQL differ, told apart here once; the rest of the server writes one query for both.
// What needs no code, because the schema chose what both read alike (docs/decisions.md says why):
// - booleans are 0/1 integers, times are ISO-8601 UTC text, and JSON is text validated by zod on the way in and out;
// - emails are compared as stored, and stored as the schema normalizes them (trimmed, lower case), so the lookup is
//   case-insensitive on both without citext or COLLATE NOCASE;
// - upserts (`onConflict`) and `returning` compile for both;
// - integers come back as numbers from both (postgres.ts maps bigint and numeric).

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: DB): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** A write refused by a unique index or primary key: someone else got there first. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // better-sqlite3's codes, then PostgreSQL's SQLSTATE for unique_violation.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** PostgreSQL gave up a transaction so that another could win: running it again from the start is the remedy. */
function isSerializationFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/**
 * How often a transaction PostgreSQL gave up is run again, and how long it waits first: a random pause that doubles
 * with each attempt, up to 200 ms. Sixteen concurrent check-ins of eight partners (a 2-core machine) still ended in
 * serialization failures after 8 attempts of at most 5 ms × attempt; SERIALIZABLE also cancels transactions of
 * different people whose reads share an index page, so under load a few rounds are normal.
 */
const ATTEMPTS = 20;
const MAX_PAUSE_MS = 200;

/**
 * Runs `work` as one transaction, as atomic on PostgreSQL as on SQLite.
 *
 * On SQLite a transaction holds the only write lock from its first statement (`begin immediate`), so transactions run
 * one after another. PostgreSQL runs them side by side; at its default isolation two joins could each count one
 * partner and both take the last seat. SERIALIZABLE makes PostgreSQL refuse any outcome that no one-at-a-time order
 * could give, by failing one of the two; that one runs again from the start and sees the other's write. So `work`
 * must only touch the database (no side effects outside it): it may run more than once.
 */
export async function inTransaction<T>(db: DB, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'sqlite') return db.transaction().execute(work);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().setIsolationLevel('serializable').execute(work);
    } catch (error) {
      if (!isSerializationFailure(error) || attempt >= ATTEMPTS) throw error;
      // A short random pause lets the winner finish before the rerun.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_PAUSE_MS, 2 ** attempt)));
    }
  }
}
