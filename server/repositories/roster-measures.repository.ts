import { sql, type ExpressionBuilder } from 'kysely';
import type { Week } from '#shared/week';
import { chunks, OR_TERMS_PER_STATEMENT, ROWS_PER_STATEMENT } from '#server/db/chunks';
import type { DB } from '#server/db/database';
import type { Database } from '#server/db/tables';

// The measures part of the roster, in a fixed number of statements whatever the number of couples (see
// roster.repository.ts). A coach of 200 couples with a measure every two weeks for five years has some 52,000 answer
// rows: the roster never reads them all, nor a window of them. Per active assignment and partner it reads a handful
// of index seeks: their first answer and their latest few. A window read by range lost to the planners: PostgreSQL,
// with statistics, hashed every answer of every couple rather than seek 400 short ranges (30 ms where the seeks take
// 10), and SQLite without statistics read each assignment's answers in full. A correlated subquery is a seek in both.

/** How many of a partner's latest answers the roster reads (see RECENT_ANSWERS_NEEDED in measure-flags.ts). */
export const RECENT_ANSWERS_READ = 4;

export interface PeriodScoreRow {
  period: Week;
  score: number;
  /** When the answer was first given (ISO time): the membership rule may need it. */
  createdAt: string;
}

export interface RosterAssignmentRow {
  assignmentId: string;
  coupleId: string;
  everyWeeks: number;
  startWeek: Week;
  measureName: string;
  cutoffValue: number | null;
  cutoffDirection: string | null;
  reliableChange: number | null;
  /** One of the couple's current partners; one row per partner. */
  userId: string;
  /** Their first answer of this assignment (null when none). */
  first: PeriodScoreRow | null;
  /** Their latest answers, newest first: up to RECENT_ANSWERS_READ of them. */
  recent: PeriodScoreRow[];
}

type AssignmentAndMember = ExpressionBuilder<
  Database & { a: Database['measure_assignments'] } & { m: Database['couple_members'] } & {
    v: Database['measure_versions'];
  },
  'a' | 'm' | 'v'
>;

/**
 * A period, when its answer was first given and its score in one column, "2026-W40 2026-10-04T20:00:00.000Z 14": one
 * index seek gives all three (none holds a space). A score as text reads "14.0" on SQLite and "14" on PostgreSQL; both
 * parse to the same number.
 */
const periodAndScore =
  sql<string>`${sql.ref('x.period')} || ' ' || ${sql.ref('x.created_at')} || ' ' || cast(${sql.ref('x.score')} as text)`.as(
    'v',
  );

function splitPeriodAndScore(text: unknown): PeriodScoreRow | null {
  if (typeof text !== 'string') return null;
  const [period, createdAt, scoreText] = text.split(' ');
  const score = Number(scoreText);
  return period && createdAt && scoreText && Number.isFinite(score) ? { period, createdAt, score } : null;
}

/**
 * The partner's answers (not skips) of the assignment to its current questions, walked along the unique index
 * (assignment_id, user_id, period). Only versions that ask what the current one asks (the same instructions, items
 * and scoring): an edit of those may add, drop or rescale items, and a score from before it is no baseline for one
 * after it; an edit of the name, cut-off or threshold changes nothing of what was answered (the couple page reads its
 * change the same way, `sameQuestions`).
 */
const answered = (eb: AssignmentAndMember) =>
  eb
    .selectFrom('measure_answers as x')
    .whereRef('x.assignment_id', '=', 'a.id')
    .whereRef('x.user_id', '=', 'm.user_id')
    .where('x.version_id', 'in', versionsAskingAsCurrent(eb))
    .where('x.skipped', '=', 0)
    .where('x.score', 'is not', null);

/** The ids of the measure's versions whose questions are the current version's (`v`), itself included. */
const versionsAskingAsCurrent = (eb: ExpressionBuilder<Database & { v: Database['measure_versions'] }, 'v'>) =>
  eb
    .selectFrom('measure_versions as sv')
    .select('sv.id')
    .whereRef('sv.measure_id', '=', 'v.measure_id')
    .whereRef('sv.items', '=', 'v.items')
    .whereRef('sv.scoring', '=', 'v.scoring')
    .where((inner) => inner('sv.instructions', 'is not distinct from', inner.ref('v.instructions')));

/**
 * The coach's running assignments to the couples that consent to them, one row per current partner, with the
 * measure's current name, cut-off and reliable-change threshold, the partner's first answer and latest answers.
 */
export async function listRosterAssignments(db: DB, coachId: string): Promise<RosterAssignmentRow[]> {
  const rows = await rosterAssignmentsQuery(db, coachId).execute();
  return rows.map((row) => {
    const recent = [row.recent0, row.recent1, row.recent2, row.recent3].flatMap((text) => {
      const answer = splitPeriodAndScore(text);
      return answer ? [answer] : [];
    });
    return {
      assignmentId: row.assignmentId,
      coupleId: row.coupleId,
      everyWeeks: Number(row.everyWeeks),
      startWeek: row.startWeek,
      measureName: row.measureName,
      cutoffValue: numberOrNull(row.cutoffValue),
      cutoffDirection: row.cutoffDirection,
      reliableChange: numberOrNull(row.reliableChange),
      userId: row.userId,
      first: splitPeriodAndScore(row.first),
      recent,
    };
  });
}

/** The statement of `listRosterAssignments`, also compiled by the benchmark for its floor. */
export function rosterAssignmentsQuery(db: DB, coachId: string) {
  return db
    .selectFrom('coach_links as l')
    .innerJoin('measure_assignments as a', (join) =>
      join.onRef('a.couple_id', '=', 'l.couple_id').onRef('a.coach_id', '=', 'l.coach_id'),
    )
    .innerJoin('measures as ms', 'ms.id', 'a.measure_id')
    .innerJoin('measure_versions as v', (join) =>
      join.onRef('v.measure_id', '=', 'ms.id').onRef('v.version', '=', 'ms.current_version'),
    )
    .innerJoin('couple_members as m', 'm.couple_id', 'a.couple_id')
    .select((eb) => [
      'a.id as assignmentId',
      'a.couple_id as coupleId',
      'a.every_weeks as everyWeeks',
      'a.start_week as startWeek',
      'v.name as measureName',
      'v.cutoff_value as cutoffValue',
      'v.cutoff_direction as cutoffDirection',
      'v.reliable_change as reliableChange',
      'm.user_id as userId',
      answered(eb).select(periodAndScore).orderBy('x.period').limit(1).as('first'),
      // The latest answers one by one: the n-th from the end of the same index range.
      answered(eb).select(periodAndScore).orderBy('x.period', 'desc').limit(1).as('recent0'),
      answered(eb).select(periodAndScore).orderBy('x.period', 'desc').limit(1).offset(1).as('recent1'),
      answered(eb).select(periodAndScore).orderBy('x.period', 'desc').limit(1).offset(2).as('recent2'),
      answered(eb).select(periodAndScore).orderBy('x.period', 'desc').limit(1).offset(3).as('recent3'),
    ])
    .where('l.coach_id', '=', coachId)
    .where('a.ended_at', 'is', null)
    .orderBy('a.couple_id')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .orderBy('m.user_id');
}

const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** Where to look for one partner's first answer of one assignment that the couple's current membership lets count. */
export interface ScoreRange {
  assignmentId: string;
  userId: string;
  fromPeriod: Week;
  beforePeriod: Week;
  /** The membership (the rule of measure-visibility.ts): an answer counts from this period on, */
  sharedFromWeek: Week;
  /** or when it was given at or after this time (null: only by its period). */
  sharedSince: string | null;
}

/**
 * Per range, the first answered score in it (`fromPeriod` included, `beforePeriod` not) given within the couple's
 * current membership. The roster needs it only in a rare case (a partner's first answer of an assignment was given
 * before the membership, and more answers than the latest few followed it), so it runs at most once per roster and
 * only for those partners: as the roster's own read, one index walk per partner that stops at the first answer
 * that counts, from a list of the ranges (as an OR of ranges, each of hundreds of terms cost SQLite more to plan
 * than to run, and it returned every answer of every range).
 */
export async function listFirstScoresInRanges(
  db: DB,
  ranges: readonly ScoreRange[],
): Promise<({ assignmentId: string; userId: string } & PeriodScoreRow)[]> {
  const rows = [];
  for (const batch of chunks(ranges, ROWS_PER_STATEMENT)) rows.push(...(await firstScoresInRanges(db, batch)));
  return rows.flatMap((row) => {
    const first = splitPeriodAndScore(row.first);
    return first ? [{ assignmentId: row.assignmentId, userId: row.userId, ...first }] : [];
  });
}

interface RangeRow {
  assignment_id: string;
  user_id: string;
  from_period: string;
  before_period: string;
  shared_from: string;
  shared_since: string | null;
}

function firstScoresInRanges(db: DB, ranges: readonly ScoreRange[]) {
  const list = sql.join(
    ranges.map(
      (r) =>
        sql`(${r.assignmentId}, ${r.userId}, ${r.fromPeriod}, ${r.beforePeriod}, ${r.sharedFromWeek}, ${r.sharedSince})`,
    ),
  );
  return (
    db
      // Named `m`, with the partner in `user_id`, as the roster's own read has the member: `answered` walks from it.
      .with(
        'm(assignment_id, user_id, from_period, before_period, shared_from, shared_since)',
        () => sql<RangeRow>`(values ${list})`,
      )
      .selectFrom('m')
      .innerJoin('measure_assignments as a', 'a.id', 'm.assignment_id')
      .innerJoin('measures as ms', 'ms.id', 'a.measure_id')
      .innerJoin('measure_versions as v', (join) =>
        join.onRef('v.measure_id', '=', 'ms.id').onRef('v.version', '=', 'ms.current_version'),
      )
      .select((eb) => [
        'm.assignment_id as assignmentId',
        'm.user_id as userId',
        answered(eb as unknown as AssignmentAndMember)
          .where((x) => x('x.period', '>=', sql.ref<string>('m.from_period')))
          .where((x) => x('x.period', '<', sql.ref<string>('m.before_period')))
          .where((x) =>
            x.or([
              x('x.period', '>=', sql.ref<string>('m.shared_from')),
              x('x.created_at', '>=', sql.ref<string>('m.shared_since')),
            ]),
          )
          .select(periodAndScore)
          .orderBy('x.period')
          .limit(1)
          .as('first'),
      ])
      .execute()
  );
}

/** One partner's periods of one assignment to look up answers in. */
export interface PartnerPeriods {
  assignmentId: string;
  userId: string;
  periods: readonly Week[];
}

/**
 * Which of the given periods each partner answered (not skipped), on any version of the measure: the missed rule
 * asks whether a period was answered at all, and an edit of the measure's questions does not unanswer it. The roster
 * runs it at most once, only for partners with none of those periods among the answers it read to the current version.
 */
export async function listAnsweredPeriods(
  db: DB,
  wanted: readonly PartnerPeriods[],
): Promise<{ assignmentId: string; userId: string; period: Week }[]> {
  const rows = [];
  for (const batch of chunks(wanted, OR_TERMS_PER_STATEMENT)) rows.push(...(await answeredPeriods(db, batch)));
  return rows.flatMap((row) => (row.assignmentId === null ? [] : [{ ...row, assignmentId: row.assignmentId }]));
}

function answeredPeriods(db: DB, wanted: readonly PartnerPeriods[]) {
  return db
    .selectFrom('measure_answers as x')
    .select(['x.assignment_id as assignmentId', 'x.user_id as userId', 'x.period'])
    .where('x.skipped', '=', 0)
    .where('x.score', 'is not', null)
    .where((eb) =>
      eb.or(
        wanted.map((w) =>
          eb.and([
            eb('x.assignment_id', '=', w.assignmentId),
            eb('x.user_id', '=', w.userId),
            eb('x.period', 'in', [...w.periods]),
          ]),
        ),
      ),
    )
    .execute();
}
