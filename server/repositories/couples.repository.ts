import type { DB } from '#server/db/database';
import { compiledOnce } from '#server/db/compiled-once';
import type { CoupleMembersTable, UsersTable } from '#server/db/tables';

export async function insertCouple(db: DB, couple: { id: string; createdAt: string; isDemo?: boolean }): Promise<void> {
  await db
    .insertInto('couples')
    .values({ id: couple.id, created_at: couple.createdAt, is_demo: couple.isDemo ? 1 : 0 })
    .execute();
}

export async function insertMember(db: DB, coupleId: string, userId: string, joinedAt: string): Promise<void> {
  await db.insertInto('couple_members').values({ couple_id: coupleId, user_id: userId, joined_at: joinedAt }).execute();
}

export function findCoupleIdOfUser(db: DB, userId: string): Promise<string | undefined> {
  return db
    .selectFrom('couple_members')
    .select('couple_id')
    .where('user_id', '=', userId)
    .executeTakeFirst()
    .then((row) => row?.couple_id);
}

/**
 * A partner of a couple, with when they joined it and when a partner last left while they stayed: the couple's current
 * membership begins with the latest of those (`membershipStart`).
 */
export interface CoupleMemberRow {
  id: UsersTable['id'];
  displayName: UsersTable['display_name'];
  joinedAt: CoupleMembersTable['joined_at'];
  partnerLeftAt: CoupleMembersTable['partner_left_at'];
}

/** The columns of a `CoupleMemberRow`, from `couple_members` joined to `users`. */
export const COUPLE_MEMBER_COLUMNS = [
  'users.id as id',
  'users.display_name as displayName',
  'couple_members.joined_at as joinedAt',
  'couple_members.partner_left_at as partnerLeftAt',
] as const;

/** The couple's partners in the order they joined, so every caller lists them the same way. */
export const listPartners: (db: DB, coupleId: string) => Promise<CoupleMemberRow[]> = compiledOnce(
  (db: DB, coupleId: string) =>
    db
      .selectFrom('couple_members')
      .innerJoin('users', 'users.id', 'couple_members.user_id')
      .select(COUPLE_MEMBER_COLUMNS)
      .where('couple_members.couple_id', '=', coupleId)
      .orderBy('couple_members.joined_at')
      .orderBy('users.id'),
);

export async function countMembers(db: DB, coupleId: string): Promise<number> {
  const row = await db
    .selectFrom('couple_members')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('couple_id', '=', coupleId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
