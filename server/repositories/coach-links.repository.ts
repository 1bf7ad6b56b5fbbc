import type { DB } from '#server/db/database';
import { compiledOnce } from '#server/db/compiled-once';
import type { UsersTable } from '#server/db/tables';
import type { CoupleMemberRow } from './couples.repository';

export async function insertCoachLink(db: DB, coupleId: string, coachId: string, createdAt: string): Promise<void> {
  await db
    .insertInto('coach_links')
    .values({ couple_id: coupleId, coach_id: coachId, created_at: createdAt })
    .execute();
}

export async function hasCoachLink(db: DB, coupleId: string, coachId: string): Promise<boolean> {
  const row = await db
    .selectFrom('coach_links')
    .select('coach_id')
    .where('couple_id', '=', coupleId)
    .where('coach_id', '=', coachId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The couple's partners, in join order, provided the coach holds a live link to it: one query per request. */
export const listPartnersForCoach: (db: DB, coupleId: string, coachId: string) => Promise<CoupleMemberRow[]> =
  compiledOnce((db: DB, coupleId: string, coachId: string) =>
    db
      .selectFrom('coach_links')
      .innerJoin('couple_members', 'couple_members.couple_id', 'coach_links.couple_id')
      .innerJoin('users', 'users.id', 'couple_members.user_id')
      .select(['users.id as id', 'users.display_name as displayName', 'couple_members.joined_at as joinedAt'])
      .where('coach_links.couple_id', '=', coupleId)
      .where('coach_links.coach_id', '=', coachId)
      .orderBy('couple_members.joined_at')
      .orderBy('users.id'),
  );

export interface CoachOfCoupleRow {
  id: UsersTable['id'];
  displayName: UsersTable['display_name'];
}

/** The couple's coaches, in the order they were let in. */
export function listCoaches(db: DB, coupleId: string): Promise<CoachOfCoupleRow[]> {
  return db
    .selectFrom('coach_links')
    .innerJoin('users', 'users.id', 'coach_links.coach_id')
    .select(['users.id as id', 'users.display_name as displayName'])
    .where('coach_links.couple_id', '=', coupleId)
    .orderBy('coach_links.created_at')
    .orderBy('users.id')
    .execute();
}

/** Ends a coach's access: the link and the focus they assigned go together. False when there was no link. */
export async function deleteCoachLink(db: DB, coupleId: string, coachId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('coach_links')
    .where('couple_id', '=', coupleId)
    .where('coach_id', '=', coachId)
    .executeTakeFirst();
  await db.deleteFrom('coach_focuses').where('couple_id', '=', coupleId).where('coach_id', '=', coachId).execute();
  return Number(result.numDeletedRows) === 1;
}
