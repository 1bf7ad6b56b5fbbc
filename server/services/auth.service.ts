import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type * as z from 'zod/mini';
import type { loginInputSchema, signupInputSchema, UserDto } from '../../shared/schemas/auth.schema';
import { hashPassword, HashingBusyError, verifyPassword } from '../auth/password';
import { findUserByEmail, findUserById, insertUser, toUserDto } from '../repositories/users.repository';
import type { Context } from '../trpc/context';
import { startSession } from './session.service';

export async function signup(ctx: Context, input: z.output<typeof signupInputSchema>): Promise<UserDto> {
  if (await findUserByEmail(ctx.db, input.email)) throw emailTaken();
  const id = randomUUID();
  const inserted = await insertUser(ctx.db, {
    id,
    email: input.email,
    password_hash: await busyAsTooMany(hashPassword(input.password, ctx.config.scryptCost)),
    display_name: input.displayName,
    role: input.role,
    created_at: ctx.now().toISOString(),
  });
  // Two signups with one email can race past the first check; the unique index settles it.
  if (!inserted) throw emailTaken();
  await startSession(ctx, id);
  return toUserDto((await findUserById(ctx.db, id))!);
}

function emailTaken() {
  return new TRPCError({ code: 'CONFLICT', message: 'An account with this email already exists. Log in instead.' });
}

const WRONG_CREDENTIALS = "That email and password don't match an account. Check both and try again.";

// Verified against when the email is unknown, so both failures take the same time and cannot be told apart.
let decoyHash: Promise<string> | null = null;

export async function login(ctx: Context, input: z.output<typeof loginInputSchema>): Promise<UserDto> {
  const now = ctx.now().getTime();
  if (ctx.failedLogins.isBlocked(input.email, now)) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many attempts for this account. Wait 15 minutes, then try again.',
    });
  }
  // Counted as a failure before the (slow) check, so attempts running at the same time all see each other.
  ctx.failedLogins.recordFailure(input.email, now);
  const user = await findUserByEmail(ctx.db, input.email);
  decoyHash ??= hashPassword('decoy password', ctx.config.scryptCost);
  const valid = await busyAsTooMany(verifyPassword(input.password, user?.password_hash ?? (await decoyHash)));
  if (!user || !valid) throw new TRPCError({ code: 'UNAUTHORIZED', message: WRONG_CREDENTIALS });
  ctx.failedLogins.reset(input.email);
  await startSession(ctx, user.id);
  return toUserDto(user);
}

/** A full hashing queue is the server being busy, which the caller hears as "try again in a moment". */
export async function busyAsTooMany<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof HashingBusyError) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Tandem is busy checking other sign-ins. Try again in a moment.' });
    }
    throw error;
  }
}
