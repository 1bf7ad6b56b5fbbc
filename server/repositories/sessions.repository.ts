import type { DB } from '../db/database';

export interface SessionTimes {
  createdAt: string;
  expiresAt: string;
}

export async function insertSession(db: DB, id: string, userId: string, times: SessionTimes): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id, user_id: userId, created_at: times.createdAt, last_seen_at: times.createdAt, expires_at: times.expiresAt })
    .execute();
}

/** The person behind a live session, with the session's last use: one read per request. */
export function findSessionUser(db: DB, id: string, nowIso: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('couple_members', 'couple_members.user_id', 'users.id')
    .selectAll('users')
    .select(['couple_members.couple_id', 'sessions.last_seen_at as session_last_seen_at'])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', nowIso)
    .executeTakeFirst();
}

export async function touchSession(db: DB, id: string, nowIso: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: nowIso }).where('id', '=', id).execute();
}

export async function deleteSession(db: DB, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: DB, nowIso: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
}
