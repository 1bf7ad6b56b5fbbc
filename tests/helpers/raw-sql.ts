import { CompiledQuery } from 'kysely';
import { dialectOf } from '#server/db/dialect';
import type { DB } from '#server/db/database';

/** Something holding an open database: a test app, or a server the test started. */
export interface WithDatabase {
  database: { db: DB };
}

/**
 * Plain SQL for tests that read or set rows directly, on SQLite and PostgreSQL alike. Write `?` for each parameter;
 * on PostgreSQL they become `$1`, `$2`, … (so a `?` must not appear inside a string literal).
 */
function compile(target: WithDatabase, text: string, params: readonly unknown[]): CompiledQuery {
  let n = 0;
  const sql = dialectOf(target.database.db) === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  return CompiledQuery.raw(sql, [...params]);
}

export async function sqlRows<T = Record<string, unknown>>(
  target: WithDatabase,
  text: string,
  ...params: unknown[]
): Promise<T[]> {
  return (await target.database.db.executeQuery<T>(compile(target, text, params))).rows;
}

export async function sqlRow<T = Record<string, unknown>>(
  target: WithDatabase,
  text: string,
  ...params: unknown[]
): Promise<T | undefined> {
  return (await sqlRows<T>(target, text, ...params))[0];
}

/** Runs a write; returns how many rows it changed. */
export async function sqlRun(target: WithDatabase, text: string, ...params: unknown[]): Promise<number> {
  const result = await target.database.db.executeQuery(compile(target, text, params));
  return Number(result.numAffectedRows ?? 0);
}
