import type { PracticeId } from '#shared/practice-ids';
import type { Week } from '#shared/week';
import type { DB } from '#server/db/database';
import { compiledOnce } from '#server/db/compiled-once';
import type { CamelRow } from '#server/db/rows';
import type { CoupleFocusRow, UserRow } from '#server/db/tables';

function focusQuery(db: DB) {
  return db
    .selectFrom('couple_focuses')
    .leftJoin('users', 'users.id', 'couple_focuses.adopted_by')
    .select([
      'couple_focuses.id',
      'couple_focuses.practice_id as practiceId',
      'couple_focuses.start_week as startWeek',
      'couple_focuses.end_week as endWeek',
      'couple_focuses.adopted_by as adoptedBy',
      'couple_focuses.adopted_at as adoptedAt',
      'couple_focuses.ended_at as endedAt',
      'users.display_name as adoptedByName',
    ]);
}

/** A focus as stored, with the name of whoever adopted it (null once that account is gone). */
export type FocusRow = CamelRow<
  Pick<CoupleFocusRow, 'id' | 'practice_id' | 'start_week' | 'end_week' | 'adopted_by' | 'adopted_at' | 'ended_at'>
> & {
  adoptedByName: UserRow['display_name'] | null;
};

/** Every focus of the couple, newest first (the current one, if any, leads). */
export function listFocuses(db: DB, coupleId: string): Promise<FocusRow[]> {
  return focusesOfCoupleQuery(db, coupleId);
}

// Read on every dashboard, so compiled once.
const focusesOfCoupleQuery = compiledOnce((db: DB, coupleId: string) =>
  focusQuery(db)
    .where('couple_focuses.couple_id', '=', coupleId)
    .orderBy('couple_focuses.adopted_at', 'desc')
    .orderBy('couple_focuses.id', 'desc'),
);

export async function findCurrentFocus(db: DB, coupleId: string): Promise<FocusRow | null> {
  const row = await focusQuery(db)
    .where('couple_focuses.couple_id', '=', coupleId)
    .where('couple_focuses.end_week', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

/** Ends the current focus, if there is one. */
export async function endCurrentFocus(db: DB, coupleId: string, week: Week, nowIso: string): Promise<void> {
  await db
    .updateTable('couple_focuses')
    .set({ end_week: week, ended_at: nowIso })
    .where('couple_id', '=', coupleId)
    .where('end_week', 'is', null)
    .execute();
}

export async function insertFocus(
  db: DB,
  focus: { id: string; coupleId: string; practiceId: PracticeId; startWeek: Week; adoptedBy: string; nowIso: string },
): Promise<void> {
  await db
    .insertInto('couple_focuses')
    .values({
      id: focus.id,
      couple_id: focus.coupleId,
      practice_id: focus.practiceId,
      start_week: focus.startWeek,
      end_week: null,
      adopted_by: focus.adoptedBy,
      adopted_at: focus.nowIso,
      ended_at: null,
    })
    .execute();
}
