import type { DB } from '#server/db/database';
import type { CamelRow } from '#server/db/rows';
import type { NewUser, UserRow } from '#server/db/tables';

/**
 * A person as the server works with them, with their couple if they are in one: every column but the password hash,
 * which only the password checks read (`findLoginByEmail`, `findPasswordHash`).
 */
export type PersonRow = CamelRow<Omit<UserRow, 'password_hash'>> & { coupleId: string | null };

/** Named one by one, so a column added to `users` later (a secret, say) is not handed out on every request unasked. */
export const USER_COLUMNS = [
  'users.id',
  'users.email',
  'users.display_name as displayName',
  'users.role',
  'users.is_demo as isDemo',
  'users.created_at as createdAt',
  'couple_members.couple_id as coupleId',
] as const;

const selectPerson = (db: DB) =>
  db.selectFrom('users').leftJoin('couple_members', 'couple_members.user_id', 'users.id').select(USER_COLUMNS);

export function findUserByEmail(db: DB, email: string): Promise<PersonRow | undefined> {
  return selectPerson(db).where('users.email', '=', email).executeTakeFirst();
}

export function findUserById(db: DB, id: string): Promise<PersonRow | undefined> {
  return selectPerson(db).where('users.id', '=', id).executeTakeFirst();
}

/** The person a login names, with the hash the password is checked against. */
export function findLoginByEmail(db: DB, email: string): Promise<(PersonRow & { passwordHash: string }) | undefined> {
  return selectPerson(db)
    .select('users.password_hash as passwordHash')
    .where('users.email', '=', email)
    .executeTakeFirst();
}

/** Inserts the user unless the email is taken; returns false when it was. */
export async function insertUser(db: DB, user: NewUser): Promise<boolean> {
  const result = await db
    .insertInto('users')
    .values(user)
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The name the person is shown by; false when there is no such person. */
export async function updateDisplayName(db: DB, id: string, displayName: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ display_name: displayName })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The email the person logs in with; false when there is no such person. Throws on an email another account holds. */
export async function updateEmail(db: DB, id: string, email: string): Promise<boolean> {
  const result = await db.updateTable('users').set({ email }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
