import type { Selectable } from 'kysely';
import type { DB } from '#server/db/database';
import type { CamelRow } from '#server/db/rows';
import type {
  AssessmentRow,
  CoachFocusesTable,
  CoachNotesTable,
  CoupleFocusesTable,
  CoupleMembersTable,
  ReflectionsTable,
} from '#server/db/tables';

// Reads of everything one person wrote, for their export: one query per kind of data, never one per row.

export type MembershipRow = CamelRow<Pick<Selectable<CoupleMembersTable>, 'couple_id' | 'joined_at'>>;

export async function findMembership(db: DB, userId: string): Promise<MembershipRow | null> {
  const row = await db
    .selectFrom('couple_members')
    .select(['couple_id as coupleId', 'joined_at as joinedAt'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ?? null;
}

export type OwnAssessmentExportRow = CamelRow<
  Pick<AssessmentRow, 'week' | 'ratings' | 'note' | 'created_at' | 'updated_at' | 'imported_created_at'>
>;

export function listOwnAssessments(db: DB, userId: string): Promise<OwnAssessmentExportRow[]> {
  return db
    .selectFrom('assessments')
    .select([
      'week',
      'ratings',
      'note',
      'created_at as createdAt',
      'updated_at as updatedAt',
      'imported_created_at as importedCreatedAt',
    ])
    .where('user_id', '=', userId)
    .orderBy('week')
    .execute();
}

export type OwnReflectionExportRow = CamelRow<
  Pick<
    Selectable<ReflectionsTable>,
    'practice_id' | 'body' | 'visibility' | 'created_at' | 'updated_at' | 'imported_created_at'
  >
>;

export function listOwnReflections(db: DB, userId: string): Promise<OwnReflectionExportRow[]> {
  return (
    db
      .selectFrom('reflections')
      .select([
        'practice_id as practiceId',
        'body',
        'visibility',
        'created_at as createdAt',
        'updated_at as updatedAt',
        'imported_created_at as importedCreatedAt',
      ])
      .where('user_id', '=', userId)
      .orderBy('reflections.created_at')
      // Reflections restored together share their creation time: the order of their files' times tells them apart.
      .orderBy('reflections.imported_created_at')
      .orderBy('reflections.practice_id')
      .execute()
  );
}

export type AdoptedFocusRow = CamelRow<
  Pick<
    Selectable<CoupleFocusesTable>,
    'couple_id' | 'practice_id' | 'start_week' | 'end_week' | 'adopted_at' | 'ended_at'
  >
>;

export function listFocusesAdoptedBy(db: DB, userId: string): Promise<AdoptedFocusRow[]> {
  return db
    .selectFrom('couple_focuses')
    .select([
      'couple_id as coupleId',
      'practice_id as practiceId',
      'start_week as startWeek',
      'end_week as endWeek',
      'adopted_at as adoptedAt',
      'ended_at as endedAt',
    ])
    .where('adopted_by', '=', userId)
    .orderBy('couple_focuses.adopted_at')
    .execute();
}

export type OwnCoachNoteRow = CamelRow<
  Pick<Selectable<CoachNotesTable>, 'couple_id' | 'body' | 'created_at' | 'updated_at'>
>;

export function listOwnCoachNotes(db: DB, coachId: string): Promise<OwnCoachNoteRow[]> {
  return db
    .selectFrom('coach_notes')
    .select(['couple_id as coupleId', 'body', 'created_at as createdAt', 'updated_at as updatedAt'])
    .where('coach_id', '=', coachId)
    .orderBy('coach_notes.created_at')
    .execute();
}

export type OwnCoachFocusRow = CamelRow<
  Pick<Selectable<CoachFocusesTable>, 'couple_id' | 'practice_id' | 'note' | 'assigned_at'>
>;

export function listOwnCoachFocuses(db: DB, coachId: string): Promise<OwnCoachFocusRow[]> {
  return db
    .selectFrom('coach_focuses')
    .select(['couple_id as coupleId', 'practice_id as practiceId', 'note', 'assigned_at as assignedAt'])
    .where('coach_id', '=', coachId)
    .orderBy('coach_focuses.assigned_at')
    .execute();
}
