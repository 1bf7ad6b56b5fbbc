import { randomUUID } from 'node:crypto';
import type * as z from 'zod/mini';
import type { loginInputSchema, signupInputSchema, UserDto } from '#shared/schemas/auth.schema';
import { hashPassword, isVerifiableHash } from '#server/auth/password';
import { busyAsTooMany } from '#server/auth/rate-limits';
import type { AppDeps } from '#server/deps';
import { Conflict, Unauthenticated } from '#server/errors';
import { findLoginByEmail, findUserByEmail, findUserById, insertUser } from '#server/repositories/users.repository';
import { toUserDto } from './caller';
import { countedCheck } from './password-check.service';
import { startSession, type SessionHandle } from './session.service';

export async function signup(
  deps: AppDeps,
  session: SessionHandle,
  input: z.output<typeof signupInputSchema>,
): Promise<UserDto> {
  if (await findUserByEmail(deps.db, input.email)) throw emailTaken();
  const id = randomUUID();
  const inserted = await insertUser(deps.db, {
    id,
    email: input.email,
    password_hash: await busyAsTooMany(hashPassword(input.password, deps.config.scryptCost, input.email)),
    display_name: input.displayName,
    role: input.role,
    created_at: deps.now().toISOString(),
  });
  // Two signups with one email can race past the first check; the unique index settles it.
  if (!inserted) throw emailTaken();
  await startSession(deps, session, id);
  return toUserDto((await findUserById(deps.db, id))!);
}

function emailTaken() {
  return new Conflict('An account with this email already exists. Log in instead.');
}

const WRONG_CREDENTIALS = "That email and password don't match an account. Check both and try again.";

export async function login(
  deps: AppDeps,
  session: SessionHandle,
  input: z.output<typeof loginInputSchema>,
): Promise<UserDto> {
  const person = await findLoginByEmail(deps.db, input.email);
  // An unknown email, or an account no password opens (a demo), is checked against the decoy: every login costs one
  // hash, waits in the same line and fails the same way, so none of them tells whether the account exists.
  const usable = person && isVerifiableHash(person.passwordHash) ? person : null;
  const check = await countedCheck(deps, {
    account: input.email,
    password: input.password,
    stored: usable?.passwordHash ?? deps.decoyPasswordHash,
    owner: input.email,
    lockedMessage: 'Too many attempts for this account. Wait 15 minutes, then try again.',
  });
  if (!usable || !check.matched) throw new Unauthenticated(WRONG_CREDENTIALS);
  await deps.failedLogins.reset(input.email);
  // The password was right when read; a reset, a change or a deletion since then wins (see startSession).
  if (!(await startSession(deps, session, usable.id, usable.passwordHash)))
    throw new Unauthenticated(WRONG_CREDENTIALS);
  return toUserDto(usable);
}
