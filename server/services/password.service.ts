import { inTransaction } from '#server/db/dialect';
import type * as z from 'zod/mini';
import type { changePasswordInputSchema, resetPasswordInputSchema } from '#shared/schemas/account.schema';
import { hashPassword } from '#server/auth/password';
import { busyAsTooMany, consumeOrRefuse, giveBack } from '#server/auth/rate-limits';
import { hashSecret, newSessionToken } from '#server/auth/secrets';
import type { DB } from '#server/db/database';
import type { AppDeps } from '#server/deps';
import { Conflict, Forbidden, NotFound } from '#server/errors';
import {
  deleteOpenPasswordResets,
  findPasswordHash,
  findPasswordReset,
  markPasswordResetUsed,
  replacePasswordReset,
  updatePasswordHash,
} from '#server/repositories/credentials.repository';
import { deleteSessionsOfUser } from '#server/repositories/sessions.repository';
import { findUserByEmail } from '#server/repositories/users.repository';
import type { Caller } from './caller';
import { countedCheck } from './password-check.service';

const CHECKS_MESSAGE = 'Too many password checks for this account. Wait a minute, then try again.';

/**
 * Confirms the caller's password before a change that cannot be undone. Limited per session and per account, so no
 * account can keep the hashing line busy for everyone, and wrong guesses count against the same per-account limit as
 * logins, so a borrowed session cannot be used to guess the password. A right password takes back only its own count:
 * it does not clear the failed logins someone else ran up, which only a login, a reset link or time may do.
 */
export async function confirmPassword(
  deps: AppDeps,
  caller: Caller,
  sessionId: string,
  password: string,
  wrongMessage: string,
): Promise<void> {
  const limits = [
    [deps.limits.passwordChecksPerSession, sessionId],
    [deps.limits.passwordChecksPerAccount, caller.id],
  ] as const;
  const spent: (typeof limits)[number][] = [];
  let check;
  try {
    for (const limit of limits) {
      await consumeOrRefuse(limit[0], limit[1], CHECKS_MESSAGE);
      spent.push(limit);
    }
    // An account deleted since the session was read has no hash; an empty one matches nothing, like a demo's.
    const stored = (await findPasswordHash(deps.db, caller.id)) ?? '';
    check = await countedCheck(deps, {
      account: caller.email,
      password,
      stored,
      owner: caller.id,
      lockedMessage: 'Too many wrong passwords for this account. Wait 15 minutes, then try again.',
    });
  } catch (error) {
    // Refused before any password was checked (over a limit, locked out, or busy): that attempt costs no point.
    for (const [limiter, key] of spent) await giveBack(limiter, key);
    throw error;
  }
  // Forbidden, not Unauthenticated: the session is fine, and the page must not think it was logged out.
  if (!check.matched) throw new Forbidden(wrongMessage);
  await check.uncount();
}

/** A new password: this session stays, every other one ends, and open reset links stop working. */
export async function changePassword(
  deps: AppDeps,
  caller: Caller,
  sessionId: string,
  input: z.output<typeof changePasswordInputSchema>,
): Promise<{ ok: true; otherSessionsEnded: number }> {
  await confirmPassword(
    deps,
    caller,
    sessionId,
    input.currentPassword,
    "That isn't your current password. Your password is unchanged.",
  );
  const passwordHash = await busyAsTooMany(hashPassword(input.newPassword, deps.config.scryptCost, caller.id));
  const ended = await inTransaction(deps.db, async (trx) => {
    await updatePasswordHash(trx, caller.id, passwordHash);
    await deleteOpenPasswordResets(trx, caller.id);
    return deleteSessionsOfUser(trx, caller.id, sessionId);
  });
  return { ok: true, otherSessionsEnded: ended };
}

/** Where a new link comes from: the login page when this server sends email, its administrator otherwise. */
function askForNewLink(deps: AppDeps): string {
  return deps.config.mail
    ? 'Ask for a new one with "Forgot your password?" on the login page.'
    : 'Ask whoever runs your Tandem server for a new one.';
}

/** Sets a new password with a one-time link; every session of that person ends, so a thief's session goes too. */
export async function resetPassword(
  deps: AppDeps,
  input: z.output<typeof resetPasswordInputSchema>,
): Promise<{ ok: true }> {
  const tokenHash = hashSecret(input.token);
  const reset = await findPasswordReset(deps.db, tokenHash);
  const nowIso = deps.now().toISOString();
  const linkUsed = `This reset link has already been used. ${askForNewLink(deps)}`;
  // A link mailed to an address the account has since left is no link at all, to whoever reads that address now.
  if (!reset || reset.address !== reset.email)
    throw new NotFound(`This reset link is not valid. ${askForNewLink(deps)}`);
  if (reset.usedAt) throw new Conflict(linkUsed);
  if (reset.expiresAt <= nowIso) throw new NotFound(`This reset link has expired. ${askForNewLink(deps)}`);

  const passwordHash = await busyAsTooMany(hashPassword(input.newPassword, deps.config.scryptCost, reset.userId));
  await inTransaction(deps.db, async (trx) => {
    // Checked again inside the write: two tabs submitting the same link at once must not both succeed.
    if (!(await markPasswordResetUsed(trx, tokenHash, nowIso))) throw new Conflict(linkUsed);
    // Every other link still open for this person ends with the one used.
    await deleteOpenPasswordResets(trx, reset.userId);
    await updatePasswordHash(trx, reset.userId, passwordHash);
    await deleteSessionsOfUser(trx, reset.userId);
  });
  // Whoever was locked out by wrong guesses may log in with the new password at once.
  await deps.failedLogins.reset(reset.email);
  return { ok: true };
}

export interface IssuedReset {
  token: string;
  expiresAt: Date;
}

/** Made by an administrator on the server's machine (`npm run admin -- reset-password <email>`). */
export async function issuePasswordReset(db: DB, email: string, now: Date, ttlMs: number): Promise<IssuedReset | null> {
  const person = await findUserByEmail(db, email.trim().toLowerCase());
  if (!person) return null;
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await inTransaction(db, (trx) =>
    replacePasswordReset(trx, {
      tokenHash: hashSecret(token),
      userId: person.id,
      address: person.email,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    }),
  );
  return { token, expiresAt };
}
