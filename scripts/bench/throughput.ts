/**
 * Section b: throughput of `dashboard.get` '12w' from the app as `npm start` runs it (its own process, production
 * settings, API only), with WEB_CONCURRENCY 1 and 2, on each database. autocannon runs in a process of its own; a
 * short run first warms the JIT and the caches, and is not counted.
 */
import { runAutocannon, type CannonResult } from './load';
import { startServer, type BenchDatabase } from './server-process';
import { ms, ratio, table } from './stats';

export interface ThroughputResult {
  database: 'sqlite' | 'postgres';
  workers: number;
  result: CannonResult;
  /** What the server said about its workers, for the record (did it run them?). */
  started: string;
}

export const WARMUP_SECONDS = 3;

export async function measureThroughput(options: {
  database: BenchDatabase;
  workers: number;
  cookie: string;
  connections: number;
  seconds: number;
}): Promise<ThroughputResult> {
  const server = await startServer({ database: options.database, workers: options.workers });
  try {
    const url = `${server.url}/trpc/dashboard.get?input=${encodeURIComponent(JSON.stringify({ range: '12w' }))}`;
    const headers = { cookie: options.cookie };
    await runAutocannon('warm-up', url, headers, { connections: options.connections, seconds: WARMUP_SECONDS });
    const result = await runAutocannon(
      `dashboard.get '12w', ${options.database.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, WEB_CONCURRENCY=${options.workers}`,
      url,
      headers,
      { connections: options.connections, seconds: options.seconds },
    );
    return {
      database: options.database.kind,
      workers: options.workers,
      result,
      started: server.output().trim().split('\n').slice(0, 3).join(' | '),
    };
  } finally {
    await server.stop();
  }
}

export const GAIN_TARGET = 1.4;

export function gainOf(results: ThroughputResult[], database: 'sqlite' | 'postgres'): number {
  const one = results.find((r) => r.database === database && r.workers === 1);
  const two = results.find((r) => r.database === database && r.workers === 2);
  return one && two ? two.result.rps / one.result.rps : NaN;
}

export function printThroughput(results: ThroughputResult[], floor: CannonResult) {
  const rows = [floor, ...results.map((r) => r.result)].map((r) => [
    r.label,
    r.rps.toFixed(0),
    r.total.toLocaleString('en'),
    ms(r.p50),
    ms(r.p99),
    String(r.errors + r.timeouts + r.non2xx),
    r === floor ? '1.0x (floor)' : ratio(r.rps / floor.rps),
  ]);
  console.log(table(['', 'req/s', 'requests', 'p50 ms', 'p99 ms', 'errors', 'vs floor'], rows));
  for (const database of ['sqlite', 'postgres'] as const) {
    const gain = gainOf(results, database);
    if (Number.isFinite(gain))
      console.log(
        `  ${database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: WEB_CONCURRENCY=2 gives ${ratio(gain)} the requests/s of 1` +
          (gain < GAIN_TARGET ? ` (below ${GAIN_TARGET}x)` : ''),
      );
  }
  for (const r of results) console.log(`  ${r.result.label} started: ${r.started}`);
}
