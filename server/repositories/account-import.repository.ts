import type { ExportedAssessment, ExportedReflection } from '../../shared/schemas/account-export.schema';
import type { DB } from '../db/database';
import { equalRatings, ratingsJson } from './assessments.repository';

/** Rows per statement: well under SQLite's limit of bound parameters, whatever the column count. */
const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export interface ImportRow<T> {
  id: string;
  item: T;
}

/**
 * Writes the check-ins; a week the person already logged takes the file's ratings and note. Its first submission
 * time stays the database's own, and if the ratings differ (by value, as for a resubmission) they changed now: a file
 * cannot move either back in time, so it cannot hide a change made after both partners had answered (see
 * `changedAfterBothAnswered`). Run inside the import's transaction, so what is read is what is replaced.
 */
export async function upsertAssessments(db: DB, userId: string, rows: ImportRow<ExportedAssessment>[], nowIso: string): Promise<void> {
  const stored = new Map(
    (await db.selectFrom('assessments').select(['week', 'ratings', 'ratings_changed_at']).where('user_id', '=', userId).execute()).map(
      (row) => [row.week, row],
    ),
  );
  // A file says nothing about when the partner answered: a new week claims no late change.
  const ratingsChangedAt = (item: ExportedAssessment) => {
    const existing = stored.get(item.week);
    if (!existing) return item.createdAt;
    return equalRatings(existing.ratings, item.ratings) ? existing.ratings_changed_at : nowIso;
  };
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('assessments')
      .values(
        chunk.map(({ id, item }) => ({
          id,
          user_id: userId,
          week: item.week,
          ratings: ratingsJson(item.ratings),
          note: item.note,
          created_at: item.createdAt,
          updated_at: item.updatedAt,
          ratings_changed_at: ratingsChangedAt(item),
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

/**
 * Writes the reflections. One written for the same practice at the same moment is the same reflection, so
 * importing a file twice replaces rather than doubles.
 */
export async function replaceReflections(db: DB, userId: string, rows: ImportRow<ExportedReflection>[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await db
      .deleteFrom('reflections')
      .where('user_id', '=', userId)
      .where((eb) =>
        eb(
          eb.refTuple('practice_id', 'created_at'),
          'in',
          chunk.map(({ item }) => eb.tuple(item.practiceId, item.createdAt)),
        ),
      )
      .execute();
    await db
      .insertInto('reflections')
      .values(
        chunk.map(({ id, item }) => ({
          id,
          user_id: userId,
          practice_id: item.practiceId,
          body: item.body,
          visibility: item.visibility,
          created_at: item.createdAt,
          updated_at: item.updatedAt,
        })),
      )
      .execute();
  }
}
