/**
 * Section a: `dashboard.get` over real HTTP, one request at a time, against two floors measured in the same run and
 * interleaved with it (so a noisy neighbour slows all of them alike): the same rows read in-process with a prepared
 * statement plus JSON.stringify, and a plain HTTP round trip to /healthz.
 */
import http from 'node:http';
import { rangeBounds, LOOKBACK_WEEKS } from '#shared/domain/dashboard';
import type { DashboardRange } from '#shared/schemas/dashboard.schema';
import { addWeeks, type Week } from '#shared/week';
import type { FloorReader } from './floor';
import { httpGet, ms, ratio, summarize, table, timed, yesNo, type Summary } from './stats';

export const P99_TARGET_MS = 50;
export const FLOOR_PLUS_HTTP_TARGET = 3;

export interface LatencyOptions {
  baseUrl: string;
  cookie: string;
  floor: FloorReader;
  memberIds: [string, string];
  thisWeek: Week;
  ranges: DashboardRange[];
  iterations: number;
  warmup: number;
  /** Stops measuring (with fewer samples) past this many milliseconds. */
  budgetMs: number;
}

export interface RangeLatency {
  range: DashboardRange;
  fromWeek: Week;
  rows: number;
  responseBytes: number;
  dashboard: Summary;
  floor: Summary;
  /** The HTTP round trip to /healthz, measured in the same loop as this range. */
  http: Summary;
  /** Median dashboard / median (floor + HTTP round trip of the same loop). */
  vsFloorPlusHttp: number;
  p99Met: boolean;
  floorPlusHttpMet: boolean;
}

export interface LatencyResult {
  http: Summary;
  ranges: RangeLatency[];
}

/** The first week the dashboard reads for a range: the range's start less the trend's lead-in, as the service does. */
export async function readFromWeek(
  floor: FloorReader,
  memberIds: [string, string],
  range: DashboardRange,
  thisWeek: Week,
): Promise<Week> {
  const first = await floor.firstWeek(memberIds);
  return addWeeks(rangeBounds(range, thisWeek, first).fromWeek, -LOOKBACK_WEEKS);
}

export async function measureLatency(options: LatencyOptions): Promise<LatencyResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { cookie: options.cookie };
  const { floor } = options;
  const url = (range: DashboardRange) =>
    `${options.baseUrl}/trpc/dashboard.get?input=${encodeURIComponent(JSON.stringify({ range }))}`;
  const perRange = await Promise.all(
    options.ranges.map(async (range) => ({
      range,
      url: url(range),
      fromWeek: await readFromWeek(floor, options.memberIds, range, options.thisWeek),
      rows: 0,
      responseBytes: 0,
      dashboard: [] as number[],
      floor: [] as number[],
      http: [] as number[],
    })),
  );
  const healthz: number[] = [];

  const get = async (target: string) => {
    const answer = await httpGet(agent, target, headers);
    if (answer.status !== 200)
      throw new Error(`GET ${target} answered ${answer.status}: ${answer.body.toString().slice(0, 300)}`);
    return answer;
  };

  try {
    // One range at a time, each in its own loop: a short range measured right after a long one would pay for the
    // long one's garbage. Within a loop the HTTP floor, the request and the in-process floor alternate.
    for (const r of perRange) {
      const started = performance.now();
      for (let i = 0; i < options.warmup + options.iterations; i++) {
        if (i >= options.warmup && performance.now() - started > options.budgetMs / perRange.length) {
          console.log(`  ('${r.range}': time budget reached after ${i - options.warmup} samples)`);
          break;
        }
        const keep = i >= options.warmup;
        const t = await timed(() => get(`${options.baseUrl}/healthz`));
        if (keep) {
          healthz.push(t);
          r.http.push(t);
        }
        let bytes = 0;
        const td = await timed(async () => (bytes = (await get(r.url)).body.length));
        r.responseBytes = bytes;
        let rows = 0;
        const tf = await timed(async () => {
          rows = (await floor.dashboard(options.memberIds, r.fromWeek)).rows;
        });
        r.rows = rows;
        if (keep) {
          r.dashboard.push(td);
          r.floor.push(tf);
        }
      }
    }
  } finally {
    agent.destroy();
  }

  const httpSummary = summarize(healthz);
  return {
    http: httpSummary,
    ranges: perRange.map((r) => {
      const dashboard = summarize(r.dashboard);
      const floorSummary = summarize(r.floor);
      const http = summarize(r.http);
      const vsFloorPlusHttp = dashboard.median / (floorSummary.median + http.median);
      return {
        range: r.range,
        fromWeek: r.fromWeek,
        rows: r.rows,
        responseBytes: r.responseBytes,
        dashboard,
        floor: floorSummary,
        http,
        vsFloorPlusHttp,
        p99Met: dashboard.p99 < P99_TARGET_MS,
        floorPlusHttpMet: vsFloorPlusHttp <= FLOOR_PLUS_HTTP_TARGET,
      };
    }),
  };
}

export function printLatency(result: LatencyResult) {
  const rows: string[][] = [];
  for (const r of result.ranges) {
    rows.push([
      `dashboard.get '${r.range}' over HTTP`,
      String(r.dashboard.n),
      ms(r.dashboard.median),
      ms(r.dashboard.p99),
      '',
    ]);
    rows.push([
      `  floor: ${r.rows} rows, prepared stmt + JSON.stringify`,
      String(r.floor.n),
      ms(r.floor.median),
      ms(r.floor.p99),
      '',
    ]);
    rows.push([
      `  ratio dashboard / floor`,
      '',
      ratio(r.dashboard.median / r.floor.median),
      ratio(r.dashboard.p99 / r.floor.p99),
      '',
    ]);
    rows.push([
      `  ratio dashboard / (floor + HTTP)`,
      '',
      ratio(r.vsFloorPlusHttp),
      ratio(r.dashboard.p99 / (r.floor.p99 + r.http.p99)),
      `<= ${FLOOR_PLUS_HTTP_TARGET}x (median): ${yesNo(r.floorPlusHttpMet)}`,
    ]);
    rows.push([
      `  GET /healthz in the same loop (HTTP round trip floor)`,
      String(r.http.n),
      ms(r.http.median),
      ms(r.http.p99),
      '',
    ]);
    rows.push([`  p99 target`, '', '', ms(r.dashboard.p99), `< ${P99_TARGET_MS} ms: ${yesNo(r.p99Met)}`]);
  }
  rows.push(['GET /healthz, all loops', String(result.http.n), ms(result.http.median), ms(result.http.p99), '']);
  console.log(table(['', 'n', 'median ms', 'p99 ms', 'target'], rows));
  for (const r of result.ranges) {
    console.log(
      `  '${r.range}': reads weeks from ${r.fromWeek}, answer ${(r.responseBytes / 1000).toFixed(1)} kB of JSON`,
    );
  }
}
