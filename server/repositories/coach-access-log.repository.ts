import { randomUUID } from 'node:crypto';
import type { DB } from '#server/db/database';
import type { CamelRow } from '#server/db/rows';
import type { CoachAccessLogTable } from '#server/db/tables';

export interface CoachRead {
  coachId: string;
  coachName: string;
  what: string;
  atIso: string;
  /** Reads of the same thing by the same coach since this time are already in the log. */
  sinceIso: string;
}

/**
 * One row per coach, couple and kind of read within the dedup window: a coach paging through a couple's charts
 * leaves one line in the couple's log, not fifty. Insert-if-absent in a single statement.
 */
export async function recordCoachRead(db: DB, coupleId: string, read: CoachRead): Promise<void> {
  await db
    .insertInto('coach_access_log')
    .columns(['id', 'couple_id', 'coach_id', 'coach_name', 'what', 'at'])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(randomUUID()).as('id'),
          eb.val(coupleId).as('couple_id'),
          eb.val(read.coachId).as('coach_id'),
          eb.val(read.coachName).as('coach_name'),
          eb.val(read.what).as('what'),
          eb.val(read.atIso).as('at'),
        ])
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom('coach_access_log')
                .select('id')
                .where('couple_id', '=', coupleId)
                .where('coach_id', '=', read.coachId)
                .where('what', '=', read.what)
                .where('at', '>', read.sinceIso),
            ),
          ),
        ),
    )
    .execute();
}

/** The roster shows every couple of the coach: one statement logs a read for each couple not logged recently. */
export async function recordRosterRead(db: DB, read: CoachRead): Promise<void> {
  await db
    .insertInto('coach_access_log')
    .columns(['id', 'couple_id', 'coach_id', 'coach_name', 'what', 'at'])
    .expression(
      db
        .selectFrom('coach_links as l')
        .select((eb) => [
          // An id unique per row without a random function in SQL: the couple id is unique within this insert.
          // Cast: PostgreSQL cannot infer a parameter's type from concat's "any" arguments.
          eb.fn<string>('concat', [eb.cast(eb.val(`${randomUUID()}:`), 'text'), eb.ref('l.couple_id')]).as('id'),
          'l.couple_id',
          eb.val(read.coachId).as('coach_id'),
          eb.val(read.coachName).as('coach_name'),
          eb.val(read.what).as('what'),
          eb.val(read.atIso).as('at'),
        ])
        .where('l.coach_id', '=', read.coachId)
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom('coach_access_log as g')
                .select('g.id')
                .whereRef('g.couple_id', '=', 'l.couple_id')
                .where('g.coach_id', '=', read.coachId)
                .where('g.what', '=', read.what)
                .where('g.at', '>', read.sinceIso),
            ),
          ),
        ),
    )
    .execute();
}

export type CoachReadRow = CamelRow<Pick<CoachAccessLogTable, 'coach_id' | 'coach_name' | 'what' | 'at'>>;

/** The couple's log from `sinceIso` on, newest first. */
export function listCoachReads(db: DB, coupleId: string, sinceIso: string, limit: number): Promise<CoachReadRow[]> {
  return db
    .selectFrom('coach_access_log')
    .select(['coach_id as coachId', 'coach_name as coachName', 'what', 'at'])
    .where('couple_id', '=', coupleId)
    .where('at', '>=', sinceIso)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
}

/** What the couple's log says instead of the name of a coach who has deleted their account. */
export const FORMER_COACH_NAME = 'a former coach';

/**
 * A deleted account takes its name out of the logs of the couples it coached. The couple still sees that a coach
 * looked, at what and when. Runs before the account is deleted, while its rows can still be found by its id.
 */
export async function forgetCoachName(db: DB, coachId: string): Promise<void> {
  await db
    .updateTable('coach_access_log')
    .set({ coach_name: FORMER_COACH_NAME })
    .where('coach_id', '=', coachId)
    .execute();
}
