/**
 * Section g: the pages as a person on a phone feels them. Lighthouse 12's default mobile profile (simulated slow 4G,
 * CPU slowed 4x) in Debian Chromium, against the app as `npm start` runs it (NODE_ENV=production, its own process, a
 * throwaway SQLite file): /login signed out, /dashboard and /check-in as a demo couple, /coach as a coach of 20
 * couples. Every run is a first visit (Lighthouse clears the origin's storage and service worker before each), and
 * Chromium resolves no name but the loopback server's, so nothing outside this machine is needed or reachable.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import { hashSecret, newSessionToken } from '#server/auth/secrets';
import { openDatabase } from '#server/db/database';
import { SESSION_COOKIE } from '#server/http/session-cookie';
import { insertSession } from '#server/repositories/sessions.repository';
import { CHROMIUM_PATH, ensureChromium } from '../../tests/helpers/chromium';
import { createBenchCoach } from './roster';
import { startServer, type BenchServer } from './server-process';
import { summarize, table, yesNo } from './stats';
import { ensureSyntheticDatabase } from './synthetic';

export const LIGHTHOUSE_RUNS = 3;
/** The coach page: a coach of this many synthetic couples, each with five years of check-ins and measure answers. */
export const LIGHTHOUSE_COACH_COUPLES = 20;
const COACH_WEEKS = 260;

export interface PageTarget {
  performance: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
}

/** Issue 17's targets for the mobile profile; accessibility and best practices stay at 100 everywhere. */
export const LIGHTHOUSE_PAGES = [
  { path: '/login', who: 'signed out', target: { performance: 95, lcpMs: 2000, tbtMs: 150, cls: 0.05 } },
  { path: '/dashboard', who: 'demo couple', target: { performance: 85, lcpMs: 2500, tbtMs: 300, cls: 0.05 } },
  { path: '/check-in', who: 'demo couple', target: { performance: 90, lcpMs: 2500, tbtMs: 200, cls: 0.05 } },
  {
    path: '/coach',
    who: `coach of ${LIGHTHOUSE_COACH_COUPLES} couples`,
    target: { performance: 85, lcpMs: 2500, tbtMs: 300, cls: 0.05 },
  },
] as const satisfies readonly { path: string; who: string; target: PageTarget }[];
export const CATEGORY_TARGET = 100;

/** One Lighthouse run of one page. */
export interface LighthouseRun {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** total-byte-weight: bytes over the wire, headers and (compressed) bodies, as Chromium received them. */
  bytes: number;
  finalPath: string;
  /** Requests to anything but the loopback server (none is expected; any would fail, name resolution is blocked). */
  external: string[];
  warnings: string[];
}

export interface PageResult {
  path: string;
  who: string;
  target: PageTarget;
  runs: LighthouseRun[];
  /** Each number the median of the runs, on its own. */
  median: Omit<LighthouseRun, 'finalPath' | 'external' | 'warnings'>;
  /** Every run ended on the page asked for (a session that did not hold would end on /login). */
  stayed: boolean;
  external: string[];
  failed: string[];
}

export interface LighthouseResult {
  pages: PageResult[];
  runs: number;
  lighthouseVersion: string;
  chromiumVersion: string;
  seconds: number;
}

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--disable-sync',
  '--disable-extensions',
  // The network is the loopback server and nothing else: any other name fails to resolve.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export async function measureLighthouse(options: {
  runs: number;
  /** Registers a teardown with the bench, so a signal or the watchdog stops Chromium and the server too. */
  defer: (cleanup: () => Promise<void> | void) => void;
  log: (line: string) => void;
}): Promise<LighthouseResult> {
  const started = performance.now();
  ensureChromium();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-lighthouse-'));
  const stops: (() => Promise<void> | void)[] = [() => fs.rmSync(dir, { recursive: true, force: true })];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  options.defer(stopAll);
  try {
    const file = path.join(dir, 'lighthouse.db');
    const seed = await ensureSyntheticDatabase({ file, couples: LIGHTHOUSE_COACH_COUPLES, weeks: COACH_WEEKS });
    const coachCookie = await coachSession(file);
    options.log(
      `  ${seed.couples} synthetic couples x ${seed.weeks} weeks in ${dir}, seeded in ${(seed.ms / 1000).toFixed(1)} s; starting the server…`,
    );
    const server: BenchServer = await startServer({
      database: { kind: 'sqlite', path: file },
      workers: 1,
      env: { SERVE_CLIENT: '1', DEMO: '1' },
    });
    stops.push(() => server.stop());
    const demoCookie = await startDemo(server.url);

    const chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM_PATH,
      chromeFlags: CHROME_FLAGS,
      handleSIGINT: false,
      logLevel: 'silent',
    });
    stops.push(() => chrome.kill());
    const chromiumVersion = await browserVersion(chrome.port);

    const cookies: Record<string, string | undefined> = {
      '/login': undefined,
      '/dashboard': demoCookie,
      '/check-in': demoCookie,
      '/coach': coachCookie,
    };
    const runs = new Map<string, LighthouseRun[]>(LIGHTHOUSE_PAGES.map((p) => [p.path, []]));
    const failed = new Map<string, string[]>(LIGHTHOUSE_PAGES.map((p) => [p.path, []]));
    let lighthouseVersion = '';
    // Round by round, so whatever else the machine does at one moment falls on every page alike.
    for (let round = 1; round <= options.runs; round++) {
      for (const page of LIGHTHOUSE_PAGES) {
        const t = performance.now();
        try {
          const lhr = await runLighthouse(`${server.url}${page.path}`, chrome.port, cookies[page.path]);
          lighthouseVersion = lhr.lighthouseVersion;
          const run = readRun(lhr, server.url);
          runs.get(page.path)!.push(run);
          saveReport(lhr, page.path, round);
          options.log(
            `  run ${round}/${options.runs} ${page.path}: performance ${run.performance}, LCP ${seconds(run.lcpMs)}, ` +
              `TBT ${Math.round(run.tbtMs)} ms (${((performance.now() - t) / 1000).toFixed(0)} s)`,
          );
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          failed.get(page.path)!.push(message);
          options.log(`  run ${round}/${options.runs} ${page.path} FAILED: ${message.slice(0, 300)}`);
        }
      }
    }
    const pages = LIGHTHOUSE_PAGES.map((page): PageResult => {
      const pageRuns = runs.get(page.path)!;
      const median = (pick: (r: LighthouseRun) => number) => summarize(pageRuns.map(pick)).median;
      return {
        path: page.path,
        who: page.who,
        target: page.target,
        runs: pageRuns,
        median: {
          performance: median((r) => r.performance),
          accessibility: median((r) => r.accessibility),
          bestPractices: median((r) => r.bestPractices),
          lcpMs: median((r) => r.lcpMs),
          tbtMs: median((r) => r.tbtMs),
          cls: median((r) => r.cls),
          bytes: median((r) => r.bytes),
        },
        stayed: pageRuns.length > 0 && pageRuns.every((r) => r.finalPath === page.path),
        external: [...new Set(pageRuns.flatMap((r) => r.external))],
        failed: failed.get(page.path)!,
      };
    });
    const allFailed = pages.filter((p) => p.runs.length === 0);
    if (allFailed.length === pages.length)
      throw new Error(`Every Lighthouse run failed; the first: ${allFailed[0]!.failed[0] ?? 'unknown'}`);
    return {
      pages,
      runs: options.runs,
      lighthouseVersion,
      chromiumVersion,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await stopAll();
  }
}

/** A session for the synthetic coach of the first 20 couples, written straight into the database file. */
async function coachSession(file: string): Promise<string> {
  const database = openDatabase(file);
  try {
    const coach = await createBenchCoach(database.db, LIGHTHOUSE_COACH_COUPLES);
    if (coach.linked !== LIGHTHOUSE_COACH_COUPLES)
      throw new Error(`The coach has ${coach.linked} couples, not ${LIGHTHOUSE_COACH_COUPLES}`);
    const token = newSessionToken();
    const now = new Date();
    await insertSession(database.db, hashSecret(token), coach.coachId, {
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString(),
    });
    return `${SESSION_COOKIE}=${token}`;
  } finally {
    await database.close();
  }
}

/**
 * With LIGHTHOUSE_REPORT_DIR set, each run's whole report is kept there as JSON (dashboard-1.json, …): what the LCP
 * element was, which scripts ran longest, the order things were fetched in. Open one in the Lighthouse viewer.
 */
function saveReport(lhr: Result, pagePath: string, round: number) {
  const dir = process.env.LIGHTHOUSE_REPORT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${pagePath.replace(/\W+/g, '') || 'root'}-${round}.json`), JSON.stringify(lhr));
}

/** "Explore the demo", as the login page does it: a fresh demo couple, signed in as its first partner. */
async function startDemo(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/trpc/demo.start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const pair = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !pair?.startsWith(`${SESSION_COOKIE}=`))
    throw new Error(`demo.start answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return pair;
}

async function browserVersion(port: number): Promise<string> {
  try {
    const answer = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { Browser?: string };
    return answer.Browser ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** One run with Lighthouse's defaults (the mobile profile, simulated throttling), three categories only. */
async function runLighthouse(url: string, port: number, cookie: string | undefined): Promise<Result> {
  const flags: Flags = {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  };
  const result = await lighthouse(url, flags);
  if (!result) throw new Error('Lighthouse returned nothing');
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  return lhr;
}

function readRun(lhr: Result, origin: string): LighthouseRun {
  const score = (id: string) => {
    const value = lhr.categories[id]?.score;
    if (typeof value !== 'number') throw new Error(`No ${id} score`);
    return Math.round(value * 100);
  };
  const numeric = (id: string) => {
    const value = lhr.audits[id]?.numericValue;
    if (typeof value !== 'number') throw new Error(`No ${id} value: ${lhr.audits[id]?.errorMessage ?? 'missing'}`);
    return value;
  };
  const requests = lhr.audits['network-requests']?.details;
  const urls =
    requests?.type === 'table' ? requests.items.map((item) => (typeof item.url === 'string' ? item.url : '')) : [];
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcpMs: numeric('largest-contentful-paint'),
    tbtMs: numeric('total-blocking-time'),
    cls: numeric('cumulative-layout-shift'),
    bytes: numeric('total-byte-weight'),
    finalPath: new URL(lhr.finalDisplayedUrl).pathname,
    external: urls.filter((u) => /^(https?|wss?):/.test(u) && !u.startsWith(`${origin}/`) && u !== origin),
    warnings: lhr.runWarnings,
  };
}

const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/** Whether each number meets the page's target. */
export function pageMet(page: PageResult) {
  const m = page.median;
  const t = page.target;
  return {
    performance: m.performance >= t.performance,
    lcp: m.lcpMs <= t.lcpMs,
    tbt: m.tbtMs <= t.tbtMs,
    cls: m.cls <= t.cls,
    accessibility: m.accessibility >= CATEGORY_TARGET,
    bestPractices: m.bestPractices >= CATEGORY_TARGET,
  };
}

/** A number beside its target: "74 (>= 95: NOT met)". */
export function lighthouseCells(page: PageResult): string[] {
  const m = page.median;
  const t = page.target;
  const met = pageMet(page);
  if (page.runs.length === 0) return [`${page.path}`, 'failed', '', '', '', '', '', ''];
  return [
    `${page.path} (${page.who})`,
    `${m.performance} (>= ${t.performance}: ${yesNo(met.performance)})`,
    `${seconds(m.lcpMs)} (<= ${seconds(t.lcpMs)}: ${yesNo(met.lcp)})`,
    `${Math.round(m.tbtMs)} ms (<= ${t.tbtMs} ms: ${yesNo(met.tbt)})`,
    `${m.cls.toFixed(3)} (<= ${t.cls}: ${yesNo(met.cls)})`,
    kib(m.bytes),
    `${m.accessibility} (${yesNo(met.accessibility)})`,
    `${m.bestPractices} (${yesNo(met.bestPractices)})`,
  ];
}

export const LIGHTHOUSE_HEADER = [
  'page',
  'performance',
  'LCP',
  'TBT',
  'CLS',
  'bytes sent',
  'accessibility',
  'best practices',
];

export function printLighthouse(result: LighthouseResult) {
  console.log(table(LIGHTHOUSE_HEADER, result.pages.map(lighthouseCells)));
  console.log(
    `  Medians of ${result.runs} runs, each number on its own; bytes sent is total-byte-weight, as Chromium received ` +
      `them. Accessibility and best practices: target ${CATEGORY_TARGET}.`,
  );
  console.log(
    `  Lighthouse ${result.lighthouseVersion}, ${result.chromiumVersion}, Node ${process.version}; ${result.seconds.toFixed(0)} s.`,
  );
  for (const page of result.pages) {
    if (page.failed.length > 0)
      console.log(`  ${page.path}: ${page.failed.length} runs FAILED, the first: ${page.failed[0]!.slice(0, 300)}`);
    if (page.runs.length > 0 && !page.stayed)
      console.log(
        `  ${page.path}: a run ended on ${page.runs.map((r) => r.finalPath).join(', ')}: NOT the page asked for`,
      );
    if (page.external.length > 0)
      console.log(`  ${page.path}: requests outside the server (blocked): ${page.external.slice(0, 5).join(', ')}`);
    const warnings = [...new Set(page.runs.flatMap((r) => r.warnings))];
    if (warnings.length > 0) console.log(`  ${page.path}: Lighthouse warned: ${warnings.join(' | ').slice(0, 500)}`);
  }
  const external = result.pages.reduce((n, p) => n + p.external.length, 0);
  console.log(`  Requests outside the loopback server: ${external}.`);
}
