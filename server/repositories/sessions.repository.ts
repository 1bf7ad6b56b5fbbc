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

/** The live session with that id, or nothing when it is unknown or expired. */
export function findLiveSession(db: DB, id: string, nowIso: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'last_seen_at', 'expires_at'])
    .where('id', '=', id)
    .where('expires_at', '>', nowIso)
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
