import { sql } from 'kysely';
import type { DB } from './database';
import { createMigrator } from './migrator';

/**
 * Whether the database answers a trivial query within `timeoutMs`. Never rejects: a query that fails, or answers after
 * the time is up, is caught here, so a database that went away cannot surface as an unhandled rejection.
 *
 * Probes that come while one is waiting share its query, each with its own time limit: a flood of health checks (or
 * a database too slow to answer any) sends one probe query per process every two seconds at most, not one per probe.
 */
export async function databaseAnswers(db: DB, timeoutMs = 2_000): Promise<boolean> {
  return withinTime(oneProbeQuery(db), timeoutMs);
}

/** Longer than any probe waits (`/healthz` 2 s, `/readyz` 1 s): a query older than this is no longer shared. */
const SHARE_FOR_MS = 2_000;
interface WaitingProbe {
  query: Promise<boolean>;
  startedAt: number;
}
const probesWaiting = new WeakMap<DB, WaitingProbe>();

/**
 * The probe query waiting on this database, or a new one when none is. Shared only while it waits, and it cannot
 * reject (a failure is `false`): its answer is never kept for a later probe, which asks the database afresh. One that
 * has waited longer than any probe would is left to finish on its own, and the next probe sends a new query: a query
 * stuck on a connection the network silently dropped must not answer for every probe until the system gives up on it.
 */
function oneProbeQuery(db: DB): Promise<boolean> {
  const waiting = probesWaiting.get(db);
  if (waiting && Date.now() - waiting.startedAt < SHARE_FOR_MS) return waiting.query;
  const entry: WaitingProbe = {
    startedAt: Date.now(),
    query: sql`select 1`
      .execute(db)
      .then(
        () => true,
        () => false,
      )
      .finally(() => {
        // A newer query may have taken this one's place meanwhile.
        if (probesWaiting.get(db) === entry) probesWaiting.delete(db);
      }),
  };
  probesWaiting.set(db, entry);
  return entry.query;
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
