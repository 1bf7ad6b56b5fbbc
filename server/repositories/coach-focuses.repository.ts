import type { CoachFocusDto } from '../../shared/schemas/coach.schema';
import { isPracticeId } from '../../shared/practice-ids';
import type { DB } from '../db/database';

/** One focus per coach and couple: assigning again replaces it. */
export async function upsertCoachFocus(
  db: DB,
  focus: { coupleId: string; coachId: string; practiceId: string; note: string | null; assignedAt: string },
): Promise<void> {
  await db
    .insertInto('coach_focuses')
    .values({ couple_id: focus.coupleId, coach_id: focus.coachId, practice_id: focus.practiceId, note: focus.note, assigned_at: focus.assignedAt })
    .onConflict((oc) =>
      oc.columns(['couple_id', 'coach_id']).doUpdateSet({ practice_id: focus.practiceId, note: focus.note, assigned_at: focus.assignedAt }),
    )
    .execute();
}

export async function deleteCoachFocus(db: DB, coupleId: string, coachId: string): Promise<void> {
  await db.deleteFrom('coach_focuses').where('couple_id', '=', coupleId).where('coach_id', '=', coachId).execute();
}

export async function findCoachFocus(db: DB, coupleId: string, coachId: string): Promise<CoachFocusDto | null> {
  const row = await db
    .selectFrom('coach_focuses')
    .select(['practice_id', 'note', 'assigned_at'])
    .where('couple_id', '=', coupleId)
    .where('coach_id', '=', coachId)
    .executeTakeFirst();
  // A row naming a practice that no longer exists reads as no focus rather than breaking the page.
  if (!row || !isPracticeId(row.practice_id)) return null;
  return { practiceId: row.practice_id, note: row.note, assignedAt: row.assigned_at };
}

/** Every coach's focus for the couple: when its membership changes, what they assigned was for the pair before. */
export async function deleteCoachFocusesOfCouple(db: DB, coupleId: string): Promise<void> {
  await db.deleteFrom('coach_focuses').where('couple_id', '=', coupleId).execute();
}
