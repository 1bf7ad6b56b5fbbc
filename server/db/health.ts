import { sql } from 'kysely';
import type { DB } from './database';
import { createMigrator } from './migrator';

/**
 * Whether the database answers a trivial query within `timeoutMs`. Never rejects: a query that fails, or answers after
 * the time is up, is caught here, so a database that went away cannot surface as an unhandled rejection.
 */
export async function databaseAnswers(db: DB, timeoutMs = 2_000): Promise<boolean> {
  return withinTime(
    sql`select 1`.execute(db).then(() => true),
    timeoutMs,
  );
}

/** The migrations this code knows that the database has not had, oldest first. Reads only: nothing is applied. */
export async function pendingMigrations(db: DB): Promise<string[]> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/**
 * Whether every migration is applied, asked until the answer is yes: migrations are only ever added by a new
 * version, which a new process runs, so once true it stays true for this process and costs nothing more.
 */
export function migrationsApplied(db: DB, timeoutMs = 2_000): () => Promise<boolean> {
  let applied = false;
  return async () => {
    if (applied) return true;
    applied = await withinTime(
      pendingMigrations(db).then((pending) => pending.length === 0),
      timeoutMs,
    );
    return applied;
  };
}

/** `work`'s answer, or false when it fails or has not answered within `timeoutMs`. */
async function withinTime(work: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const answered = work.catch(() => false);
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}
