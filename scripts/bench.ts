/**
 * Performance of the real app over a synthetic database, each number next to a floor measured in the same run
 * (this is a shared, noisy machine: ratios travel, absolute numbers do not).
 * Usage: `npm run bench [-- --couples 1000 --weeks 260 --db data/synthetic.db]`. Loopback only; stops by itself.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '#server/app';
import { hashSecret, newSessionToken } from '#server/auth/secrets';
import { ensureClientBuild } from '#server/client-build';
import { defaultConfig } from '#server/config';
import { openDatabase } from '#server/db/database';
import { deleteSession, insertSession } from '#server/repositories/sessions.repository';
import { currentWeek } from '#shared/week';
import { parseSyntheticArgs } from './bench/args';
import { measureBreakdown, printBreakdown } from './bench/breakdown';
import {
  DASHBOARD_TARGET_BYTES,
  LOGIN_TARGET_BYTES,
  measureBundles,
  printBundles,
  sum,
  type BundleResult,
} from './bench/bundle';
import {
  FLOOR_PLUS_HTTP_TARGET,
  measureLatency,
  P99_TARGET_MS,
  printLatency,
  readFromWeek,
  type LatencyResult,
} from './bench/latency';
import { printLoad, runAutocannon, startFloorApp, type CannonResult } from './bench/load';
import {
  createBenchCoach,
  measureRoster,
  printRoster,
  removeBenchCoach,
  ROSTER_P99_TARGET_MS,
  type RosterLatency,
} from './bench/roster';
import { kb, machineLine, markdownTable, ms, ratio, yesNo } from './bench/stats';
import { ensureSyntheticDatabase, syntheticEmail } from './bench/synthetic';

const ITERATIONS = 300;
const WARMUP = 30;
const LOAD = { connections: 50, seconds: 10 };
/** The roster section: a coach of this many couples. */
const ROSTER_COUPLES = 200;
/** However it goes, the bench ends: past this everything is torn down and the process exits. */
const WATCHDOG_MS = 8 * 60_000;

function section(title: string) {
  console.log(`\n== ${title}\n${machineLine()}`);
}

async function main() {
  const args = parseSyntheticArgs(process.argv.slice(2), { couples: 1000, weeks: 260 });
  const benchStarted = performance.now();
  console.log(`Tandem benchmark, ${new Date().toISOString()}\n${machineLine()}`);

  const seed = await ensureSyntheticDatabase({
    file: args.db,
    couples: args.couples,
    weeks: args.weeks,
    log: console.log,
  });
  console.log(
    `Synthetic data in ${args.db}: ${seed.couples} couples, ${seed.checkIns.toLocaleString('en')} check-ins, ${seed.firstWeek} to ${seed.lastWeek}` +
      (seed.reused ? ' (reused)' : ` (seeded in ${(seed.ms / 1000).toFixed(1)} s)`),
  );
  const clientDir = path.resolve('dist/client');
  const builtAt = await ensureClientBuild(clientDir);

  const database = openDatabase(args.db);
  const { sqlite } = database;
  const coupleNumber = Math.floor(args.couples / 2);
  const member = (side: 'a' | 'b') =>
    sqlite
      .prepare('select u.id, m.couple_id from users u join couple_members m on m.user_id = u.id where u.email = ?')
      .get(syntheticEmail(coupleNumber, side)) as { id: string; couple_id: string } | undefined;
  const [a, b] = [member('a'), member('b')];
  if (!a || !b) throw new Error(`Synthetic couple ${coupleNumber} is missing from ${args.db}`);
  const memberIds: [string, string] = [a.id, b.id];

  const token = newSessionToken();
  const sessionId = hashSecret(token);
  const now = new Date();
  await insertSession(database.db, sessionId, a.id, {
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString(),
  });
  const cookie = `tandem_session=${token}`;

  const coach = createBenchCoach(sqlite, ROSTER_COUPLES);
  const coachToken = newSessionToken();
  await insertSession(database.db, hashSecret(coachToken), coach.coachId, {
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString(),
  });

  const serverErrors: string[] = [];
  const { app, deps } = createApp({
    db: database.db,
    config: { ...defaultConfig, ipRateLimit: false, clientDir },
    log: (message, error) => serverErrors.push(`${message}: ${String(error)}`),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const floorApp = await startFloorApp();

  const watchdog = setTimeout(() => {
    console.error(`Bench took over ${WATCHDOG_MS / 60_000} minutes; stopping.`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();

  let latency: LatencyResult | undefined;
  let load: CannonResult[] | undefined;
  let bundles: BundleResult | undefined;
  let roster: RosterLatency | undefined;
  try {
    const thisWeek = currentWeek(new Date());
    section(
      `a. dashboard.get latency, ${ITERATIONS} sequential requests after ${WARMUP} warm-up, couple #${coupleNumber} (${seed.weeks} weeks)`,
    );
    latency = await measureLatency({
      baseUrl,
      cookie,
      sqlite,
      memberIds,
      thisWeek,
      ranges: ['all', '12w'],
      iterations: ITERATIONS,
      warmup: WARMUP,
      budgetMs: 60_000,
    });
    printLatency(latency);
    for (const r of latency.ranges) {
      const breakdown = await measureBreakdown({
        deps,
        token,
        coupleId: a.couple_id,
        memberIds,
        range: r.range,
        fromWeek: readFromWeek(sqlite, memberIds, r.range, thisWeek),
        dashboardUrl: `${baseUrl}/trpc/dashboard.get?input=${encodeURIComponent(JSON.stringify({ range: r.range }))}`,
        healthzUrl: `${baseUrl}/healthz`,
        cookie,
        iterations: 100,
        budgetMs: 20_000,
      });
      printBreakdown(r.range, breakdown);
    }

    section(
      `b. Throughput, autocannon in a separate process: ${LOAD.connections} connections for ${LOAD.seconds} s each`,
    );
    const floor = await runAutocannon('plain Express {ok:true} (floor)', floorApp.url, {}, LOAD);
    const dashboard = await runAutocannon(
      "dashboard.get '12w'",
      `${baseUrl}/trpc/dashboard.get?input=${encodeURIComponent(JSON.stringify({ range: '12w' }))}`,
      { cookie },
      LOAD,
    );
    load = [floor, dashboard];
    printLoad(load, floor);

    section('c. JavaScript downloaded, Debian Chromium via playwright-core');
    bundles = await measureBundles(baseUrl, token, builtAt);
    printBundles(bundles);

    section(
      `d. coach.roster latency, a coach of ${coach.linked} couples (${seed.weeks} weeks each), ${ITERATIONS} sequential requests`,
    );
    roster = await measureRoster({
      baseUrl,
      cookie: `tandem_session=${coachToken}`,
      sqlite,
      coachId: coach.coachId,
      couples: coach.linked,
      thisWeek: currentWeek(new Date()),
      iterations: ITERATIONS,
      warmup: WARMUP,
      budgetMs: 60_000,
    });
    printRoster(roster);
  } finally {
    removeBenchCoach(sqlite);
    clearTimeout(watchdog);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await floorApp.close();
    await deleteSession(database.db, sessionId);
    await database.close();
  }

  if (serverErrors.length > 0)
    console.log(`\nServer logged ${serverErrors.length} errors, the first: ${serverErrors[0]}`);
  console.log(`\n== Summary (paste into README, "Performance")\n`);
  console.log(summaryTable(seed.couples, seed.weeks, latency, load, bundles, roster));
  console.log(`\nBench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.`);
}

function summaryTable(
  couples: number,
  weeks: number,
  latency?: LatencyResult,
  load?: CannonResult[],
  bundles?: BundleResult,
  roster?: RosterLatency,
): string {
  const rows: string[][] = [];
  for (const r of latency?.ranges ?? []) {
    rows.push([
      `\`dashboard.get\` '${r.range}', median / p99`,
      `${ms(r.dashboard.median)} / ${ms(r.dashboard.p99)} ms`,
      `${ms(r.floor.median)} / ${ms(r.floor.p99)} ms read + JSON; HTTP ${ms(r.http.median)} ms`,
      `${ratio(r.dashboard.median / r.floor.median)} floor; ${ratio(r.vsFloorPlusHttp)} floor+HTTP`,
      `p99 < ${P99_TARGET_MS} ms: ${yesNo(r.p99Met)}; <= ${FLOOR_PLUS_HTTP_TARGET}x floor+HTTP: ${yesNo(r.floorPlusHttpMet)}`,
    ]);
  }
  const [floor, dashboard] = load ?? [];
  if (floor && dashboard) {
    rows.push([
      `Throughput '12w', ${LOAD.connections} connections`,
      `${dashboard.rps.toFixed(0)} req/s, p99 ${ms(dashboard.p99)} ms`,
      `${floor.rps.toFixed(0)} req/s, p99 ${ms(floor.p99)} ms (bare Express)`,
      ratio(dashboard.rps / floor.rps),
      `errors + non-2xx: ${dashboard.errors + dashboard.timeouts + dashboard.non2xx}`,
    ]);
  }
  if (bundles) {
    const login = sum(bundles.login, 'gzip');
    const dash = login + sum(bundles.dashboardExtra, 'gzip');
    rows.push([
      'JS for /login, gzip',
      kb(login),
      '',
      '',
      `<= ${kb(LOGIN_TARGET_BYTES)}: ${yesNo(login <= LOGIN_TARGET_BYTES)}`,
    ]);
    rows.push([
      'JS for /dashboard after login, gzip',
      kb(dash),
      '',
      '',
      `<= ${kb(DASHBOARD_TARGET_BYTES)}: ${yesNo(dash <= DASHBOARD_TARGET_BYTES)}`,
    ]);
  }
  if (roster) {
    rows.push([
      `\`coach.roster\`, ${roster.couples} couples, median / p99`,
      `${ms(roster.roster.median)} / ${ms(roster.roster.p99)} ms`,
      `${ms(roster.floor.median)} / ${ms(roster.floor.p99)} ms read + JSON; HTTP ${ms(roster.http.median)} ms`,
      `${ratio(roster.roster.median / roster.floor.median)} floor; ${ratio(roster.vsFloorPlusHttp)} floor+HTTP`,
      `p99 < ${ROSTER_P99_TARGET_MS} ms: ${yesNo(roster.p99Met)}`,
    ]);
  }
  return [
    markdownTable(['Measure', 'Tandem', 'Floor, same run', 'Ratio', 'Target'], rows),
    '',
    `${couples} synthetic couples x ${weeks} weeks in SQLite. ${machineLine()}. ${new Date().toISOString().slice(0, 10)}.`,
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
