import type { DB } from '#server/db/database';

/** rate-limiter-flexible's table (see server/auth/rate-limits.ts): the library reads and writes it; we only prune. */
interface RateLimitsTable {
  key: string;
  points: number;
  /** Epoch milliseconds at which the key's window ends. */
  expire: number | null;
}

/** Removes the keys whose window ended before `nowMs`: the library already reads them as absent. */
export async function deleteExpiredRateLimits(db: DB, nowMs: number): Promise<number> {
  const result = await db
    .withTables<{ rate_limits: RateLimitsTable }>()
    .deleteFrom('rate_limits')
    .where('expire', '<', nowMs)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
