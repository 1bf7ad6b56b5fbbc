import type { DB } from '../db/database';

// Reads of everything one person wrote, for their export: one query per kind of data, never one per row.

export function findMembership(db: DB, userId: string) {
  return db.selectFrom('couple_members').select(['couple_id', 'joined_at']).where('user_id', '=', userId).executeTakeFirst();
}

export function listOwnAssessments(db: DB, userId: string) {
  return db
    .selectFrom('assessments')
    .select(['week', 'ratings', 'note', 'created_at', 'updated_at', 'imported_created_at'])
    .where('user_id', '=', userId)
    .orderBy('week')
    .execute();
}

export function listOwnReflections(db: DB, userId: string) {
  return db
    .selectFrom('reflections')
    .select(['practice_id', 'body', 'visibility', 'created_at', 'updated_at', 'imported_created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    // Reflections restored together share their creation time: the order of their files' times tells them apart.
    .orderBy('imported_created_at')
    .orderBy('practice_id')
    .execute();
}

export function listFocusesAdoptedBy(db: DB, userId: string) {
  return db
    .selectFrom('couple_focuses')
    .select(['couple_id', 'practice_id', 'start_week', 'end_week', 'adopted_at', 'ended_at'])
    .where('adopted_by', '=', userId)
    .orderBy('adopted_at')
    .execute();
}

export function listOwnCoachNotes(db: DB, coachId: string) {
  return db
    .selectFrom('coach_notes')
    .select(['couple_id', 'body', 'created_at', 'updated_at'])
    .where('coach_id', '=', coachId)
    .orderBy('created_at')
    .execute();
}

export function listOwnCoachFocuses(db: DB, coachId: string) {
  return db
    .selectFrom('coach_focuses')
    .select(['couple_id', 'practice_id', 'note', 'assigned_at'])
    .where('coach_id', '=', coachId)
    .orderBy('assigned_at')
    .execute();
}
