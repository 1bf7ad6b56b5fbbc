import type { UserDto } from '../../shared/schemas/auth.schema';
import type { DB } from '../db/database';
import type { NewUser, UserRow } from '../db/tables';

/** A person as the server works with them: every column but the password hash, which only the password checks read. */
export type UserWithCouple = Omit<UserRow, 'password_hash'> & { couple_id: string | null };

/** Named one by one, so a column added to `users` later (a secret, say) is not handed out on every request unasked. */
export const USER_COLUMNS = [
  'users.id',
  'users.email',
  'users.display_name',
  'users.role',
  'users.is_demo',
  'users.created_at',
] as const;

const selectUserWithCouple = (db: DB) =>
  db
    .selectFrom('users')
    .leftJoin('couple_members', 'couple_members.user_id', 'users.id')
    .select(USER_COLUMNS)
    .select('couple_members.couple_id');

export function findUserByEmail(db: DB, email: string): Promise<UserWithCouple | undefined> {
  return selectUserWithCouple(db).where('users.email', '=', email).executeTakeFirst();
}

export function findUserById(db: DB, id: string): Promise<UserWithCouple | undefined> {
  return selectUserWithCouple(db).where('users.id', '=', id).executeTakeFirst();
}

/** The person a login names, with the hash the password is checked against. */
export function findLoginByEmail(db: DB, email: string): Promise<(UserWithCouple & Pick<UserRow, 'password_hash'>) | undefined> {
  return selectUserWithCouple(db).select('users.password_hash').where('users.email', '=', email).executeTakeFirst();
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

export function toUserDto(row: UserWithCouple): UserDto {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    coupleId: row.couple_id ?? null,
    isDemo: row.is_demo === 1,
  };
}
