import type { DB } from '#server/db/database';
import type { ActivityEventsTable, UsersTable } from '#server/db/tables';

export interface NewActivity {
  id: string;
  coupleId: string;
  kind: string;
  actorId: string | null;
  week: string | null;
  at: string;
}

/** Written through `db`, the transaction of the change it records. */
export async function insertActivity(db: DB, event: NewActivity): Promise<void> {
  await db
    .insertInto('activity_events')
    .values({
      id: event.id,
      couple_id: event.coupleId,
      kind: event.kind,
      actor_id: event.actorId,
      week: event.week,
      at: event.at,
    })
    .execute();
}

/** An entry of the feed as stored, with the current name of the person it is about (null once that account is gone). */
export interface ActivityRow {
  id: ActivityEventsTable['id'];
  kind: ActivityEventsTable['kind'];
  actorId: ActivityEventsTable['actor_id'];
  actorName: UsersTable['display_name'] | null;
  week: ActivityEventsTable['week'];
  at: ActivityEventsTable['at'];
}

/**
 * One couple's entries from `since` on (a time, included), newest first, strictly older than `before` when given
 * (the time and id of the last entry of the page before: ids break ties between entries of the same instant).
 */
export function listActivity(
  db: DB,
  coupleId: string,
  since: string,
  before: { at: string; id: string } | null,
  limit: number,
): Promise<ActivityRow[]> {
  let query = db
    .selectFrom('activity_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.kind', 'e.actor_id as actorId', 'u.display_name as actorName', 'e.week', 'e.at'])
    .where('e.couple_id', '=', coupleId)
    .where('e.at', '>=', since);
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('e.at', '<', before.at), eb.and([eb('e.at', '=', before.at), eb('e.id', '<', before.id)])]),
    );
  }
  return query.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
}
