import type { Selectable } from 'kysely';
import type { PracticeId } from '#shared/practice-ids';
import type { Ratings } from '#shared/schemas/common.schema';
import type { ReflectionVisibility } from '#shared/schemas/reflection.schema';
import type { Week } from '#shared/week';
import { chunks } from '#server/db/chunks';
import type { DB } from '#server/db/database';
import { ratingsJson } from '#server/db/ratings-encoding';
import type { CamelRow } from '#server/db/rows';
import type { AssessmentRow, ReflectionsTable } from '#server/db/tables';

export type StoredWeekRow = CamelRow<Pick<AssessmentRow, 'week' | 'ratings' | 'note' | 'ratings_changed_at'>>;

/** The person's check-ins as an import compares them. Read inside the import's transaction. */
export function listStoredWeeks(db: DB, userId: string): Promise<StoredWeekRow[]> {
  return db
    .selectFrom('assessments')
    .select(['week', 'ratings', 'note', 'ratings_changed_at as ratingsChangedAt'])
    .where('user_id', '=', userId)
    .execute();
}

export type StoredReflectionRow = CamelRow<Pick<Selectable<ReflectionsTable>, 'practice_id' | 'body'>>;

/** The person's reflections as an import compares them: practice and text. */
export function listStoredReflections(db: DB, userId: string): Promise<StoredReflectionRow[]> {
  return db
    .selectFrom('reflections')
    .select(['practice_id as practiceId', 'body'])
    .where('user_id', '=', userId)
    .execute();
}

export interface ImportedWeek {
  id: string;
  week: Week;
  ratings: Ratings;
  note: string | null;
  /** The file's creation time, kept as information; a week already stored keeps what it had. */
  importedCreatedAt: string;
  ratingsChangedAt: string;
}

/**
 * Writes check-ins that are new or differ from the stored ones. A new week is created now, by the server's clock; a
 * week already logged keeps its first creation time, so the file cannot move anyone's first answer in time.
 */
export async function writeImportedWeeks(
  db: DB,
  userId: string,
  rows: readonly ImportedWeek[],
  nowIso: string,
): Promise<void> {
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('assessments')
      .values(
        chunk.map((row) => ({
          id: row.id,
          user_id: userId,
          week: row.week,
          ratings: ratingsJson(row.ratings),
          note: row.note,
          created_at: nowIso,
          updated_at: nowIso,
          ratings_changed_at: row.ratingsChangedAt,
          imported_created_at: row.importedCreatedAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['user_id', 'week']).doUpdateSet((eb) => ({
          ratings: eb.ref('excluded.ratings'),
          note: eb.ref('excluded.note'),
          updated_at: nowIso,
          ratings_changed_at: eb.ref('excluded.ratings_changed_at'),
        })),
      )
      .execute();
  }
}

export interface ImportedReflection {
  id: string;
  practiceId: PracticeId;
  body: string;
  visibility: ReflectionVisibility;
  importedCreatedAt: string;
}

/** Adds reflections, written now by the server's clock. */
export async function insertImportedReflections(
  db: DB,
  userId: string,
  rows: readonly ImportedReflection[],
  nowIso: string,
): Promise<void> {
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('reflections')
      .values(
        chunk.map((row) => ({
          id: row.id,
          user_id: userId,
          practice_id: row.practiceId,
          body: row.body,
          visibility: row.visibility,
          created_at: nowIso,
          updated_at: nowIso,
          imported_created_at: row.importedCreatedAt,
        })),
      )
      .execute();
  }
}
