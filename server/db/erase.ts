import { sql } from 'kysely';
import { REQUIRED_SETTINGS, type DB } from './database';
import { processLogger } from '#server/observability/process-logger';
import { dialectOf } from './dialect';

/**
 * Words someone deleted or replaced must leave the disk, not only the tables. `secure_delete` (database.ts) zeroes
 * them in the database file's pages, but the write-ahead log keeps every page as it was at each commit: a page
 * holding the old words stays in the `-wal` file until a checkpoint copies the log into the database file, and
 * even a log restarted after a checkpoint is overwritten only as far as later commits reach. A TRUNCATE checkpoint
 * copies the whole log into the file, where `secure_delete` has already zeroed the old words, and cuts the log to
 * zero bytes.
 *
 * This is the one place that knows how the store keeps old versions of a page. On PostgreSQL it does nothing: there,
 * a deleted row stays in its page as a dead tuple until (auto)vacuum reclaims the space, and the WAL segments are the
 * server's to recycle; both belong to the database's administrator (docs/operations.md, docs/security.md).
 */

/**
 * How long to wait for a reader in another process (a backup, the admin command) before leaving the log for later:
 * better-sqlite3 waits synchronously, so every request waits with it.
 */
const WAIT_FOR_READERS_MS = 100;
const RETRY_EVERY_MS = 2_000;
/** A backup of a large database may read for a while; after this many tries the hourly housekeeping takes over. */
const RETRIES = 30;

const pendingRetries = new WeakMap<DB, NodeJS.Timeout>();
const CHECKPOINT_FAILED =
  'Could not checkpoint the write-ahead log after a deletion; the hourly housekeeping will try again.';

/**
 * Runs after the transaction that removed or replaced someone's words has committed: inside it, the log still
 * holds frames no checkpoint may copy yet, and a call there throws. Otherwise it never fails the request, since the
 * deletion itself has succeeded: a checkpoint that cannot finish now is retried shortly, and again by the hourly
 * housekeeping.
 */
export async function checkpointAfterErase(db: DB): Promise<void> {
  if (db.isTransaction)
    throw new Error('checkpointAfterErase runs after the transaction has committed, not inside it.');
  if (dialectOf(db) === 'postgres') return;
  try {
    if (await truncateLog(db)) cancelRetry(db);
    else retryLater(db, RETRIES);
  } catch (error) {
    processLogger().error({ err: error }, CHECKPOINT_FAILED);
  }
}

/** True when the log was copied into the file and cut to zero bytes; false when a reader held it. */
async function truncateLog(db: DB): Promise<boolean> {
  return db.connection().execute(async (connection) => {
    // The one connection is held for the whole callback, so no other request runs with the shorter wait.
    await sql.raw(`pragma busy_timeout = ${WAIT_FOR_READERS_MS}`).execute(connection);
    try {
      const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(truncate)`.execute(connection);
      return rows[0]?.busy === 0;
    } finally {
      await sql.raw(`pragma busy_timeout = ${REQUIRED_SETTINGS.busy_timeout}`).execute(connection);
    }
  });
}

/** One pending retry per database is enough: a checkpoint takes in every deletion committed before it. */
function retryLater(db: DB, triesLeft: number): void {
  if (pendingRetries.has(db)) return;
  const timer = setTimeout(() => {
    pendingRetries.delete(db);
    truncateLog(db).then(
      (done) => {
        if (done) return;
        if (triesLeft > 1) retryLater(db, triesLeft - 1);
        else
          processLogger().warn(
            'Another connection kept reading the database; the write-ahead log is left for the hourly housekeeping.',
          );
      },
      (error: unknown) => processLogger().error({ err: error }, CHECKPOINT_FAILED),
    );
  }, RETRY_EVERY_MS);
  // A pending retry never keeps the process alive: the last connection to close checkpoints the log and removes it.
  timer.unref();
  pendingRetries.set(db, timer);
}

function cancelRetry(db: DB): void {
  clearTimeout(pendingRetries.get(db));
  pendingRetries.delete(db);
}
