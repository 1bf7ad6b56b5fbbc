import type { DB } from '#server/db/database';
import type { PasswordResetsTable, UsersTable } from '#server/db/tables';

/** Read only when a password is checked, so the hash never rides along with the caller on other requests. */
export async function findPasswordHash(db: DB, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash;
}

export async function updatePasswordHash(db: DB, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export interface NewPasswordReset {
  tokenHash: string;
  userId: string;
  /** Where the link goes: it works only while the account's email is still this address. */
  address: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * Stores a new link beside any still open: a stranger who knows someone's address and asks for links cannot cancel
 * the one its owner is about to use. Using any of them ends the others (resetPassword).
 */
export async function addPasswordReset(db: DB, reset: NewPasswordReset): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({
      token_hash: reset.tokenHash,
      user_id: reset.userId,
      address: reset.address,
      created_at: reset.createdAt,
      expires_at: reset.expiresAt,
    })
    .execute();
}

/** A new link replaces any earlier one still open: only the latest link an administrator printed works. */
export async function replacePasswordReset(db: DB, reset: NewPasswordReset): Promise<void> {
  await deleteOpenPasswordResets(db, reset.userId);
  await addPasswordReset(db, reset);
}

export interface PasswordResetRow {
  userId: PasswordResetsTable['user_id'];
  expiresAt: PasswordResetsTable['expires_at'];
  usedAt: PasswordResetsTable['used_at'];
  address: PasswordResetsTable['address'];
  /** The email of the person the link is for, whose failed logins a reset clears. */
  email: UsersTable['email'];
}

export async function findPasswordReset(db: DB, tokenHash: string): Promise<PasswordResetRow | null> {
  const row = await db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select([
      'password_resets.user_id as userId',
      'password_resets.expires_at as expiresAt',
      'password_resets.used_at as usedAt',
      'password_resets.address',
      'users.email',
    ])
    .where('password_resets.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Marks the link used; false when another request used it first (a link works exactly once), or when the account's
 * email is no longer the address the link went to.
 */
export async function markPasswordResetUsed(db: DB, tokenHash: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: nowIso })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    // Checked again in the write: an email changed since the link was read ends it too.
    .where('address', '=', (eb) =>
      eb.selectFrom('users').select('users.email').whereRef('users.id', '=', 'password_resets.user_id'),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Every link of this person, used ones too: after an email change, none of them may keep the address left behind (a
 * link to it no longer works in any case).
 */
export async function deletePasswordResetsOf(db: DB, userId: string): Promise<void> {
  await db.deleteFrom('password_resets').where('user_id', '=', userId).execute();
}

/** Links past their time, used or not: a used one is kept until then only to tell a second use apart. */
export async function deleteExpiredPasswordResets(db: DB, nowIso: string): Promise<void> {
  await db.deleteFrom('password_resets').where('expires_at', '<=', nowIso).execute();
}

/** Open links stop working once the password changes some other way. */
export async function deleteOpenPasswordResets(db: DB, userId: string): Promise<void> {
  await db.deleteFrom('password_resets').where('user_id', '=', userId).where('used_at', 'is', null).execute();
}
