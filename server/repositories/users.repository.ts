import type { UserDto } from '../../shared/schemas/auth.schema';
import type { DB } from '../db/database';
import type { NewUser, UserRow } from '../db/tables';

export interface UserWithCouple extends UserRow {
  couple_id: string | null;
}

const selectUserWithCouple = (db: DB) =>
  db
    .selectFrom('users')
    .leftJoin('couple_members', 'couple_members.user_id', 'users.id')
    .selectAll('users')
    .select('couple_members.couple_id');

export function findUserByEmail(db: DB, email: string): Promise<UserWithCouple | undefined> {
  return selectUserWithCouple(db).where('users.email', '=', email).executeTakeFirst();
}

export function findUserById(db: DB, id: string): Promise<UserWithCouple | undefined> {
  return selectUserWithCouple(db).where('users.id', '=', id).executeTakeFirst();
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
