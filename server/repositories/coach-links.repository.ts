import type { DB } from '#server/db/database';
import { compiledOnce } from '#server/db/compiled-once';
import type { UsersTable } from '#server/db/tables';
import { COUPLE_MEMBER_COLUMNS, type CoupleMemberRow } from './couples.repository';

/** A coach let in again no longer reads as ended on their roster. */
export async function insertCoachLink(db: DB, coupleId: string, coachId: string, createdAt: string): Promise<void> {
  await db
    .insertInto('coach_links')
    .values({ couple_id: coupleId, coach_id: coachId, created_at: createdAt })
    .execute();
  await db.deleteFrom('coach_links_ended').where('couple_id', '=', coupleId).where('coach_id', '=', coachId).execute();
}

/** When the coach's current access to the couple began; null without one. */
export async function findCoachLinkStart(db: DB, coupleId: string, coachId: string): Promise<string | null> {
  const row = await db
    .selectFrom('coach_links')
    .select('created_at')
    .where('couple_id', '=', coupleId)
    .where('coach_id', '=', coachId)
    .executeTakeFirst();
  return row?.created_at ?? null;
}

/** The couples this coach holds a link to. */
export async function listCoupleIdsOfCoach(db: DB, coachId: string): Promise<string[]> {
  const rows = await db.selectFrom('coach_links').select('couple_id').where('coach_id', '=', coachId).execute();
  return rows.map((r) => r.couple_id);
}

/** Remembers, for the coach's roster, that their access to the couple ended (the couple's id and when, nothing more). */
async function rememberEnded(db: DB, coupleId: string, coachIds: string[], endedAt: string): Promise<void> {
  if (coachIds.length === 0) return;
  await db
    .insertInto('coach_links_ended')
    .values(coachIds.map((coachId) => ({ couple_id: coupleId, coach_id: coachId, ended_at: endedAt })))
    .onConflict((oc) => oc.columns(['coach_id', 'couple_id']).doUpdateSet({ ended_at: endedAt }))
    .execute();
}

/**
 * Before a couple nobody is left in is deleted (its links go with it): every coach's access ends now. Nothing when
 * someone is still in it.
 */
export async function rememberLinksOfEmptyCouple(db: DB, coupleId: string, endedAt: string): Promise<void> {
  const someone = await db
    .selectFrom('couple_members')
    .select('user_id')
    .where('couple_id', '=', coupleId)
    .executeTakeFirst();
  if (someone) return;
  const coaches = await db.selectFrom('coach_links').select('coach_id').where('couple_id', '=', coupleId).execute();
  await rememberEnded(
    db,
    coupleId,
    coaches.map((c) => c.coach_id),
    endedAt,
  );
}

/** Forgets ended access older than `before`: after that the coach's roster no longer mentions the couple. */
export async function deleteEndedLinksBefore(db: DB, before: string): Promise<void> {
  await db.deleteFrom('coach_links_ended').where('ended_at', '<', before).execute();
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
      .select(COUPLE_MEMBER_COLUMNS)
      .where('coach_links.couple_id', '=', coupleId)
      .where('coach_links.coach_id', '=', coachId)
      .orderBy('couple_members.joined_at')
      .orderBy('users.id'),
  );

export interface CoachOfCoupleRow {
  id: UsersTable['id'];
  displayName: UsersTable['display_name'];
  /** When this coach's current access began. */
  linkedAt: string;
}

/** The couple's coaches, in the order they were let in. */
export function listCoaches(db: DB, coupleId: string): Promise<CoachOfCoupleRow[]> {
  return db
    .selectFrom('coach_links')
    .innerJoin('users', 'users.id', 'coach_links.coach_id')
    .select(['users.id as id', 'users.display_name as displayName', 'coach_links.created_at as linkedAt'])
    .where('coach_links.couple_id', '=', coupleId)
    .orderBy('coach_links.created_at')
    .orderBy('users.id')
    .execute();
}

/**
 * Ends a coach's access: the link and the focus they assigned go together, and the coach's roster remembers when it
 * ended. False when there was no link.
 */
export async function deleteCoachLink(db: DB, coupleId: string, coachId: string, endedAt: string): Promise<boolean> {
  const result = await db
    .deleteFrom('coach_links')
    .where('couple_id', '=', coupleId)
    .where('coach_id', '=', coachId)
    .executeTakeFirst();
  await db.deleteFrom('coach_focuses').where('couple_id', '=', coupleId).where('coach_id', '=', coachId).execute();
  const removed = Number(result.numDeletedRows) === 1;
  if (removed) await rememberEnded(db, coupleId, [coachId], endedAt);
  return removed;
}
