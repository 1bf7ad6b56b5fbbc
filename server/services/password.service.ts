import { TRPCError } from '@trpc/server';
import type * as z from 'zod/mini';
import type { changePasswordInputSchema, resetPasswordInputSchema } from '../../shared/schemas/account.schema';
import { hashPassword } from '../auth/password';
import { busyAsTooMany, consumeOrRefuse, giveBack } from '../auth/rate-limits';
import { hashSecret, newSessionToken } from '../auth/secrets';
import type { DB } from '../db/database';
import {
  deleteOpenPasswordResets,
  findPasswordHash,
  findPasswordReset,
  markPasswordResetUsed,
  replacePasswordReset,
  updatePasswordHash,
} from '../repositories/credentials.repository';
import { deleteSessionsOfUser } from '../repositories/sessions.repository';
import { findUserByEmail, type UserWithCouple } from '../repositories/users.repository';
import type { Context } from '../trpc/context';
import { countedCheck } from './password-check.service';

const CHECKS_MESSAGE = 'Too many password checks for this account. Wait a minute, then try again.';

/**
 * Confirms the caller's password before a change that cannot be undone. Limited per session and per account, so no
 * account can keep the hashing line busy for everyone, and wrong guesses count against the same per-account limit as
 * logins, so a borrowed session cannot be used to guess the password. A right password takes back only its own count:
 * it does not clear the failed logins someone else ran up, which only a login, a reset link or time may do.
 */
export async function confirmPassword(ctx: Context, user: UserWithCouple, password: string, wrongMessage: string): Promise<void> {
  const limits = [
    [ctx.limits.passwordChecksPerSession, ctx.sessionId ?? `user:${user.id}`],
    [ctx.limits.passwordChecksPerAccount, user.id],
  ] as const;
  const spent: (typeof limits)[number][] = [];
  let check;
  try {
    for (const limit of limits) {
      await consumeOrRefuse(limit[0], limit[1], CHECKS_MESSAGE);
      spent.push(limit);
    }
    // An account deleted since the session was read has no hash; an empty one matches nothing, like a demo's.
    const stored = (await findPasswordHash(ctx.db, user.id)) ?? '';
    check = await countedCheck(ctx, {
      account: user.email,
      password,
      stored,
      owner: user.id,
      lockedMessage: 'Too many wrong passwords for this account. Wait 15 minutes, then try again.',
    });
  } catch (error) {
    // Refused before any password was checked (over a limit, locked out, or busy): that attempt costs no point.
    for (const [limiter, key] of spent) await giveBack(limiter, key);
    throw error;
  }
  // FORBIDDEN, not UNAUTHORIZED: the session is fine, and the page must not think it was logged out.
  if (!check.matched) throw new TRPCError({ code: 'FORBIDDEN', message: wrongMessage });
  check.uncount();
}

/** A new password: this session stays, every other one ends, and open reset links stop working. */
export async function changePassword(
  ctx: Context,
  user: UserWithCouple,
  sessionId: string,
  input: z.output<typeof changePasswordInputSchema>,
): Promise<{ ok: true; otherSessionsEnded: number }> {
  await confirmPassword(ctx, user, input.currentPassword, "That isn't your current password. Your password is unchanged.");
  const passwordHash = await busyAsTooMany(hashPassword(input.newPassword, ctx.config.scryptCost, user.id));
  const ended = await ctx.db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, user.id, passwordHash);
    await deleteOpenPasswordResets(trx, user.id);
    return deleteSessionsOfUser(trx, user.id, sessionId);
  });
  return { ok: true, otherSessionsEnded: ended };
}

const LINK_NOT_VALID = 'This reset link is not valid. Ask your administrator for a new one.';

/** Sets a new password with a one-time link; every session of that person ends, so a thief's session goes too. */
export async function resetPassword(ctx: Context, input: z.output<typeof resetPasswordInputSchema>): Promise<{ ok: true }> {
  const tokenHash = hashSecret(input.token);
  const reset = await findPasswordReset(ctx.db, tokenHash);
  const nowIso = ctx.now().toISOString();
  if (!reset) throw new TRPCError({ code: 'NOT_FOUND', message: LINK_NOT_VALID });
  if (reset.used_at) throw new TRPCError({ code: 'CONFLICT', message: 'This reset link has already been used. Ask your administrator for a new one.' });
  if (reset.expires_at <= nowIso) throw new TRPCError({ code: 'NOT_FOUND', message: 'This reset link has expired. Ask your administrator for a new one.' });

  const passwordHash = await busyAsTooMany(hashPassword(input.newPassword, ctx.config.scryptCost, reset.user_id));
  await ctx.db.transaction().execute(async (trx) => {
    // Checked again inside the write: two tabs submitting the same link at once must not both succeed.
    if (!(await markPasswordResetUsed(trx, tokenHash, nowIso))) {
      throw new TRPCError({ code: 'CONFLICT', message: 'This reset link has already been used. Ask your administrator for a new one.' });
    }
    await updatePasswordHash(trx, reset.user_id, passwordHash);
    await deleteSessionsOfUser(trx, reset.user_id);
  });
  // Whoever was locked out by wrong guesses may log in with the new password at once.
  ctx.failedLogins.reset(reset.email);
  return { ok: true };
}

export interface IssuedReset {
  token: string;
  expiresAt: Date;
}

/** Made by an administrator on the server's machine (`npm run admin -- reset-password <email>`). */
export async function issuePasswordReset(db: DB, email: string, now: Date, ttlMs: number): Promise<IssuedReset | null> {
  const user = await findUserByEmail(db, email.trim().toLowerCase());
  if (!user) return null;
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.transaction().execute((trx) =>
    replacePasswordReset(trx, { tokenHash: hashSecret(token), userId: user.id, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() }),
  );
  return { token, expiresAt };
}
