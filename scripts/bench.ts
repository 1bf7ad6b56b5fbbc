/**
 * Performance of the real app over a synthetic database, on SQLite and on PostgreSQL in one run, each number next to
 * a floor measured in the same run (this is a shared, noisy machine: ratios travel, absolute numbers do not).
 * Usage: `npm run bench [-- --couples 1000 --weeks 260 --db data/synthetic.db --sections a,b,... --lighthouse-runs 3]`.
 * Starts a throwaway PostgreSQL cluster of its own and stops it at the end. Loopback only; stops by itself.
 */
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '#server/app';
import { hashSecret, newSessionToken } from '#server/auth/secrets';
import { ensureClientBuild } from '#server/client-build';
import { defaultConfig } from '#server/config';
import { openDatabase, type DB, type OpenDatabase } from '#server/db/database';
import { openPostgres } from '#server/db/postgres';
import { createLogger } from '#server/observability/logger';
import { insertSession } from '#server/repositories/sessions.repository';
import { currentWeek } from '#shared/week';
import type { PostgresCluster } from '../tests/helpers/postgres-cluster';
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
import { postgresFloor, sqliteFloor, type FloorReader } from './bench/floor';
import {
  FLOOR_PLUS_HTTP_TARGET,
  measureLatency,
  P99_TARGET_MS,
  printLatency,
  readFromWeek,
  type LatencyResult,
} from './bench/latency';
import { runAutocannon, startFloorApp, type CannonResult } from './bench/load';
import {
  MIXED,
  MIXED_MAX_TARGET_MS,
  MIXED_P99_TARGET_MS,
  prepareMixedPartners,
  printMixed,
  runMixed,
  type MixedResult,
  inLoaderUnits,
} from './bench/mixed';
import {
  copyBenchDatabase,
  postmasterPid,
  seedBenchPostgres,
  socketUrl,
  startBenchPostgres,
  transactionCounts,
} from './bench/postgres';
import {
  createBenchCoach,
  measureRoster,
  printRoster,
  removeBenchCoach,
  rosterMeasureStatements,
  ROSTER_P99_TARGET_MS,
  type RosterLatency,
} from './bench/roster';
import {
  LIGHTHOUSE_HEADER,
  LIGHTHOUSE_RUNS,
  lighthouseCells,
  measureLighthouse,
  printLighthouse,
  type LighthouseResult,
} from './bench/lighthouse';
import { kb, machineLine, markdownTable, ms, ratio, yesNo } from './bench/stats';
import { ensureSyntheticDatabase, syntheticEmail } from './bench/synthetic';
import { GAIN_TARGET, gainOf, measureThroughput, printThroughput, type ThroughputResult } from './bench/throughput';
import { measureObservability, printObservability } from './bench/observability';

const ITERATIONS = 300;
const WARMUP = 30;
const LOAD = { connections: 50, seconds: 10 };
/** The roster section: a coach of this many couples. */
const ROSTER_COUPLES = 200;
/** However it goes, the bench ends: past this everything is torn down and the process exits. */
const WATCHDOG_MS = 25 * 60_000;
/** What the run measures; `--sections latency,roster` runs part of it. */
const SECTIONS = [
  'latency',
  'postgres',
  'throughput',
  'bundles',
  'roster',
  'mixed',
  'lighthouse',
  'observability',
] as const;
type Section = (typeof SECTIONS)[number];
/** Where the mixed load's SQLite copy lives: beside the synthetic file, on the same disk. */
const MIXED_COPY = 'bench-mixed.db';
/** The mixed load's PostgreSQL copy, made afresh for each run. */
const MIXED_DATABASE = 'tandem_bench_mixed';

function section(title: string) {
  console.log(`\n== ${title}\n${machineLine()}`);
}

/** Sections that failed: the run goes on with the others, lists them at the end and exits with 1. */
const failures: string[] = [];

/** Runs one section; a failure is reported and recorded, and the bench goes on. */
async function attempt<T>(name: string, errors: string[], run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`  ${name} FAILED: ${message.slice(0, 600)}`);
    if (errors.length > 0) console.log(`  the server logged: ${errors.slice(-3).join(' | ').slice(0, 1500)}`);
    failures.push(`${name}: ${message.split('\n')[0]}`);
    return undefined;
  }
}

/** The members of a synthetic couple, and a live session for the first. */
async function benchPartner(db: DB, coupleNumber: number) {
  const member = (side: 'a' | 'b') =>
    db
      .selectFrom('users as u')
      .innerJoin('couple_members as m', 'm.user_id', 'u.id')
      .select(['u.id', 'm.couple_id'])
      .where('u.email', '=', syntheticEmail(coupleNumber, side))
      .executeTakeFirst();
  const [a, b] = [await member('a'), await member('b')];
  if (!a || !b) throw new Error(`Synthetic couple ${coupleNumber} is missing`);
  const token = await newSession(db, a.id);
  return {
    memberIds: [a.id, b.id] as [string, string],
    coupleId: a.couple_id,
    token,
    cookie: `tandem_session=${token}`,
  };
}

async function newSession(db: DB, userId: string): Promise<string> {
  const token = newSessionToken();
  const now = new Date();
  await insertSession(db, hashSecret(token), userId, {
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString(),
  });
  return token;
}

/** The app in this process over `database`, on a loopback port. */
async function inProcessApp(database: OpenDatabase, clientDir: string | null, errors: string[]) {
  const { app, deps } = createApp({
    db: database.db,
    database,
    config: { ...defaultConfig, ipRateLimit: false, clientDir },
    // Faults only: each becomes one entry of the report's errors.
    logger: createLogger({ level: 'error', format: 'json', destination: { write: (line) => errors.push(line) } }),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    deps,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface DatabaseLatency {
  latency?: LatencyResult;
  roster?: RosterLatency;
}

/** Sections a and d on one database: dashboard latency with its breakdown, and the roster, against that floor. */
async function latencyAndRoster(options: {
  label: string;
  database: OpenDatabase;
  floor: FloorReader;
  couples: number;
  weeks: number;
  clientDir: string | null;
  sections: Set<Section>;
  errors: string[];
  during?: (app: { baseUrl: string; token: string }) => Promise<void>;
}): Promise<DatabaseLatency> {
  const { database, floor } = options;
  const coupleNumber = Math.floor(options.couples / 2);
  const partner = await benchPartner(database.db, coupleNumber);
  const coach = await createBenchCoach(database.db, ROSTER_COUPLES);
  const coachToken = await newSession(database.db, coach.coachId);
  const app = await inProcessApp(database, options.clientDir, options.errors);
  const thisWeek = currentWeek(new Date());
  const result: DatabaseLatency = {};
  try {
    if (options.sections.has('latency')) {
      section(
        `a. ${options.label}: dashboard.get latency, ${ITERATIONS} sequential requests after ${WARMUP} warm-up, couple #${coupleNumber} (${options.weeks} weeks)`,
      );
      result.latency = await attempt(`${options.label} dashboard latency`, options.errors, () =>
        measureLatency({
          baseUrl: app.baseUrl,
          cookie: partner.cookie,
          floor,
          memberIds: partner.memberIds,
          thisWeek,
          ranges: ['all', '12w'],
          iterations: ITERATIONS,
          warmup: WARMUP,
          budgetMs: 60_000,
        }),
      );
      if (result.latency) printLatency(result.latency);
      for (const r of result.latency?.ranges ?? []) {
        const breakdown = await measureBreakdown({
          deps: app.deps,
          token: partner.token,
          coupleId: partner.coupleId,
          memberIds: partner.memberIds,
          range: r.range,
          fromWeek: await readFromWeek(floor, partner.memberIds, r.range, thisWeek),
          dashboardUrl: `${app.baseUrl}/trpc/dashboard.get?input=${encodeURIComponent(JSON.stringify({ range: r.range }))}`,
          healthzUrl: `${app.baseUrl}/healthz`,
          cookie: partner.cookie,
          iterations: 100,
          budgetMs: 20_000,
        });
        printBreakdown(r.range, breakdown);
      }
    }
    if (options.during) await options.during({ baseUrl: app.baseUrl, token: partner.token });
    if (options.sections.has('roster')) {
      section(
        `d. ${options.label}: coach.roster latency, a coach of ${coach.linked} couples (${options.weeks} weeks each; a measure every 2 weeks for 5 years, ${coach.measureAnswers.toLocaleString('en')} answers), ${ITERATIONS} sequential requests`,
      );
      result.roster = await attempt(`${options.label} coach.roster latency`, options.errors, () =>
        measureRoster({
          baseUrl: app.baseUrl,
          cookie: `tandem_session=${coachToken}`,
          floor,
          coachId: coach.coachId,
          couples: coach.linked,
          measureStatements: rosterMeasureStatements(database.db, coach.coachId),
          thisWeek,
          iterations: ITERATIONS,
          warmup: WARMUP,
          budgetMs: 60_000,
        }),
      );
      if (result.roster) printRoster(result.roster);
    }
  } finally {
    await app.close();
    await removeBenchCoach(database.db);
    await database.db.deleteFrom('sessions').where('user_id', '=', partner.memberIds[0]).execute();
  }
  return result;
}

async function main() {
  const args = parseSyntheticArgs(
    process.argv.slice(2),
    { couples: 1000, weeks: 260 },
    { sections: { type: 'string' }, 'lighthouse-runs': { type: 'string' } },
  );
  const lighthouseRuns = Number(args.extra['lighthouse-runs'] ?? LIGHTHOUSE_RUNS);
  if (!Number.isInteger(lighthouseRuns) || lighthouseRuns < 1 || lighthouseRuns > 20)
    throw new Error('--lighthouse-runs must be a whole number from 1 to 20.');
  const sections = new Set<Section>(
    typeof args.extra.sections === 'string'
      ? args.extra.sections.split(',').map((s) => {
          if (!(SECTIONS as readonly string[]).includes(s))
            throw new Error(`--sections takes some of ${SECTIONS.join(',')}`);
          return s as Section;
        })
      : SECTIONS,
  );
  const withPostgres = sections.has('postgres');
  const benchStarted = performance.now();
  console.log(`Tandem benchmark, ${new Date().toISOString()}\n${machineLine()}`);
  console.log(`Sections: ${[...sections].join(', ')}. This takes several minutes; progress follows.`);

  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('Cleaning up failed:', error);
      }
    }
  };
  const watchdog = setTimeout(() => {
    console.error(`Bench took over ${WATCHDOG_MS / 60_000} minutes; stopping.`);
    void cleanUp().finally(() => process.exit(2));
  }, WATCHDOG_MS);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: stopping the bench and its PostgreSQL cluster.`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  const now = new Date();
  const serverErrors: string[] = [];
  let sqliteResults: DatabaseLatency | undefined;
  let postgresResults: DatabaseLatency = {};
  let floorLoad: CannonResult | undefined;
  const throughput: ThroughputResult[] = [];
  let bundles: BundleResult | undefined;
  const mixed: MixedResult[] = [];
  let seedLine: string | undefined;
  let lighthouseResult: LighthouseResult | undefined;

  try {
    const seed = await ensureSyntheticDatabase({
      file: args.db,
      couples: args.couples,
      weeks: args.weeks,
      log: console.log,
      now,
    });
    seedLine = `${seed.couples} couples x ${seed.weeks} weeks (${seed.checkIns.toLocaleString('en')} check-ins)`;
    console.log(
      `Synthetic data in ${args.db}: ${seed.couples} couples, ${seed.checkIns.toLocaleString('en')} check-ins, ${seed.firstWeek} to ${seed.lastWeek}` +
        (seed.reused ? ' (reused)' : ` (seeded in ${(seed.ms / 1000).toFixed(1)} s)`),
    );
    const clientDir = path.resolve('dist/client');
    const builtAt =
      sections.has('bundles') || sections.has('lighthouse') ? await ensureClientBuild(clientDir) : undefined;

    let cluster: PostgresCluster | undefined;
    let postgresUrl: string | undefined;
    if (withPostgres) {
      console.log('Starting a throwaway PostgreSQL cluster…');
      const started = await attempt('starting PostgreSQL', [], startBenchPostgres);
      if (started) {
        cluster = started;
        cleanups.push(() => started.stop());
        console.log(`PostgreSQL on port ${started.port}; seeding the same synthetic couples into it…`);
        const pgSeed = await attempt('seeding PostgreSQL', [], () =>
          seedBenchPostgres(started, { couples: args.couples, weeks: args.weeks, now, log: console.log }),
        );
        if (pgSeed) {
          postgresUrl = pgSeed.url;
          console.log(
            `PostgreSQL seeded: ${pgSeed.seed.checkIns.toLocaleString('en')} check-ins in ${(pgSeed.seed.ms / 1000).toFixed(1)} s`,
          );
        }
      }
    }

    // Sections a, b (its in-process part), c and d on SQLite: the bench's own connection, the app in this process.
    const sqliteDatabase = openDatabase(args.db);
    cleanups.push(() => sqliteDatabase.close());
    const sqliteFloorReader = sqliteFloor(sqliteDatabase.sqlite);
    sqliteResults = await latencyAndRoster({
      label: 'SQLite',
      database: sqliteDatabase,
      floor: sqliteFloorReader,
      couples: args.couples,
      weeks: args.weeks,
      clientDir,
      sections,
      errors: serverErrors,
      during: async ({ baseUrl, token }) => {
        if (!sections.has('bundles') || !builtAt) return;
        section('c. JavaScript downloaded, Debian Chromium via playwright-core');
        bundles = await attempt('JavaScript downloaded', serverErrors, () => measureBundles(baseUrl, token, builtAt));
        if (bundles) printBundles(bundles);
      },
    });

    if (postgresUrl && (sections.has('latency') || sections.has('roster'))) {
      const postgresDatabase = openPostgres(postgresUrl, { poolSize: 10 });
      const floor = postgresFloor(postgresUrl);
      try {
        postgresResults = await latencyAndRoster({
          label: 'PostgreSQL',
          database: postgresDatabase,
          floor,
          couples: args.couples,
          weeks: args.weeks,
          clientDir: null,
          sections,
          errors: serverErrors,
        });
      } finally {
        await floor.close();
        await postgresDatabase.close();
      }
      printComparison(sqliteResults ?? {}, postgresResults);
    }

    if (sections.has('throughput')) {
      section(
        `b. Throughput of dashboard.get '12w': the app as npm start runs it, WEB_CONCURRENCY 1 and 2, ` +
          `autocannon in its own process, ${LOAD.connections} connections for ${LOAD.seconds} s after a short warm-up`,
      );
      const floorApp = await startFloorApp();
      try {
        floorLoad = await runAutocannon('plain Express {ok:true} (floor)', floorApp.url, {}, LOAD);
      } finally {
        await floorApp.close();
      }
      const partner = await benchPartner(sqliteDatabase.db, Math.floor(args.couples / 2));
      const targets: {
        database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
        cookie: string;
      }[] = [{ database: { kind: 'sqlite', path: args.db }, cookie: partner.cookie }];
      if (postgresUrl) {
        const database = openPostgres(postgresUrl, { poolSize: 1 });
        try {
          const p = await benchPartner(database.db, Math.floor(args.couples / 2));
          targets.push({ database: { kind: 'postgres', url: postgresUrl }, cookie: p.cookie });
        } finally {
          await database.close();
        }
      }
      for (const target of targets) {
        for (const workers of [1, 2]) {
          console.log(`  ${target.database.kind}, WEB_CONCURRENCY=${workers}…`);
          const result = await attempt(`throughput, ${target.database.kind}, WEB_CONCURRENCY=${workers}`, [], () =>
            measureThroughput({
              database: target.database,
              workers,
              cookie: target.cookie,
              connections: LOAD.connections,
              seconds: LOAD.seconds,
            }),
          );
          if (result) throughput.push(result);
        }
      }
      printThroughput(throughput, floorLoad);
    }

    if (sections.has('mixed')) {
      section(
        `f. Mixed load from a start: ${MIXED.partners} partners each looping "check in for a past week, then open the ` +
          `12-week dashboard", loader in its own process; first ${MIXED.firstMs / 1000} s, then ${MIXED.steadyMs / 1000} s`,
      );
      const copy = path.join(path.dirname(path.resolve(args.db)), MIXED_COPY);
      cleanups.push(() => removeDatabaseFiles(copy));
      for (const workers of [1, 2]) {
        console.log(`  SQLite, WEB_CONCURRENCY=${workers}: copying the synthetic database and its sessions…`);
        removeDatabaseFiles(copy);
        await sqliteDatabase.sqlite.backup(copy);
        const database = openDatabase(copy);
        const cookies = await prepareMixedPartners(database.db, MIXED.partners);
        await database.close();
        const label = `SQLite, ${workers === 1 ? 'one process' : `WEB_CONCURRENCY=${workers}`}`;
        const result = await attempt(`mixed load, ${label}`, [], () =>
          runMixed({ label, database: { kind: 'sqlite', path: copy }, workers, cookies }),
        );
        if (result) mixed.push(result);
      }
      if (cluster && postgresUrl) {
        // TCP on loopback, as to a database on another machine; then the same through the cluster's Unix socket, as
        // an app on the database's own machine would connect (DATABASE_URL's `host` parameter names the folder).
        const runs = [
          { workers: 1, socket: false },
          { workers: 2, socket: false },
          { workers: 1, socket: true },
        ];
        for (const { workers, socket } of runs) {
          const how = `${workers === 1 ? 'one process' : `WEB_CONCURRENCY=${workers}`}${socket ? ', Unix socket' : ''}`;
          console.log(`  PostgreSQL, ${how}: copying the synthetic database and its sessions…`);
          const tcpUrl = await copyBenchDatabase(cluster, MIXED_DATABASE);
          const url = socket ? socketUrl(tcpUrl, cluster.dir) : tcpUrl;
          const database = openPostgres(url, { poolSize: 2 });
          const cookies = await prepareMixedPartners(database.db, MIXED.partners);
          await database.close();
          const label = `PostgreSQL, ${how}`;
          const result = await attempt(`mixed load, ${label}`, [], () =>
            runMixed({
              label,
              database: { kind: 'postgres', url },
              workers,
              cookies,
              databasePid: postmasterPid(cluster),
            }),
          );
          if (result) mixed.push(result);
          // Check-ins are SERIALIZABLE on PostgreSQL: a rollback here is a transaction run again.
          const counts = await transactionCounts(cluster.adminUrl, MIXED_DATABASE);
          console.log(
            `    ${label}: PostgreSQL counted ${counts.commits.toLocaleString('en')} commits, ` +
              `${counts.rollbacks.toLocaleString('en')} rollbacks, ${counts.deadlocks} deadlocks`,
          );
        }
      }
      printMixed(mixed);
    }

    if (sections.has('observability')) {
      section(
        "h. Observability overhead: dashboard.get '12w' from servers as npm start runs them: request logs " +
          '(LOG_LEVEL=info, read) and metrics (METRICS_TOKEN, scraped every second), metrics alone, and neither, in turn',
      );
      const partner = await benchPartner(sqliteDatabase.db, Math.floor(args.couples / 2));
      const result = await attempt('observability overhead', [], () =>
        measureObservability({ database: { kind: 'sqlite', path: args.db }, cookie: partner.cookie }),
      );
      if (result) printObservability(result);
    }

    if (sections.has('lighthouse')) {
      section(
        `g. The pages on a phone: Lighthouse's mobile profile (simulated slow 4G, CPU slowed 4x) in Debian Chromium, ` +
          `the app as npm start runs it, median of ${lighthouseRuns} runs per page, client build from ${builtAt?.toISOString() ?? '?'}`,
      );
      lighthouseResult = await attempt('Lighthouse', [], () =>
        measureLighthouse({ runs: lighthouseRuns, defer: (cleanup) => cleanups.push(cleanup), log: console.log }),
      );
      if (lighthouseResult) printLighthouse(lighthouseResult);
    }
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }

  if (serverErrors.length > 0)
    console.log(`\nServer logged ${serverErrors.length} errors, the first: ${serverErrors[0]}`);
  console.log(`\n== Summary (paste into README, "Performance")\n`);
  console.log(
    summaryTable({ sqlite: sqliteResults ?? {}, postgres: postgresResults, floorLoad, throughput, bundles, mixed }),
  );
  if (lighthouseResult) {
    console.log(
      `\nLighthouse, mobile profile, medians of ${lighthouseResult.runs} runs (target beside each number):\n`,
    );
    console.log(markdownTable(LIGHTHOUSE_HEADER, lighthouseResult.pages.map(lighthouseCells)));
  }
  console.log(
    `\n${seedLine ?? 'No synthetic data'}, on each database. ${machineLine()}. ${new Date().toISOString().slice(0, 10)}.`,
  );
  console.log(`\nBench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.`);
  if (failures.length > 0) {
    console.log(`\n${failures.length} sections FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exitCode = 1;
  }
}

function removeDatabaseFiles(file: string) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** PostgreSQL's median against SQLite's for the same request. */
function comparisons(sqlite: DatabaseLatency, postgres: DatabaseLatency): [string, number, number][] {
  const rows: [string, number, number][] = [];
  for (const p of postgres.latency?.ranges ?? []) {
    const s = sqlite.latency?.ranges.find((r) => r.range === p.range);
    if (s) rows.push([`dashboard.get '${p.range}'`, s.dashboard.median, p.dashboard.median]);
  }
  if (sqlite.roster && postgres.roster)
    rows.push([`coach.roster`, sqlite.roster.roster.median, postgres.roster.roster.median]);
  return rows;
}

function printComparison(sqlite: DatabaseLatency, postgres: DatabaseLatency) {
  section('e. PostgreSQL against SQLite, the same requests, medians from sections a and d');
  for (const [what, s, p] of comparisons(sqlite, postgres)) {
    console.log(
      `  ${what}: SQLite ${ms(s)} ms, PostgreSQL ${ms(p)} ms, ${ratio(p / s)}${p / s > 2 ? ' (over 2x)' : ''}`,
    );
  }
}

function summaryTable(r: {
  sqlite: DatabaseLatency;
  postgres: DatabaseLatency;
  floorLoad?: CannonResult;
  throughput: ThroughputResult[];
  bundles?: BundleResult;
  mixed: MixedResult[];
}): string {
  const rows: string[][] = [];
  for (const [name, results] of [
    ['SQLite', r.sqlite],
    ['PostgreSQL', r.postgres],
  ] as const) {
    for (const l of results.latency?.ranges ?? []) {
      rows.push([
        `${name}: \`dashboard.get\` '${l.range}', median / p99`,
        `${ms(l.dashboard.median)} / ${ms(l.dashboard.p99)} ms`,
        `${ms(l.floor.median)} / ${ms(l.floor.p99)} ms read + JSON; HTTP ${ms(l.http.median)} ms`,
        `${ratio(l.dashboard.median / l.floor.median)} floor; ${ratio(l.vsFloorPlusHttp)} floor+HTTP`,
        `p99 < ${P99_TARGET_MS} ms: ${yesNo(l.p99Met)}; <= ${FLOOR_PLUS_HTTP_TARGET}x floor+HTTP: ${yesNo(l.floorPlusHttpMet)}`,
      ]);
    }
    const roster = results.roster;
    if (roster) {
      rows.push([
        `${name}: \`coach.roster\`, ${roster.couples} couples, median / p99`,
        `${ms(roster.roster.median)} / ${ms(roster.roster.p99)} ms`,
        `${ms(roster.floor.median)} / ${ms(roster.floor.p99)} ms read + JSON; HTTP ${ms(roster.http.median)} ms`,
        `${ratio(roster.roster.median / roster.floor.median)} floor; ${ratio(roster.vsFloorPlusHttp)} floor+HTTP`,
        `p99 < ${ROSTER_P99_TARGET_MS} ms: ${yesNo(roster.p99Met)}; <= ${FLOOR_PLUS_HTTP_TARGET}x floor+HTTP: ${yesNo(roster.vsFloorPlusHttp <= FLOOR_PLUS_HTTP_TARGET)}`,
      ]);
    }
  }
  for (const [what, s, p] of comparisons(r.sqlite, r.postgres)) {
    rows.push([
      `PostgreSQL against SQLite: ${what}, medians`,
      `${ms(p)} ms`,
      `SQLite ${ms(s)} ms`,
      ratio(p / s),
      p / s > 2 ? 'over 2x: see below' : 'within 2x',
    ]);
  }
  for (const t of r.throughput) {
    const gain = gainOf(r.throughput, t.database);
    rows.push([
      `Throughput '12w', ${t.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, WEB_CONCURRENCY=${t.workers}, ${LOAD.connections} connections`,
      `${t.result.rps.toFixed(0)} req/s, p99 ${ms(t.result.p99)} ms`,
      r.floorLoad ? `${r.floorLoad.rps.toFixed(0)} req/s (bare Express)` : '',
      r.floorLoad ? ratio(t.result.rps / r.floorLoad.rps) : '',
      `errors: ${t.result.errors + t.result.timeouts + t.result.non2xx}` +
        (t.workers === 2 && Number.isFinite(gain)
          ? `; gain ${ratio(gain)} (>= ${GAIN_TARGET}x: ${yesNo(gain >= GAIN_TARGET)})`
          : ''),
    ]);
  }
  if (r.bundles) {
    const login = sum(r.bundles.login, 'sent');
    const dash = login + sum(r.bundles.dashboardExtra, 'sent');
    rows.push([
      'JS for /login, bytes sent',
      kb(login),
      '',
      '',
      `<= ${kb(LOGIN_TARGET_BYTES)}: ${yesNo(login <= LOGIN_TARGET_BYTES)}`,
    ]);
    rows.push([
      'JS for /dashboard after login, bytes sent',
      kb(dash),
      '',
      '',
      `<= ${kb(DASHBOARD_TARGET_BYTES)}: ${yesNo(dash <= DASHBOARD_TARGET_BYTES)}`,
    ]);
  }
  for (const m of r.mixed) {
    for (const [name, w, target] of [
      [
        `first ${MIXED.firstMs / 1000} s after start`,
        m.first,
        `max < ${MIXED_MAX_TARGET_MS} ms: ${yesNo(m.first.max < MIXED_MAX_TARGET_MS)}`,
      ],
      [
        `steady, next ${MIXED.steadyMs / 1000} s`,
        m.steady,
        `p99 <= ${MIXED_P99_TARGET_MS} ms: ${yesNo(m.steady.p99 <= MIXED_P99_TARGET_MS)}; max < ${MIXED_MAX_TARGET_MS} ms: ${yesNo(m.steady.max < MIXED_MAX_TARGET_MS)}`,
      ],
    ] as const) {
      const cpu = m.cpuPerRequest;
      const cpuNote =
        w === m.steady
          ? `; CPU per request ${(cpu.app + cpu.database + cpu.loader).toFixed(1)} ms (app ${cpu.app.toFixed(1)}` +
            (m.database === 'postgres' ? `, PostgreSQL ${cpu.database.toFixed(1)}` : '') +
            `, loader ${cpu.loader.toFixed(1)})`
          : '';
      const steady = w === m.steady;
      rows.push([
        `Mixed load, ${MIXED.partners} partners, ${m.label}, ${name}`,
        `${w.rps.toFixed(0)} req/s; p50 ${ms(w.p50)}, p99 ${ms(w.p99)}, max ${ms(w.max)} ms${cpuNote}`,
        steady ? `the loader's CPU per request, ${cpu.loader.toFixed(2)} ms` : '',
        steady ? `CPU per request: ${inLoaderUnits(m)} the loader's` : '',
        `${target}; errors: ${w.errors}`,
      ]);
    }
  }
  return markdownTable(['Measure', 'Tandem', 'Floor, same run', 'Ratio', 'Target'], rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
