import type { DB } from '#server/db/database';
import { compiledOnce } from '#server/db/compiled-once';
import type { CoupleMemberRow } from './couples.repository';
import { USER_COLUMNS, type PersonRow } from './users.repository';

export interface SessionTimes {
  createdAt: string;
  /** The absolute end: however much the session is used, it ends then. */
  expiresAt: string;
}

export async function insertSession(db: DB, id: string, userId: string, times: SessionTimes): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      created_at: times.createdAt,
      last_seen_at: times.createdAt,
      expires_at: times.expiresAt,
    })
    .execute();
}

/** A session is live until its absolute end, and as long as it was used after `idleSinceIso`. */
export interface LiveAt {
  nowIso: string;
  idleSinceIso: string;
}

/** The person behind a live session, the session's last use, and the partners of their couple, if any. */
export interface SessionUser {
  person: PersonRow;
  lastSeenAt: string;
  /** The couple's partners in the order `listPartners` gives; empty for someone in no couple. */
  partners: CoupleMemberRow[];
}

/**
 * One read per request: the session, its person, and their couple's partners, whom every read of the couple needs
 * (`resolveCoupleAccess`). Read together, they cost one round trip on PostgreSQL instead of two, and come from one
 * moment. One row per partner (one row with no partner for someone in no couple).
 */
export async function findSessionUser(db: DB, id: string, live: LiveAt): Promise<SessionUser | undefined> {
  const rows = await sessionUserQuery(db, id, live.nowIso, live.idleSinceIso);
  const first = rows[0];
  if (!first) return undefined;
  const { sessionLastSeenAt, partnerId, partnerName, partnerJoinedAt, partnerLeftAt, ...person } = first;
  const partners: CoupleMemberRow[] = [];
  for (const row of rows) {
    if (row.partnerId !== null && row.partnerName !== null && row.partnerJoinedAt !== null)
      partners.push({
        id: row.partnerId,
        displayName: row.partnerName,
        joinedAt: row.partnerJoinedAt,
        partnerLeftAt: row.partnerLeftAt,
      });
  }
  return { person, lastSeenAt: sessionLastSeenAt, partners };
}

const sessionUserQuery = compiledOnce((db: DB, id: string, nowIso: string, idleSinceIso: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('couple_members', 'couple_members.user_id', 'users.id')
    .leftJoin('couple_members as partners', 'partners.couple_id', 'couple_members.couple_id')
    .leftJoin('users as partner', 'partner.id', 'partners.user_id')
    .select(USER_COLUMNS)
    .select([
      'sessions.last_seen_at as sessionLastSeenAt',
      'partner.id as partnerId',
      'partner.display_name as partnerName',
      'partners.joined_at as partnerJoinedAt',
      'partners.partner_left_at as partnerLeftAt',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', nowIso)
    .where('sessions.last_seen_at', '>', idleSinceIso)
    // As listPartners orders them.
    .orderBy('partners.joined_at')
    .orderBy('partner.id'),
);

export async function touchSession(db: DB, id: string, nowIso: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: nowIso }).where('id', '=', id).execute();
}

export async function deleteSession(db: DB, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of the person, or every one but `keepId` (the one changing the password keeps working). */
export async function deleteSessionsOfUser(db: DB, userId: string, keepId: string | null = null): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) query = query.where('id', '!=', keepId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: DB, live: LiveAt): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', live.nowIso), eb('last_seen_at', '<=', live.idleSinceIso)]))
    .execute();
}
