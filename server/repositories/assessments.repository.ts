import type { Ratings } from '#shared/schemas/common.schema';
import type { Week } from '#shared/week';
import type { DB } from '#server/db/database';
import type { AssessmentRow } from '#server/db/tables';
import { chunks, IDS_PER_IN_LIST } from '#server/db/chunks';
import { compiledOnce } from '#server/db/compiled-once';
import { equalRatings, ratingsJson } from '#server/db/ratings-encoding';
import type { CamelRow } from '#server/db/rows';

export interface UpsertAssessment {
  id: string;
  userId: string;
  week: Week;
  ratings: Ratings;
  note: string | null;
  nowIso: string;
}

/**
 * Submitting a week again replaces it; the first creation time is kept, and the time the ratings changed moves only
 * when they did. Equal is judged by value (a row written another way, by hand say, still compares), so a note-only
 * edit is never told to the partner as a change of ratings. Should the row change between the read and the write,
 * the stored text no longer matches and the change counts.
 */
export async function upsertAssessment(
  db: DB,
  a: UpsertAssessment,
  /** The row as this transaction already read it (null: none); left out, it is read here. */
  read?: Pick<AssessmentRow, 'ratings'> | null,
): Promise<void> {
  const ratings = ratingsJson(a.ratings);
  const stored =
    read !== undefined
      ? (read ?? undefined)
      : await db
          .selectFrom('assessments')
          .select('ratings')
          .where('user_id', '=', a.userId)
          .where('week', '=', a.week)
          .executeTakeFirst();
  const sameRatings = stored !== undefined && equalRatings(stored.ratings, a.ratings);
  await db
    .insertInto('assessments')
    .values({
      id: a.id,
      user_id: a.userId,
      week: a.week,
      ratings,
      note: a.note,
      created_at: a.nowIso,
      updated_at: a.nowIso,
      ratings_changed_at: a.nowIso,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'week']).doUpdateSet((eb) => ({
        ratings,
        note: a.note,
        updated_at: a.nowIso,
        ratings_changed_at: sameRatings
          ? eb
              .case()
              .when('assessments.ratings', '=', stored.ratings)
              .then(eb.ref('assessments.ratings_changed_at'))
              .else(a.nowIso)
              .end()
          : a.nowIso,
      })),
    )
    .execute();
}

export type OwnAssessmentRow = CamelRow<Pick<AssessmentRow, 'week' | 'ratings' | 'note' | 'updated_at'>>;

export async function findAssessment(db: DB, userId: string, week: Week): Promise<OwnAssessmentRow | null> {
  const row = await db
    .selectFrom('assessments')
    .select(['week', 'ratings', 'note', 'updated_at as updatedAt'])
    .where('user_id', '=', userId)
    .where('week', '=', week)
    .executeTakeFirst();
  return row ?? null;
}

/** A partner of a couple, with their check-in for one week (all of its columns null when they have none). */
export interface PartnerWeekRow {
  userId: string;
  joinedAt: string;
  partnerLeftAt: string | null;
  week: string | null;
  ratings: AssessmentRow['ratings'] | null;
  note: string | null;
  updatedAt: string | null;
}

/**
 * The couple's partners, each with their check-in for `week`, in one read: a check-in's transaction needs the
 * membership, the author's own row and whether the others answered, and on PostgreSQL each read is a round trip.
 */
export const listPartnersWithWeek: (db: DB, coupleId: string, week: Week) => Promise<PartnerWeekRow[]> = compiledOnce(
  (db: DB, coupleId: string, week: Week) =>
    db
      .selectFrom('couple_members')
      .leftJoin('assessments', (join) =>
        join.onRef('assessments.user_id', '=', 'couple_members.user_id').on('assessments.week', '=', week),
      )
      .select([
        'couple_members.user_id as userId',
        'couple_members.joined_at as joinedAt',
        'couple_members.partner_left_at as partnerLeftAt',
        'assessments.week',
        'assessments.ratings',
        'assessments.note',
        'assessments.updated_at as updatedAt',
      ])
      .where('couple_members.couple_id', '=', coupleId)
      .orderBy('couple_members.joined_at')
      .orderBy('couple_members.user_id'),
);

export interface WeekRange {
  fromWeek?: Week | undefined;
  toWeek?: Week | undefined;
}

export type HistoryRow = CamelRow<
  Pick<AssessmentRow, 'user_id' | 'week' | 'ratings' | 'note' | 'created_at' | 'ratings_changed_at'>
>;

/** Every check-in of these people in the range, in one query, oldest first. */
export function listAssessments(db: DB, userIds: string[], range: WeekRange): Promise<HistoryRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('assessments')
    .select([
      'user_id as userId',
      'week',
      'ratings',
      'note',
      'created_at as createdAt',
      'ratings_changed_at as ratingsChangedAt',
    ])
    .where('user_id', 'in', userIds);
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

/**
 * Which of these people checked in for which of these weeks, as "userId week" keys: for the timed emails, whose lists
 * of people grow with the installation, so they are read in batches.
 */
export async function checkInKeys(db: DB, userIds: readonly string[], weeks: readonly Week[]): Promise<Set<string>> {
  const done = new Set<string>();
  if (userIds.length === 0 || weeks.length === 0) return done;
  for (const batch of chunks([...new Set(userIds)], IDS_PER_IN_LIST)) {
    const rows = await db
      .selectFrom('assessments')
      .select(['user_id', 'week'])
      .where('user_id', 'in', batch)
      .where('week', 'in', [...new Set(weeks)])
      .execute();
    for (const row of rows) done.add(`${row.user_id} ${row.week}`);
  }
  return done;
}

/** These people's check-ins from `fromWeek` on (all time when null), oldest first: the dashboard's one read. */
export function listCheckInsFrom(db: DB, userIds: string[], fromWeek: Week | null): Promise<CheckInRow[]> {
  return userIds.length === 0 ? Promise.resolve([]) : checkInsFromQuery(db, userIds, fromWeek);
}

/** With the answer times, for the "changed after both answered" mark of the latest weeks (no second read for it). */
export type CheckInRow = CamelRow<
  Pick<AssessmentRow, 'user_id' | 'week' | 'ratings' | 'created_at' | 'ratings_changed_at'>
>;

const checkInsFromQuery = compiledOnce((db: DB, userIds: readonly string[], fromWeek: Week | null) => {
  const query = db
    .selectFrom('assessments')
    .select([
      'user_id as userId',
      'week',
      'ratings',
      'created_at as createdAt',
      'ratings_changed_at as ratingsChangedAt',
    ])
    .where('user_id', 'in', userIds);
  return (fromWeek === null ? query : query.where('week', '>=', fromWeek)).orderBy('week');
});

/**
 * The earliest week among the viewer's own check-ins (`ownId`, all of them; null for a reader with none of their own)
 * and the others' check-ins from `othersFrom` on (none when it is null): where a reader's history begins, from the
 * (user_id, week) index alone.
 */
export async function firstCheckInWeek(
  db: DB,
  ownId: string | null,
  otherIds: string[],
  othersFrom: Week | null,
): Promise<Week | null> {
  const others = othersFrom === null ? [] : otherIds;
  if (ownId === null && others.length === 0) return null;
  // Every argument must reach the SQL: with no others, their floor is left out as null.
  const [row] = await firstWeekQuery(db, ownId, others, others.length === 0 ? null : othersFrom);
  return row?.week ?? null;
}

// The shape (an own id or not, how many others) decides the SQL, as compiledOnce allows. One arm per person, each
// "the first week of this person (from this week on)": both databases answer an arm by reading one entry of the
// (user_id, week) index. Asked as one OR of the conditions, PostgreSQL read every matching row, and planned the query
// afresh each time, about 1.4 ms a dashboard on a five-year history.
const firstWeekQuery = compiledOnce(
  (db: DB, ownId: string | null, otherIds: readonly string[], othersFrom: Week | null) => {
    const firstOf = (userId: string, from: Week | null) => {
      const query = db
        .selectFrom('assessments')
        .select((eb) => eb.fn.min<Week>('week').as('week'))
        .where('user_id', '=', userId);
      return from === null ? query : query.where('week', '>=', from);
    };
    const arms = [
      ...(ownId === null ? [] : [firstOf(ownId, null)]),
      ...(othersFrom === null ? [] : otherIds.map((id) => firstOf(id, othersFrom))),
    ];
    const [first, ...rest] = arms;
    // firstCheckInWeek never asks with no arm at all.
    const union = rest.reduce((query, arm) => query.unionAll(arm), first!);
    return db.selectFrom(union.as('firsts')).select((eb) => eb.fn.min<Week>('firsts.week').as('week'));
  },
);

/**
 * How many check-ins these people made from `fromWeek` to `toWeek`, both included. Each person has at most one a
 * week, so the count tells whether every one of them logged every week, without reading a row.
 */
export async function countCheckInsBetween(db: DB, userIds: string[], fromWeek: Week, toWeek: Week): Promise<number> {
  if (userIds.length === 0) return 0;
  const [row] = await countBetweenQuery(db, userIds, fromWeek, toWeek);
  return Number(row?.n ?? 0);
}

const countBetweenQuery = compiledOnce((db: DB, userIds: readonly string[], fromWeek: Week, toWeek: Week) =>
  db
    .selectFrom('assessments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', 'in', userIds)
    .where('week', '>=', fromWeek)
    .where('week', '<=', toWeek),
);

/** The weeks from `fromWeek` to `toWeek` in which every one of these people checked in. */
export async function listWeeksEveryoneLogged(
  db: DB,
  userIds: string[],
  fromWeek: Week,
  toWeek: Week,
): Promise<Week[]> {
  if (userIds.length === 0) return [];
  return (await everyoneLoggedQuery(db, userIds, fromWeek, toWeek)).map((row) => row.week);
}

// The list's length is part of the query's shape, so the count it is compared with is too.
const everyoneLoggedQuery = compiledOnce((db: DB, userIds: readonly string[], fromWeek: Week, toWeek: Week) =>
  db
    .selectFrom('assessments')
    .select('week')
    .where('user_id', 'in', userIds)
    .where('week', '>=', fromWeek)
    .where('week', '<=', toWeek)
    .groupBy('week')
    .having((eb) => eb.fn.countAll(), '=', userIds.length),
);
