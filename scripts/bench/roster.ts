/**
 * Section d: `coach.roster` for a coach of many couples, over real HTTP, against a floor measured in the same run and
 * interleaved with it: the same rows read in-process with prepared better-sqlite3 statements (the three reads the
 * roster makes), serialised with JSON.stringify, plus a plain HTTP round trip.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ROSTER_LOOKBACK_WEEKS } from '#shared/domain/coach-flags';
import { addWeeks, type Week } from '#shared/week';
import type { DB } from '#server/db/database';
import type { FloorReader } from './floor';
import { SYNTHETIC_PASSWORD_HASH } from './synthetic';
import { httpGet, ms, ratio, summarize, table, timed, yesNo, type Summary } from './stats';

export const ROSTER_P99_TARGET_MS = 100;
const COACH_EMAIL = 'synthetic-coach@example.invalid';

/** A synthetic coach linked to the first `couples` synthetic couples; removed by `removeBenchCoach`. */
export async function createBenchCoach(db: DB, couples: number): Promise<{ coachId: string; linked: number }> {
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
  return { coachId, linked: coupleIds.length };
}

/** Deleting the user cascades to its links, access log rows and session. */
export async function removeBenchCoach(db: DB): Promise<void> {
  await db.deleteFrom('users').where('email', '=', COACH_EMAIL).execute();
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
        rows = (await options.floor.roster(options.coachId, fromWeek, options.thisWeek)).rows;
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
          `  floor: ${result.rows} rows, 3 prepared stmts + JSON.stringify`,
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
