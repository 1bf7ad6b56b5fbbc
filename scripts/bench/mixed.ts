/**
 * Section f: a mixed load right from a start. 100 partners with live sessions (written into the database before the
 * server starts, so nothing measured is password hashing), each looping "check in for a past week, then open the
 * 12-week dashboard" from a loader in its own process (mixed-loader.ts). The loader waits for the server, so the first
 * window is the first seconds the server serves; the steady state follows.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashSecret, newSessionToken } from '#server/auth/secrets';
import type { DB } from '#server/db/database';
import { SESSION_COOKIE } from '#server/http/session-cookie';
import { insertSession } from '#server/repositories/sessions.repository';
import { freePort } from '../../tests/helpers/postgres-cluster';
import type { LoaderOutput, LoaderPlan, Sample } from './mixed-loader';
import { cpuBetween, followCpu } from './process-cpu';
import { spawnServer, type BenchDatabase } from './server-process';
import { ms, summarize, table } from './stats';
import { syntheticEmail } from './synthetic';

export const MIXED = { partners: 100, firstMs: 5_000, steadyMs: 15_000, requestTimeoutMs: 15_000 };
export const MIXED_MAX_TARGET_MS = 1_000;
export const MIXED_P99_TARGET_MS = 300;

/**
 * Sessions for the partners of the first `partners / 2` synthetic couples. Their notes are cleared first: the
 * loader's check-ins carry none, and dropping a note is an erasure (a checkpoint of the log after the write, see
 * server/db/erase.ts), which is not what this load measures.
 */
export async function prepareMixedPartners(db: DB, partners: number): Promise<string[]> {
  const emails = Array.from({ length: partners }, (_, i) => syntheticEmail(Math.floor(i / 2), i % 2 ? 'b' : 'a'));
  const users = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', emails).execute();
  if (users.length !== partners) throw new Error(`Expected ${partners} synthetic partners, found ${users.length}.`);
  const ids = users.map((u) => u.id);
  await db.deleteFrom('sessions').where('user_id', 'in', ids).execute();
  await db.updateTable('assessments').set({ note: null }).where('user_id', 'in', ids).execute();
  const now = new Date();
  const cookies: string[] = [];
  for (const { id } of users) {
    const token = newSessionToken();
    await insertSession(db, hashSecret(token), id, {
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString(),
    });
    cookies.push(`${SESSION_COOKIE}=${token}`);
  }
  return cookies;
}

export interface WindowStats {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers other than 200, and requests that failed or timed out. */
  errors: number;
}

export interface MixedResult {
  label: string;
  database: 'sqlite' | 'postgres';
  workers: number;
  /** From the spawn to the first answer: loading, migrations, listening. */
  startMs: number;
  first: WindowStats;
  steady: WindowStats;
  /** The first window second by second: requests started, slowest. */
  perSecond: { second: number; requests: number; max: number }[];
  /** Bytes in the SQLite write-ahead log, sampled: [ms after the server was spawned, bytes]. */
  wal: [number, number][];
  writes: { p50: number; p99: number; max: number };
  reads: { p50: number; p99: number; max: number };
  errorMessages: string[];
  /**
   * CPU milliseconds per request over the steady state, by who spent them: the app's processes, PostgreSQL's (the
   * cluster's postmaster and its children; 0 on SQLite, whose work is the app's), and the loader. On a machine whose cores they share, their
   * sum is what each request costs the machine.
   */
  cpuPerRequest: { app: number; database: number; loader: number };
  serverOutput: string;
  samples: Sample[];
}

function windowStats(samples: Sample[], fromMs: number, toMs: number): WindowStats {
  const inside = samples.filter(([start]) => start >= fromMs && start < toMs);
  const s = summarize(inside.map(([, duration]) => duration));
  return {
    requests: inside.length,
    rps: inside.length / ((toMs - fromMs) / 1000),
    p50: s.median,
    p99: s.p99,
    max: inside.reduce((m, [, d]) => Math.max(m, d), 0),
    errors: inside.filter(([, , , status]) => status !== 200).length,
  };
}

function kindStats(samples: Sample[], kind: 0 | 1, fromMs: number) {
  const durations = samples.filter(([start, , k]) => k === kind && start >= fromMs).map(([, d]) => d);
  const s = summarize(durations);
  return { p50: s.median, p99: s.p99, max: Math.max(0, ...durations) };
}

export interface MixedRunOptions {
  label: string;
  database: BenchDatabase;
  workers: number;
  cookies: string[];
  /** The checkout whose server runs (experiments run a copy with a setting changed). */
  cwd?: string;
  env?: Record<string, string>;
  /** See LoaderPlan.sharedConnections. */
  sharedConnections?: number;
  /** PostgreSQL's postmaster, whose processes' CPU is counted as the database's (`postmasterPid`). */
  databasePid?: number;
}

/** One run: the loader starts first and waits; the server starts; the loader's clock starts when it answers. */
export async function runMixed(options: MixedRunOptions): Promise<MixedResult> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const durationMs = MIXED.firstMs + MIXED.steadyMs;
  const plan: LoaderPlan = {
    baseUrl,
    cookies: options.cookies,
    durationMs,
    requestTimeoutMs: MIXED.requestTimeoutMs,
    readyTimeoutMs: 60_000,
    sharedConnections: options.sharedConnections,
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-mixed-'));
  const planFile = path.join(dir, 'plan.json');
  fs.writeFileSync(planFile, JSON.stringify(plan));

  const loader = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/bench/mixed-loader.ts'), planFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  loader.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  loader.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const loaderDone = new Promise<number | null>((resolve, reject) => {
    loader.on('error', reject);
    loader.on('close', (code) => resolve(code));
  });
  // Awaited below; until then a failure to spawn must not count as unhandled.
  loaderDone.catch(() => {});
  const killer = setTimeout(() => loader.kill('SIGKILL'), durationMs + 90_000);

  // Let the loader load its modules and begin polling, so it sees the server's first moment.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const server = await spawnServer({
    database: options.database,
    workers: options.workers,
    port,
    cwd: options.cwd,
    env: options.env,
  });
  const wal: [number, number][] = [];
  const walFile = options.database.kind === 'sqlite' ? `${options.database.path}-wal` : null;
  const spawned = performance.now();
  const spawnedAt = Date.now();
  const walTimer = walFile
    ? setInterval(() => {
        const size = fs.existsSync(walFile) ? fs.statSync(walFile).size : 0;
        wal.push([Math.round(performance.now() - spawned), size]);
      }, 250)
    : undefined;
  // Started with no await before the try, so it always stops. PostgreSQL's processes are the cluster's (its
  // postmaster and every backend), none on SQLite, whose work is the app's.
  const cpu = followCpu({
    app: () => [server.pid],
    database: () => (options.databasePid === undefined ? [] : [options.databasePid]),
    loader: () => (loader.pid === undefined ? [] : [loader.pid]),
  });
  let cpuReadings: ReturnType<typeof cpu.stop> = [];
  try {
    const code = await loaderDone;
    cpuReadings = cpu.stop();
    if (code !== 0) throw new Error(`The loader ended with ${code}: ${stderr.slice(-800)}\n${server.output()}`);
  } finally {
    if (cpuReadings.length === 0) cpu.stop();
    clearTimeout(killer);
    clearInterval(walTimer);
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const output = JSON.parse(stdout.trim().split('\n').pop()!) as LoaderOutput;
  const { samples } = output;
  const perSecond = Array.from({ length: Math.ceil(MIXED.firstMs / 1000) }, (_, second) => {
    const inside = samples.filter(([start]) => start >= second * 1000 && start < (second + 1) * 1000);
    return { second, requests: inside.length, max: inside.reduce((m, [, d]) => Math.max(m, d), 0) };
  });
  const steady = windowStats(samples, MIXED.firstMs, durationMs);
  const steadyCpu = cpuBetween(cpuReadings, output.readyAt + MIXED.firstMs, output.readyAt + durationMs);
  const perRequest = (seconds: number) => (steady.requests === 0 ? 0 : (seconds * 1000) / steady.requests);
  return {
    label: options.label,
    database: options.database.kind,
    workers: options.workers,
    startMs: output.readyAt - spawnedAt,
    first: windowStats(samples, 0, MIXED.firstMs),
    steady,
    perSecond,
    wal,
    writes: kindStats(samples, 0, 0),
    reads: kindStats(samples, 1, 0),
    errorMessages: output.errors,
    cpuPerRequest: {
      app: perRequest(steadyCpu.app),
      database: perRequest(steadyCpu.database),
      loader: perRequest(steadyCpu.loader),
    },
    serverOutput: server.output(),
    samples,
  };
}

/**
 * The app's and PostgreSQL's CPU per request in units of the loader's. The loader does the same work for every request
 * whatever the server does, so its CPU per request tracks how fast the machine runs during the window: on this shared
 * machine the same run's CPU per request swings by half or more from one hour to the next, these ratios by a tenth.
 */
export function inLoaderUnits(r: MixedResult): string {
  const { app, database, loader } = r.cpuPerRequest;
  if (loader <= 0) return '';
  return (
    `app ${(app / loader).toFixed(1)}x` +
    (r.database === 'postgres' ? `, PostgreSQL ${(database / loader).toFixed(1)}x` : '')
  );
}

export function printMixed(results: MixedResult[]) {
  const rows: string[][] = [];
  for (const r of results) {
    for (const [name, w] of [
      [`first ${MIXED.firstMs / 1000} s`, r.first],
      [`next ${MIXED.steadyMs / 1000} s`, r.steady],
    ] as const) {
      rows.push([
        `${r.label}, ${name}`,
        String(w.requests),
        w.rps.toFixed(0),
        ms(w.p50),
        ms(w.p99),
        ms(w.max),
        String(w.errors),
      ]);
    }
  }
  console.log(table(['', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors'], rows));
  for (const r of results) {
    console.log(
      `  ${r.label}: served ${(r.startMs / 1000).toFixed(1)} s after spawn; check-ins p50/p99/max ${ms(r.writes.p50)}/${ms(r.writes.p99)}/${ms(r.writes.max)} ms, ` +
        `dashboards ${ms(r.reads.p50)}/${ms(r.reads.p99)}/${ms(r.reads.max)} ms; first seconds (requests started, slowest): ` +
        r.perSecond.map((s) => `${s.requests}/${ms(s.max)}`).join(' '),
    );
    const cpu = r.cpuPerRequest;
    console.log(
      `    CPU per request, steady state: app ${cpu.app.toFixed(2)} ms` +
        (r.database === 'postgres' ? `, PostgreSQL ${cpu.database.toFixed(2)} ms` : '') +
        `, loader ${cpu.loader.toFixed(2)} ms; together ${(cpu.app + cpu.database + cpu.loader).toFixed(2)} ms; ` +
        `in the loader's CPU per request: ${inLoaderUnits(r)}`,
    );
    if (r.wal.length > 0) {
      const peak = Math.max(...r.wal.map(([, size]) => size));
      console.log(
        `    WAL after spawn: ${r.wal
          .filter((_, i) => i % 8 === 0)
          .map(([t, size]) => `${(t / 1000).toFixed(0)}s ${(size / 1e6).toFixed(1)}MB`)
          .join(', ')}; peak ${(peak / 1e6).toFixed(1)} MB`,
      );
    }
    if (r.errorMessages.length > 0) console.log(`    errors: ${r.errorMessages.slice(0, 3).join('; ')}`);
  }
}
