/**
 * Section d: `coach.roster` for a coach of many couples, over real HTTP, against a floor measured in the same run and
 * interleaved with it: the same rows read in-process with prepared better-sqlite3 statements (the three reads the
 * roster makes), serialised with JSON.stringify, plus a plain HTTP round trip.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type SQLite from 'better-sqlite3';
import { ROSTER_LOOKBACK_WEEKS } from '#shared/domain/coach-flags';
import { addWeeks, type Week } from '#shared/week';
import { SYNTHETIC_PASSWORD_HASH } from './synthetic';
import { httpGet, ms, ratio, summarize, table, timed, yesNo, type Summary } from './stats';

export const ROSTER_P99_TARGET_MS = 100;
const COACH_EMAIL = 'synthetic-coach@example.invalid';

const PARTNERS_OF_COACH =
  'select m.user_id from coach_links l join couple_members m on m.couple_id = l.couple_id where l.coach_id = ?';
const FLOOR_SQL = [
  `select l.couple_id, c.created_at, m.user_id, m.joined_at, u.display_name, cf.practice_id,
       (select max(a.week) from assessments a where a.user_id = m.user_id) as last_week from coach_links l
     join couples c on c.id = l.couple_id left join couple_members m on m.couple_id = l.couple_id
     left join users u on u.id = m.user_id left join coach_focuses cf on cf.couple_id = l.couple_id and cf.coach_id = l.coach_id
     where l.coach_id = ?`,
  `select user_id, week, ratings from assessments where user_id in (${PARTNERS_OF_COACH}) and week >= ? and week <= ?`,
  `select l.couple_id, max(case when f.end_week is null then f.practice_id end) as current, max(f.end_week) as last_end
     from coach_links l join couple_focuses f on f.couple_id = l.couple_id where l.coach_id = ? group by l.couple_id`,
];

/** A synthetic coach linked to the first `couples` synthetic couples; removed by `removeBenchCoach`. */
export function createBenchCoach(sqlite: SQLite.Database, couples: number): { coachId: string; linked: number } {
  removeBenchCoach(sqlite);
  const coachId = randomUUID();
  const now = new Date().toISOString();
  const coupleIds = sqlite
    .prepare(
      "select m.couple_id from couple_members m join users u on u.id = m.user_id where u.email like 'synthetic-%-a@example.invalid' order by m.couple_id limit ?",
    )
    .all(couples) as { couple_id: string }[];
  sqlite.transaction(() => {
    sqlite
      .prepare(
        'insert into users (id, email, password_hash, display_name, role, is_demo, created_at) values (?, ?, ?, ?, ?, 0, ?)',
      )
      .run(coachId, COACH_EMAIL, SYNTHETIC_PASSWORD_HASH, 'Synthetic Coach', 'coach', now);
    const link = sqlite.prepare('insert into coach_links (couple_id, coach_id, created_at) values (?, ?, ?)');
    for (const { couple_id } of coupleIds) link.run(couple_id, coachId, now);
  })();
  return { coachId, linked: coupleIds.length };
}

/** Deleting the user cascades to its links, access log rows and session. */
export function removeBenchCoach(sqlite: SQLite.Database) {
  sqlite.prepare('delete from users where email = ?').run(COACH_EMAIL);
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
  sqlite: SQLite.Database;
  coachId: string;
  couples: number;
  thisWeek: Week;
  iterations: number;
  warmup: number;
  budgetMs: number;
}): Promise<RosterLatency> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const statements = FLOOR_SQL.map((sql) => options.sqlite.prepare(sql));
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
      const tf = await timed(() => {
        const results = [
          statements[0]!.all(options.coachId),
          statements[1]!.all(options.coachId, fromWeek, options.thisWeek),
          statements[2]!.all(options.coachId),
        ];
        rows = results.reduce((n, r) => n + r.length, 0);
        return JSON.stringify(results).length;
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
