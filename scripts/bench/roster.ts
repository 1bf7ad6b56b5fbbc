/**
 * Section d: `coach.roster` for a coach of many couples, each answering the coach's measure every two weeks for five
 * years, over real HTTP, against a floor measured in the same run and interleaved with it: the same rows read
 * in-process with prepared statements (the four reads the roster makes), serialised with JSON.stringify, plus a plain
 * HTTP round trip.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { sql, type CompiledQuery } from 'kysely';
import { ROSTER_LOOKBACK_WEEKS } from '#shared/domain/coach-flags';
import { periodsThrough } from '#shared/domain/measure-periods';
import { scoreAnswers } from '#shared/domain/measure-scoring';
import { generateMeasureAnswers, seededRandom } from '#shared/domain/synthetic-history';
import type { MeasureItem } from '#shared/schemas/measure.schema';
import { addWeeks, currentWeek, weekStart, type Week } from '#shared/week';
import type { DB } from '#server/db/database';
import { dialectOf } from '#server/db/dialect';
import type { MeasureAnswersTable } from '#server/db/tables';
import { rosterAssignmentsQuery } from '#server/repositories/roster-measures.repository';
import type { FloorReader } from './floor';
import { SYNTHETIC_PASSWORD_HASH } from './synthetic';
import { httpGet, ms, ratio, summarize, table, timed, yesNo, type Summary } from './stats';

export const ROSTER_P99_TARGET_MS = 100;
const COACH_EMAIL = 'synthetic-coach@example.invalid';
/** Marks the bench coach's measure, so a run that died before cleaning up leaves nothing the next one keeps. */
const MEASURE_DRAFT_KEY = 'synthetic-bench-roster-measure';
/** The coach's measure: every two weeks for five years. */
const MEASURE_EVERY_WEEKS = 2;
const MEASURE_WEEKS = 260;
const DAY_MS = 24 * 60 * 60 * 1000;
const MEASURE_ITEMS: MeasureItem[] = [
  'Felt close to my partner',
  'Felt unheard',
  'Looked forward to time together',
  'Felt tense at home',
].map((text, index) => ({
  text,
  min: 0,
  max: 3,
  minLabel: 'Not at all',
  maxLabel: 'Nearly always',
  reverse: index % 2 === 1,
}));
const ANSWER_ROWS_PER_INSERT = 1000;

/** A synthetic coach linked to the first `couples` synthetic couples; removed by `removeBenchCoach`. */
export async function createBenchCoach(
  db: DB,
  couples: number,
): Promise<{ coachId: string; linked: number; measureAnswers: number }> {
  await removeBenchCoach(db);
  const coachId = randomUUID();
  const now = new Date().toISOString();
  const coupleIds = await db
    .selectFrom('couple_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.couple_id')
    .where('u.email', 'like', 'synthetic-%-a@example.invalid')
    .orderBy('m.couple_id')
    .limit(couples)
    .execute();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        id: coachId,
        email: COACH_EMAIL,
        password_hash: SYNTHETIC_PASSWORD_HASH,
        display_name: 'Synthetic Coach',
        role: 'coach',
        is_demo: 0,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('coach_links')
      .values(coupleIds.map(({ couple_id }) => ({ couple_id, coach_id: coachId, created_at: now })))
      .execute();
  });
  const measureAnswers = await seedBenchMeasure(
    db,
    coachId,
    coupleIds.map((c) => c.couple_id),
  );
  return { coachId, linked: coupleIds.length, measureAnswers };
}

/**
 * One measure of the coach's, assigned to every couple every two weeks for five years, and answered by both partners
 * most periods (the same answers on every run and either database: the random source is seeded by the couple's
 * place in the list). Written with Kysely in large inserts, within one transaction.
 */
async function seedBenchMeasure(db: DB, coachId: string, coupleIds: readonly string[]): Promise<number> {
  const now = new Date();
  const nowIso = now.toISOString();
  const startWeek = addWeeks(currentWeek(now), -MEASURE_WEEKS);
  const periods = periodsThrough({ startWeek, everyWeeks: MEASURE_EVERY_WEEKS }, currentWeek(now));
  const definition = { items: MEASURE_ITEMS, scoring: 'sum' as const };
  const members = await db
    .selectFrom('couple_members')
    .select(['couple_id', 'user_id'])
    .where('couple_id', 'in', [...coupleIds])
    .orderBy('couple_id')
    .orderBy('joined_at')
    .execute();
  const measureId = randomUUID();
  const versionId = randomUUID();
  const answers: MeasureAnswersTable[] = [];
  const assignments = coupleIds.map((coupleId, n) => {
    const assignmentId = randomUUID();
    const random = seededRandom(Math.imul(n + 7, 0x85ebca6b));
    for (const { user_id } of members.filter((m) => m.couple_id === coupleId)) {
      const profile = {
        level: 0.2 + random() * 0.4,
        drift: (random() - 0.5) * 0.4,
        missRate: 0.08,
        skipRate: 0.03,
      };
      for (const entry of generateMeasureAnswers(periods, MEASURE_ITEMS, profile, random)) {
        // Answered on the period's first Sunday, in the evening (UTC); the one under way only if that has passed.
        const at = weekStart(entry.period).getTime() + 6 * DAY_MS + 20 * 60 * 60 * 1000;
        if (at > now.getTime()) continue;
        const time = new Date(at).toISOString();
        answers.push({
          id: randomUUID(),
          assignment_id: assignmentId,
          user_id,
          period: entry.period,
          version_id: versionId,
          answers: entry.answers === null ? null : JSON.stringify(entry.answers),
          score: entry.answers === null ? null : scoreAnswers(definition, entry.answers),
          skipped: entry.answers === null ? 1 : 0,
          created_at: time,
          updated_at: time,
          answers_changed_at: time,
          imported_created_at: null,
        });
      }
    }
    return {
      id: assignmentId,
      measure_id: measureId,
      couple_id: coupleId,
      coach_id: coachId,
      every_weeks: MEASURE_EVERY_WEEKS,
      start_week: startWeek,
      visible_to_couple: 1,
      created_at: nowIso,
      ended_at: null,
    };
  });
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('measures')
      .values({
        id: measureId,
        coach_id: coachId,
        current_version: 1,
        archived_at: null,
        created_at: nowIso,
        updated_at: nowIso,
        draft_key: MEASURE_DRAFT_KEY,
        restored_for: null,
      })
      .execute();
    await trx
      .insertInto('measure_versions')
      .values({
        id: versionId,
        measure_id: measureId,
        version: 1,
        name: 'Closeness at home',
        instructions: null,
        items: JSON.stringify(MEASURE_ITEMS),
        scoring: 'sum',
        cutoff_value: 7,
        cutoff_direction: 'above',
        reliable_change: 4,
        source: 'Synthetic, for the benchmark',
        created_at: nowIso,
      })
      .execute();
    if (assignments.length > 0) await trx.insertInto('measure_assignments').values(assignments).execute();
    for (let i = 0; i < answers.length; i += ANSWER_ROWS_PER_INSERT)
      await trx
        .insertInto('measure_answers')
        .values(answers.slice(i, i + ANSWER_ROWS_PER_INSERT))
        .execute();
  });
  // As the synthetic seed does: PostgreSQL plans with statistics in production (autovacuum gathers them), so the
  // bench measures the plans it would choose there, not the ones it guesses for tables it has never looked at.
  if (dialectOf(db) === 'postgres') await sql`analyze`.execute(db);
  return answers.length;
}

/**
 * Deleting the coach's measure cascades to its version, assignments and answers; deleting the user to its links,
 * access log rows and session. The measure goes first: a coach's deletion leaves their measures (without a coach).
 */
export async function removeBenchCoach(db: DB): Promise<void> {
  await db.deleteFrom('measures').where('draft_key', '=', MEASURE_DRAFT_KEY).execute();
  await db.deleteFrom('users').where('email', '=', COACH_EMAIL).execute();
}

/** The roster's read of measures, compiled for the floor to run as a prepared statement. */
export function rosterMeasureStatements(db: DB, coachId: string): CompiledQuery[] {
  return [rosterAssignmentsQuery(db, coachId).compile()];
}

export interface RosterLatency {
  couples: number;
  roster: Summary;
  floor: Summary;
  http: Summary;
  rows: number;
  responseBytes: number;
  vsFloorPlusHttp: number;
  p99Met: boolean;
}

export async function measureRoster(options: {
  baseUrl: string;
  cookie: string;
  floor: FloorReader;
  coachId: string;
  couples: number;
  /** The roster's reads of measures, compiled for the database measured (see `rosterMeasureStatements`). */
  measureStatements: readonly CompiledQuery[];
  thisWeek: Week;
  iterations: number;
  warmup: number;
  budgetMs: number;
}): Promise<RosterLatency> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const fromWeek = addWeeks(options.thisWeek, -ROSTER_LOOKBACK_WEEKS);
  const url = `${options.baseUrl}/trpc/coach.roster`;
  const [roster, floor, healthz] = [[] as number[], [] as number[], [] as number[]];
  let rows = 0;
  let responseBytes = 0;
  const get = async (target: string) => {
    const answer = await httpGet(agent, target, { cookie: options.cookie });
    if (answer.status !== 200)
      throw new Error(`GET ${target} answered ${answer.status}: ${answer.body.toString().slice(0, 300)}`);
    return answer;
  };
  const started = performance.now();
  try {
    for (let i = 0; i < options.warmup + options.iterations; i++) {
      if (i >= options.warmup && performance.now() - started > options.budgetMs) {
        console.log(`  (time budget of ${options.budgetMs / 1000} s reached after ${i - options.warmup} samples)`);
        break;
      }
      const keep = i >= options.warmup;
      const th = await timed(() => get(`${options.baseUrl}/healthz`));
      const tr = await timed(async () => (responseBytes = (await get(url)).body.length));
      const tf = await timed(async () => {
        rows = (await options.floor.roster(options.coachId, fromWeek, options.thisWeek, options.measureStatements))
          .rows;
      });
      if (keep) {
        healthz.push(th);
        roster.push(tr);
        floor.push(tf);
      }
    }
  } finally {
    agent.destroy();
  }
  const [r, f, h] = [summarize(roster), summarize(floor), summarize(healthz)];
  return {
    couples: options.couples,
    roster: r,
    floor: f,
    http: h,
    rows,
    responseBytes,
    vsFloorPlusHttp: r.median / (f.median + h.median),
    p99Met: r.p99 < ROSTER_P99_TARGET_MS,
  };
}

export function printRoster(result: RosterLatency) {
  console.log(
    table(
      ['', 'n', 'median ms', 'p99 ms', 'target'],
      [
        [
          `coach.roster, ${result.couples} couples, over HTTP`,
          String(result.roster.n),
          ms(result.roster.median),
          ms(result.roster.p99),
          `p99 < ${ROSTER_P99_TARGET_MS} ms: ${yesNo(result.p99Met)}`,
        ],
        [
          `  floor: ${result.rows} rows, 4 prepared stmts + JSON.stringify`,
          String(result.floor.n),
          ms(result.floor.median),
          ms(result.floor.p99),
          '',
        ],
        ['  GET /healthz (HTTP round trip)', String(result.http.n), ms(result.http.median), ms(result.http.p99), ''],
        [
          '  ratio roster / (floor + HTTP)',
          '',
          ratio(result.vsFloorPlusHttp),
          ratio(result.roster.p99 / (result.floor.p99 + result.http.p99)),
          '',
        ],
      ],
    ),
  );
  console.log(`  answer ${(result.responseBytes / 1000).toFixed(1)} kB of JSON`);
}
