/**
 * Section h: what logging and metrics cost. Servers as `npm start` runs them, over the same database and the same
 * couple's 12-week dashboard: one with request logs (LOG_LEVEL=info, its output read by this process as a log shipper
 * would) and metrics (METRICS_TOKEN set, scraped every second, far more often than Prometheus's usual 15 s), one with
 * metrics alone (to tell the two costs apart), and one with neither (LOG_LEVEL=silent, no token). Rounds go through
 * them in turn, the order rotated each round, so a burst of noise on this shared machine falls on all alike; each
 * ratio is the median of the rounds' own ratios, so one noisy round cannot decide it. The server's own CPU time per
 * request under load is measured too: other processes on the machine move it far less than they move req/s.
 */
import fs from 'node:fs';
import http from 'node:http';
import { runAutocannon, type CannonResult } from './load';
import { startServer, type BenchDatabase, type BenchServer } from './server-process';
import { httpGet, ms, ratio, summarize, table, timed, type Summary } from './stats';

/** The target: on costs at most this much of off, in median latency and in throughput. */
export const OVERHEAD_TARGET = 1.05;
const ROUNDS = 8;
const SEQUENTIAL = 100;
const LOAD = { connections: 10, seconds: 2 };
const SCRAPE_EVERY_MS = 1_000;
const TOKEN = 'bench-metrics-token-0123456789abcdef';

export interface SideResult {
  label: string;
  latency: Summary;
  load: CannonResult;
  /** Scrapes answered 200 while it was measured, and the size of the last (metrics on only). */
  scrapes: number;
  scrapeBytes: number;
  logBytes: number;
  /** The server process's CPU time per request under load, in ms (Linux; NaN elsewhere). */
  cpuPerRequestMs: number;
  /** Against off, medians over rounds: latency this/off, and throughput off/this (above 1: this serves fewer). */
  latencyRatio: number;
  throughputRatio: number;
  /** CPU time per request this/off, over all rounds. */
  cpuRatio: number;
}

export interface ObservabilityResult {
  /** Logs and metrics on, metrics alone, neither, and neither again (the control). */
  sides: [SideResult, SideResult, SideResult, SideResult];
  rounds: number;
}

interface Side {
  label: string;
  env: Record<string, string>;
  scraped: boolean;
  server?: BenchServer;
  samples: number[];
  /** Each round's median latency. */
  roundMedians: number[];
  loads: CannonResult[];
  /** CPU seconds the server used under load, summed over rounds. */
  cpuSeconds: number;
  scrapes: number;
  scrapeBytes: number;
}

export async function measureObservability(options: {
  database: BenchDatabase;
  cookie: string;
}): Promise<ObservabilityResult> {
  const side = (label: string, env: Record<string, string>): Side => ({
    label,
    env,
    scraped: env.METRICS_TOKEN !== undefined,
    samples: [],
    roundMedians: [],
    loads: [],
    cpuSeconds: 0,
    scrapes: 0,
    scrapeBytes: 0,
  });
  const sides = [
    side('logs + metrics on', { LOG_LEVEL: 'info', LOG_FORMAT: 'json', METRICS_TOKEN: TOKEN }),
    side('metrics only', { LOG_LEVEL: 'silent', METRICS_TOKEN: TOKEN }),
    side('both off', { LOG_LEVEL: 'silent' }),
    // A second server exactly like the one above: how far it lands from 1.0 is this run's noise, which a ratio of the
    // others must clear before it says anything.
    side('both off, again (control)', { LOG_LEVEL: 'silent' }),
  ] as const;
  const url = (s: Side) =>
    `${s.server!.url}/trpc/dashboard.get?input=${encodeURIComponent(JSON.stringify({ range: '12w' }))}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await Promise.all(
      sides.map(async (s) => (s.server = await startServer({ database: options.database, workers: 1, env: s.env }))),
    );
    const headers = { cookie: options.cookie };
    for (const s of sides) {
      const answer = await httpGet(agent, url(s), headers);
      if (answer.status !== 200) throw new Error(`${s.label}: dashboard.get answered ${answer.status}`);
      // Warm the JIT and the caches, uncounted.
      await runAutocannon('warm-up', url(s), headers, { connections: LOAD.connections, seconds: 2 });
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < sides.length; i++) {
        const s = sides[(round + i) % sides.length]!;
        const scraping = s.scraped ? scrapeEverySecond(s) : null;
        try {
          const samples: number[] = [];
          for (let n = 0; n < SEQUENTIAL; n++) samples.push(await timed(() => httpGet(agent, url(s), headers)));
          s.samples.push(...samples);
          s.roundMedians.push(summarize(samples).median);
          const cpuBefore = cpuSecondsOf(s.server!.pid);
          s.loads.push(await runAutocannon(s.label, url(s), headers, LOAD));
          s.cpuSeconds += cpuSecondsOf(s.server!.pid) - cpuBefore;
        } finally {
          scraping?.stop();
        }
      }
    }
  } finally {
    agent.destroy();
    await Promise.all(sides.map((s) => s.server?.stop() ?? Promise.resolve()));
  }
  const off = sides[2];
  const cpuPerRequest = (s: Side) => (s.cpuSeconds * 1000) / s.loads.reduce((sum, l) => sum + l.total, 0);
  const result = (s: Side): SideResult => ({
    label: s.label,
    latency: summarize(s.samples),
    load: pooled(s.label, s.loads),
    scrapes: s.scrapes,
    scrapeBytes: s.scrapeBytes,
    logBytes: Buffer.byteLength(s.server!.output()),
    latencyRatio: summarize(s.roundMedians.map((m, i) => m / off.roundMedians[i]!)).median,
    throughputRatio: summarize(s.loads.map((l, i) => off.loads[i]!.rps / l.rps)).median,
    cpuPerRequestMs: cpuPerRequest(s),
    cpuRatio: cpuPerRequest(s) / cpuPerRequest(off),
  });
  for (const s of sides) {
    if (s.scraped && s.scrapes === 0) throw new Error(`${s.label}: no scrape of /metrics answered 200.`);
  }
  return { sides: [result(sides[0]), result(sides[1]), result(sides[2]), result(sides[3])], rounds: ROUNDS };
}

/** User and system CPU time of a process so far, from /proc (clock ticks of 1/100 s); NaN where there is none. */
function cpuSecondsOf(pid: number): number {
  try {
    // The fields after the command name, which may hold spaces, start after its closing parenthesis.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** As Prometheus would, with the bearer token: each answer is read whole and counted. */
function scrapeEverySecond(side: Side): { stop(): void } {
  const scrapeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const timer = setInterval(() => {
    httpGet(scrapeAgent, `${side.server!.url}/metrics`, { authorization: `Bearer ${TOKEN}` }).then(
      (answer) => {
        if (answer.status !== 200) return;
        side.scrapes += 1;
        side.scrapeBytes = answer.body.length;
      },
      () => {},
    );
  }, SCRAPE_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      scrapeAgent.destroy();
    },
  };
}

/** The rounds of one side as one run: requests add up, latencies are the median of the rounds' own. */
function pooled(label: string, loads: CannonResult[]): CannonResult {
  const median = (values: number[]) => summarize(values).median;
  const total = loads.reduce((sum, l) => sum + l.total, 0);
  return {
    label,
    rps: total / (loads.length * LOAD.seconds),
    total,
    p50: median(loads.map((l) => l.p50)),
    p99: median(loads.map((l) => l.p99)),
    errors: loads.reduce((sum, l) => sum + l.errors, 0),
    timeouts: loads.reduce((sum, l) => sum + l.timeouts, 0),
    non2xx: loads.reduce((sum, l) => sum + l.non2xx, 0),
  };
}

export function printObservability(r: ObservabilityResult): void {
  const verdict = (value: number) =>
    `${value.toFixed(3)}, <= ${OVERHEAD_TARGET}: ${value <= OVERHEAD_TARGET ? 'met' : 'NOT met'}`;
  const off = r.sides[2];
  const rows = r.sides.map((s) => [
    s.label,
    `${ms(s.latency.median)} / ${ms(s.latency.p99)}`,
    s === off ? '1.0x (baseline)' : `${ratio(s.latencyRatio)} (${verdict(s.latencyRatio)})`,
    s.load.rps.toFixed(0),
    s === off ? '1.0x (baseline)' : `${ratio(s.throughputRatio)} (${verdict(s.throughputRatio)})`,
    `${s.cpuPerRequestMs.toFixed(3)}${s === off ? '' : ` (${ratio(s.cpuRatio)}, ${verdict(s.cpuRatio)})`}`,
    String(s.load.errors + s.load.timeouts + s.load.non2xx),
    [
      s.scrapes > 0 ? `${s.scrapes} scrapes of ${(s.scrapeBytes / 1000).toFixed(1)} kB` : '',
      s.logBytes > 10_000 ? `${(s.logBytes / 1e6).toFixed(1)} MB logged` : '',
    ]
      .filter(Boolean)
      .join('; '),
  ]);
  console.log(
    table(
      [
        '',
        `sequential median / p99 ms (${r.rounds}x${SEQUENTIAL})`,
        'latency vs off',
        `req/s (${LOAD.connections} conn.)`,
        'off req/s vs this',
        'server CPU ms per request',
        'errors',
        '',
      ],
      rows,
    ),
  );
  console.log(
    `  Ratios are medians over ${r.rounds} rounds of each round's own ratio; the target is ${OVERHEAD_TARGET}. The` +
      ` control, a server set up exactly like "both off", shows this run's noise: ${ratio(r.sides[3].throughputRatio)}` +
      ` in req/s, ${ratio(r.sides[3].cpuRatio)} in CPU per request.`,
  );
}
