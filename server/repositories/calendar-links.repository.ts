import type { DB } from '#server/db/database';

/** Gives the person a new link, replacing any they had: the old token stops working in the same statement. */
export async function replaceCalendarLink(db: DB, userId: string, tokenHash: string, createdAt: string): Promise<void> {
  await db
    .insertInto('calendar_links')
    .values({ user_id: userId, token_hash: tokenHash, created_at: createdAt })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: tokenHash, created_at: createdAt }))
    .execute();
}

/** Ends the person's link, if they have one. */
export async function deleteCalendarLink(db: DB, userId: string): Promise<void> {
  await db.deleteFrom('calendar_links').where('user_id', '=', userId).execute();
}

/** Whether the person has a live link (its token is never readable again). */
export async function findCalendarLinkCreatedAt(db: DB, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('calendar_links')
    .select('created_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.created_at ?? null;
}

/** What a feed is made of: the owner's name and role, their settings (null: the defaults) and the link's birth. */
export interface CalendarFeedRow {
  tokenHash: string;
  createdAt: string;
  displayName: string;
  role: 'partner' | 'coach';
  weekday: number | null;
  time: string | null;
  timeZone: string | null;
  settingsUpdatedAt: string | null;
}

/** The link with this token hash and everything its feed needs, in one query; undefined for an unknown hash. */
export async function findCalendarFeed(db: DB, tokenHash: string): Promise<CalendarFeedRow | undefined> {
  return db
    .selectFrom('calendar_links')
    .innerJoin('users', 'users.id', 'calendar_links.user_id')
    .leftJoin('reminder_settings', 'reminder_settings.user_id', 'calendar_links.user_id')
    .select([
      'calendar_links.token_hash as tokenHash',
      'calendar_links.created_at as createdAt',
      'users.display_name as displayName',
      'users.role as role',
      'reminder_settings.weekday as weekday',
      'reminder_settings.time as time',
      'reminder_settings.time_zone as timeZone',
      'reminder_settings.updated_at as settingsUpdatedAt',
    ])
    .where('calendar_links.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
