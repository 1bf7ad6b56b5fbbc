import { sql } from 'kysely';
import type { DB } from './database';

/**
 * Whether the database answers a trivial query within `timeoutMs`. Never rejects: a query that fails, or answers after
 * the time is up, is caught here, so a database that went away cannot surface as an unhandled rejection.
 */
export async function databaseAnswers(db: DB, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const answered = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}
