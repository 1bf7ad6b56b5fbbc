import type { DB } from '#server/db/database';
import { Conflict } from '#server/errors';
import { findMembership } from '#server/repositories/account-data.repository';
import type { Caller } from './caller';

/**
 * The caller's couple as the database has it now, read in the transaction that writes for it. Callers refuse a
 * caller with no couple in their own words first; this refuses one whose couple, as the session named it, is no
 * longer theirs.
 *
 * The session's couple is read once, when a request begins. A `couple.leave` earlier in the same batch, or in another
 * request at the same moment, may have ended that membership since; a write for the couple made on the session's word
 * would then act for a couple the caller has left (a code for a coach, a focus, a coach's access ended). The
 * transaction makes the check and the write one step: on PostgreSQL a leave committed in between fails one of the two
 * (serializable), on SQLite writes take turns.
 */
export async function stillInCouple(trx: DB, caller: Caller): Promise<string> {
  const membership = caller.coupleId ? await findMembership(trx, caller.id) : null;
  if (!membership || membership.coupleId !== caller.coupleId) {
    throw new Conflict(
      "You're no longer in this couple, so this is no longer yours to change. Reload to see where things stand.",
    );
  }
  return membership.coupleId;
}
