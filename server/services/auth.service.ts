import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type * as z from 'zod/mini';
import type { loginInputSchema, signupInputSchema, UserDto } from '../../shared/schemas/auth.schema';
import { hashPassword, isVerifiableHash } from '../auth/password';
import { busyAsTooMany } from '../auth/rate-limits';
import { findLoginByEmail, findUserByEmail, findUserById, insertUser, toUserDto } from '../repositories/users.repository';
import type { Context } from '../trpc/context';
import { countedCheck } from './password-check.service';
import { startSession } from './session.service';

export async function signup(ctx: Context, input: z.output<typeof signupInputSchema>): Promise<UserDto> {
  if (await findUserByEmail(ctx.db, input.email)) throw emailTaken();
  const id = randomUUID();
  const inserted = await insertUser(ctx.db, {
    id,
    email: input.email,
    password_hash: await busyAsTooMany(hashPassword(input.password, ctx.config.scryptCost, input.email)),
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

export async function login(ctx: Context, input: z.output<typeof loginInputSchema>): Promise<UserDto> {
  const user = await findLoginByEmail(ctx.db, input.email);
  // An unknown email, or an account no password opens (a demo), is checked against the decoy: every login costs one
  // hash, waits in the same line and fails the same way, so none of them tells whether the account exists.
  const usable = user && isVerifiableHash(user.password_hash) ? user : null;
  const check = await countedCheck(ctx, {
    account: input.email,
    password: input.password,
    stored: usable?.password_hash ?? ctx.decoyPasswordHash,
    owner: input.email,
    lockedMessage: 'Too many attempts for this account. Wait 15 minutes, then try again.',
  });
  if (!usable || !check.matched) throw new TRPCError({ code: 'UNAUTHORIZED', message: WRONG_CREDENTIALS });
  ctx.failedLogins.reset(input.email);
  await startSession(ctx, usable.id);
  return toUserDto(usable);
}
