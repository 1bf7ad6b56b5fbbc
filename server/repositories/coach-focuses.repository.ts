import { isPracticeId, type PracticeId } from '#shared/practice-ids';
import type { DB } from '#server/db/database';
import type { CamelRow } from '#server/db/rows';
import type { CoachFocusesTable } from '#server/db/tables';

/** One focus per coach and couple: assigning again replaces it. */
export async function upsertCoachFocus(
  db: DB,
  focus: { coupleId: string; coachId: string; practiceId: string; note: string | null; assignedAt: string },
): Promise<void> {
  await db
    .insertInto('coach_focuses')
    .values({
      couple_id: focus.coupleId,
      coach_id: focus.coachId,
      practice_id: focus.practiceId,
      note: focus.note,
      assigned_at: focus.assignedAt,
    })
    .onConflict((oc) =>
      oc
        .columns(['couple_id', 'coach_id'])
        .doUpdateSet({ practice_id: focus.practiceId, note: focus.note, assigned_at: focus.assignedAt }),
    )
    .execute();
}

export async function deleteCoachFocus(db: DB, coupleId: string, coachId: string): Promise<void> {
  await db.deleteFrom('coach_focuses').where('couple_id', '=', coupleId).where('coach_id', '=', coachId).execute();
}

export type OwnCoachFocusRow = CamelRow<Pick<CoachFocusesTable, 'practice_id' | 'note' | 'assigned_at'>>;

/** This coach's own focus for the couple, whether or not another coach assigned one since; the practice as stored. */
export async function findFocusByCoach(db: DB, coupleId: string, coachId: string): Promise<OwnCoachFocusRow | null> {
  const row = await db
    .selectFrom('coach_focuses')
    .select(['practice_id as practiceId', 'note', 'assigned_at as assignedAt'])
    .where('couple_id', '=', coupleId)
    .where('coach_id', '=', coachId)
    .executeTakeFirst();
  return row ?? null;
}

/** Every coach's focus for the couple: when its membership changes, what they assigned was for the pair before. */
export async function deleteCoachFocusesOfCouple(db: DB, coupleId: string): Promise<void> {
  await db.deleteFrom('coach_focuses').where('couple_id', '=', coupleId).execute();
}

export interface CoachFocusRow {
  practiceId: PracticeId;
  coachId: string;
  note: string | null;
  coachName: string;
  assignedAt: string;
}

/**
 * The focus the couple sees: the one most recently assigned by any coach they still work with. The join on
 * coach_links is the consent: a revoked coach's assignment stays in its table but no longer counts.
 */
export async function findLatestCoachFocus(db: DB, coupleId: string): Promise<CoachFocusRow | null> {
  const rows = await db
    .selectFrom('coach_focuses')
    .innerJoin('coach_links', (join) =>
      join
        .onRef('coach_links.couple_id', '=', 'coach_focuses.couple_id')
        .onRef('coach_links.coach_id', '=', 'coach_focuses.coach_id'),
    )
    .innerJoin('users', 'users.id', 'coach_focuses.coach_id')
    .select([
      'coach_focuses.practice_id',
      'coach_focuses.coach_id',
      'coach_focuses.note',
      'coach_focuses.assigned_at',
      'users.display_name',
    ])
    .where('coach_focuses.couple_id', '=', coupleId)
    .orderBy('coach_focuses.assigned_at', 'desc')
    .orderBy('coach_focuses.coach_id')
    .execute();
  const row = rows.find((r) => isPracticeId(r.practice_id));
  if (!row || !isPracticeId(row.practice_id)) return null;
  return {
    practiceId: row.practice_id,
    coachId: row.coach_id,
    note: row.note,
    coachName: row.display_name,
    assignedAt: row.assigned_at,
  };
}
