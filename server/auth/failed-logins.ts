import { createHash, randomUUID } from 'node:crypto';
import type { DB } from '#server/db/database';
import { inTransaction } from '#server/db/dialect';
import {
  deleteFailure,
  deleteFailuresOf,
  deleteFailuresUntil,
  insertFailure,
  newestFailures,
} from '#server/repositories/failed-logins.repository';

/** What counting an attempt found: a lock (and how long it lasts), or the failure it wrote, to take back later. */
export type CountedAttempt = { locked: true; msUntilUnblocked: number } | { locked: false; failureId: string };

/**
 * Counts failed password checks per account, so a password cannot be guessed from many addresses at once: 10 in 15
 * minutes lock the account until the oldest of them is 15 minutes old. Counted in the database, so that every process
 * serving the app (WEB_CONCURRENCY, several machines) sees the same count; a restart keeps it.
 *
 * The account is the SHA-256 of the normalized email, not the email: the table names nobody, and an unknown email is
 * counted exactly like a known one.
 */
export class FailedLoginLimiter {
  constructor(
    private readonly db: DB,
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /**
   * Counts an attempt as failed, unless the account is locked already. The check and the count are one transaction,
   * so attempts at the same moment in different processes see each other: the eleventh never slips in beside the
   * tenth.
   */
  async countAttempt(email: string, now: Date): Promise<CountedAttempt> {
    const account = accountKey(email);
    const since = new Date(now.getTime() - this.windowMs).toISOString();
    // Only reads and one insert: a burst of guesses at one account must not turn into deletes that conflict with each
    // other at SERIALIZABLE. Failures past the window are never read here, and housekeeping removes them.
    return inTransaction(this.db, async (trx) => {
      const newest = await newestFailures(trx, account, since, this.maxFailures);
      if (newest.length >= this.maxFailures) {
        // Once the oldest of these leaves the window, fewer than maxFailures remain.
        const oldest = Date.parse(newest[this.maxFailures - 1]!);
        return { locked: true, msUntilUnblocked: Math.max(0, oldest + this.windowMs - now.getTime()) };
      }
      const failureId = randomUUID();
      await insertFailure(trx, { id: failureId, account, at: now.toISOString() });
      return { locked: false, failureId };
    });
  }

  /**
   * Takes back one failure: the check it stood for did not happen (the server was too busy) or found the right
   * password. Only that one: failures recorded alongside it stay.
   */
  async withdrawFailure(failureId: string): Promise<void> {
    await deleteFailure(this.db, failureId);
  }

  /** Forgets every failure of the account: a right password at login, or a new password. */
  async reset(email: string): Promise<void> {
    await deleteFailuresOf(this.db, accountKey(email));
  }

  /** Removes failures no count looks at any more (housekeeping). */
  async prune(now: Date): Promise<number> {
    return deleteFailuresUntil(this.db, new Date(now.getTime() - this.windowMs).toISOString());
  }
}

/** The key an account is counted under: the SHA-256 of the email as the schema normalizes it (trimmed, lower case). */
export function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
