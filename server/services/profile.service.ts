import type * as z from 'zod/mini';
import type { changeEmailInputSchema, updateProfileInputSchema } from '#shared/schemas/account.schema';
import type { UserDto } from '#shared/schemas/auth.schema';
import { checkpointAfterErase } from '#server/db/erase';
import { inTransaction, isUniqueViolation } from '#server/db/dialect';
import type { AppDeps } from '#server/deps';
import { Conflict, Forbidden, NotFound } from '#server/errors';
import { deletePasswordResetsOf } from '#server/repositories/credentials.repository';
import { deleteUnsubscribeTokensOf, forgetConfirmedAddress } from '#server/repositories/email.repository';
import { findUserByEmail, findUserById, updateDisplayName, updateEmail } from '#server/repositories/users.repository';
import type { Caller } from './caller';
import { toUserDto } from './caller';
import { confirmPassword } from './password.service';

const GONE = 'This account no longer exists.';

/** The person as they are now, after a change of their own. */
async function currentUser(deps: AppDeps, id: string): Promise<UserDto> {
  const person = await findUserById(deps.db, id);
  if (!person) throw new NotFound(GONE);
  return toUserDto(person);
}

/**
 * A new name for the caller. Everyone who sees them (their partner, their coach, the couples a coach works with) reads
 * it from the next request on: names are read from the account each time, never copied.
 */
export async function updateProfile(
  deps: AppDeps,
  caller: Caller,
  input: z.output<typeof updateProfileInputSchema>,
): Promise<UserDto> {
  if (!(await updateDisplayName(deps.db, caller.id, input.displayName))) throw new NotFound(GONE);
  // The old name is gone from the table; the checkpoint takes it out of the write-ahead log as well.
  if (input.displayName !== caller.displayName) await checkpointAfterErase(deps.db);
  return currentUser(deps, caller.id);
}

const EMAIL_TAKEN = 'Another account already uses this email. Choose a different one.';

/**
 * A new email to log in with, confirmed with the current password: the same check, limits and failed-attempt count
 * as a password change, so a borrowed session can neither guess the password nor take the account over by moving its
 * email. Sessions stay as they are: the password did not change. A demo account keeps its made-up address.
 */
export async function changeEmail(
  deps: AppDeps,
  caller: Caller,
  sessionId: string,
  input: z.output<typeof changeEmailInputSchema>,
): Promise<UserDto> {
  if (caller.isDemo === 1) {
    throw new Forbidden("The demo account's email can't be changed. Sign up to have an account of your own.");
  }
  await confirmPassword(
    deps,
    caller,
    sessionId,
    input.currentPassword,
    "That isn't your current password. Your email is unchanged.",
  );
  if (input.email === caller.email) return currentUser(deps, caller.id);
  if (await findUserByEmail(deps.db, input.email)) throw new Conflict(EMAIL_TAKEN);
  try {
    await inTransaction(deps.db, async (trx) => {
      if (!(await updateEmail(trx, caller.id, input.email))) throw new NotFound(GONE);
      // Links mailed to the old address stop working with it: a reset link there would hand the account to whoever
      // reads that mailbox now, an unsubscribe link would let them switch off email that now goes elsewhere.
      await deletePasswordResetsOf(trx, caller.id);
      await deleteUnsubscribeTokensOf(trx, caller.id);
      // Confirmed was the address left behind: going back to it later takes a new link, as it may have changed hands
      // (and the old address is not kept).
      await forgetConfirmedAddress(trx, caller.id);
    });
  } catch (error) {
    // Someone signed up with this email a moment after the check above: the unique index settles it.
    if (isUniqueViolation(error)) throw new Conflict(EMAIL_TAKEN);
    throw error;
  }
  await checkpointAfterErase(deps.db);
  return currentUser(deps, caller.id);
}
