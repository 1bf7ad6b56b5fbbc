/**
 * Where a `dashboard.get` goes, stage by stage, measured in-process with the app's own functions (nothing changed):
 * the session lookup, the whole procedure through a tRPC caller, and the service's steps one by one.
 */
import http from 'node:http';
import { buildDashboard, rangeBounds } from '#shared/domain/dashboard';
import type { DashboardRange } from '#shared/schemas/dashboard.schema';
import { coupleStreak } from '#shared/domain/series';
import { currentWeek, type Week } from '#shared/week';
import { parseRatings } from '#server/db/ratings-encoding';
import { listCheckInsFrom } from '#server/repositories/assessments.repository';
import { listPartners } from '#server/repositories/couples.repository';
import { fullWeeksBefore } from '#server/services/streak.service';
import type { AppDeps } from '#server/deps';
import type { SessionCookie } from '#server/services/session.service';
import { createContext } from '#server/trpc/context';
import { createCaller } from '#server/trpc/router';
import { httpGet, ms, summarize, table, timed } from './stats';

export interface BreakdownOptions {
  deps: AppDeps;
  token: string;
  coupleId: string;
  memberIds: [string, string];
  range: DashboardRange;
  fromWeek: Week;
  /** The same request over HTTP, timed in the same loop so the differences compare like with like. */
  dashboardUrl: string;
  healthzUrl: string;
  cookie: string;
  iterations: number;
  budgetMs: number;
}

export type Breakdown = { stage: string; median: number; p99: number }[];

export async function measureBreakdown(o: BreakdownOptions): Promise<Breakdown> {
  const cookie: SessionCookie = { read: () => o.token, set: () => {}, clear: () => {} };
  const db = o.deps.db;
  const thisWeek = currentWeek(o.deps.now());
  const partners = (await listPartners(db, o.coupleId)).map((m) => ({ userId: m.id, displayName: m.displayName }));
  const readFrom = o.range === 'all' ? null : o.fromWeek;
  const read = () => listCheckInsFrom(db, o.memberIds, readFrom);
  const rows = await read();
  const entries = rows.map((row) => ({ userId: row.userId, week: row.week, ratings: parseRatings(row.ratings) }));
  const loggedWeeks = o.memberIds.map((id) => new Set<Week>(rows.filter((r) => r.userId === id).map((r) => r.week)));
  const firstWeek = rows[0]?.week ?? null;
  const streak = coupleStreak(loggedWeeks, thisWeek);
  const source = {
    range: o.range,
    thisWeek,
    partners,
    entries,
    loggedWeeks,
    streak,
    changedLate: partners.map(() => new Set<Week>()),
    firstWeek,
  };
  if (rangeBounds(o.range, thisWeek, firstWeek).fromWeek < o.fromWeek)
    throw new Error('breakdown: unexpected range start');
  const dto = await (await callerFor()).dashboard.get({ range: o.range });

  async function callerFor() {
    return createCaller(await createContext(o.deps, cookie));
  }

  // Run by the service only when the streak reaches the first week read; timed here either way.
  const followStreak: [string, () => unknown][] =
    readFrom === null
      ? []
      : [
          [
            '  fullWeeksBefore (a streak followed back, counted in SQL)',
            () => fullWeeksBefore(db, o.memberIds, readFrom),
          ],
        ];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const stages: [string, () => unknown][] = [
    ['HTTP GET dashboard.get', () => httpGet(agent, o.dashboardUrl, { cookie: o.cookie })],
    ['HTTP GET /healthz', () => httpGet(agent, o.healthzUrl)],
    ['createContext (session, person and partners, one read)', () => createContext(o.deps, cookie)],
    [
      'whole procedure: createContext + caller.dashboard.get',
      async () => (await callerFor()).dashboard.get({ range: o.range }),
    ],
    ['  listPartners (access check, Kysely)', () => listPartners(db, o.coupleId)],
    [`  listCheckInsFrom (Kysely, ${rows.length} check-ins)`, read],
    ...followStreak,
    [`  parseRatings x ${rows.length}`, () => rows.map((row) => parseRatings(row.ratings))],
    ['  buildDashboard (pure)', () => buildDashboard(source)],
    ['  JSON.stringify of the answer', () => JSON.stringify(dto)],
  ];
  const samples = stages.map(() => [] as number[]);
  const started = performance.now();
  try {
    for (let i = 0; i < o.iterations + 10; i++) {
      if (performance.now() - started > o.budgetMs) break;
      for (const [index, [, fn]] of stages.entries()) {
        const t = await timed(fn);
        if (i >= 10) samples[index]!.push(t);
      }
    }
  } finally {
    agent.destroy();
  }
  return stages.map(([stage], index) => {
    const s = summarize(samples[index]!);
    return { stage, median: s.median, p99: s.p99 };
  });
}

export function printBreakdown(range: DashboardRange, breakdown: Breakdown) {
  const median = (prefix: string) => breakdown.find((b) => b.stage.startsWith(prefix))?.median ?? NaN;
  const rows = breakdown.map((b) => [b.stage, ms(b.median), ms(b.p99)]);
  const outside = median('HTTP GET dashboard') - median('whole');
  rows.push([
    'HTTP dashboard.get minus whole procedure (Node HTTP, Express, helmet, tRPC adapter, client)',
    ms(outside),
    '',
  ]);
  rows.push(['  of which more than a /healthz round trip', ms(outside - median('HTTP GET /healthz')), '']);
  console.log(`Where the time goes for '${range}' (in-process with the app's own functions, interleaved, same loop):`);
  console.log(table(['stage', 'median ms', 'p99 ms'], rows));
}
