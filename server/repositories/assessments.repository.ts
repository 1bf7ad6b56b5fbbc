import { ratingsSchema, type Ratings } from '../../shared/schemas/common.schema';
import type { AssessmentDto } from '../../shared/schemas/assessment.schema';
import type { Week } from '../../shared/week';
import type { DB } from '../db/database';
import type { AssessmentRow } from '../db/tables';

export interface UpsertAssessment {
  id: string;
  userId: string;
  week: Week;
  ratings: Ratings;
  note: string | null;
  nowIso: string;
}

/** Submitting a week again replaces it; the first creation time is kept. */
export async function upsertAssessment(db: DB, a: UpsertAssessment): Promise<AssessmentDto> {
  await db
    .insertInto('assessments')
    .values({
      id: a.id,
      user_id: a.userId,
      week: a.week,
      ratings: JSON.stringify(a.ratings),
      note: a.note,
      created_at: a.nowIso,
      updated_at: a.nowIso,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'week']).doUpdateSet({ ratings: JSON.stringify(a.ratings), note: a.note, updated_at: a.nowIso }),
    )
    .execute();
  return { week: a.week, ratings: a.ratings, note: a.note, updatedAt: a.nowIso };
}

export async function findAssessment(db: DB, userId: string, week: Week): Promise<AssessmentDto | null> {
  const row = await db
    .selectFrom('assessments')
    .selectAll()
    .where('user_id', '=', userId)
    .where('week', '=', week)
    .executeTakeFirst();
  return row ? toAssessmentDto(row) : null;
}

export interface WeekRange {
  fromWeek?: Week | undefined;
  toWeek?: Week | undefined;
}

/** Every check-in of these people in the range, in one query, oldest first. */
export function listAssessments(db: DB, userIds: string[], range: WeekRange): Promise<AssessmentRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  let query = db.selectFrom('assessments').selectAll().where('user_id', 'in', userIds);
  if (range.fromWeek) query = query.where('week', '>=', range.fromWeek);
  if (range.toWeek) query = query.where('week', '<=', range.toWeek);
  return query.orderBy('week').orderBy('user_id').execute();
}

/** Who of these people has logged the week: one query for the whole couple. */
export async function usersWhoSubmitted(db: DB, userIds: string[], week: Week): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('assessments')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('week', '=', week)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Ratings are validated when read too, so a hand-edited row can never reach a chart as garbage. */
export function parseRatings(json: string): Ratings {
  return ratingsSchema.parse(JSON.parse(json));
}

export function toAssessmentDto(row: AssessmentRow): AssessmentDto {
  return { week: row.week, ratings: parseRatings(row.ratings), note: row.note, updatedAt: row.updated_at };
}

/** Which weeks each person logged, all time: two short columns, enough for streaks and the first week. */
export function listLoggedWeeks(db: DB, userIds: string[]): Promise<{ user_id: string; week: string }[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('assessments').select(['user_id', 'week']).where('user_id', 'in', userIds).execute();
}
