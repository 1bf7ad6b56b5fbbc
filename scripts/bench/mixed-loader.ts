/**
 * The mixed load's client, in a process of its own so its work does not share the server's event loop: each partner
 * (a live session) loops "check in for a past week, then open the 12-week dashboard" over its own keep-alive
 * connection. It waits for the server to answer /healthz, then starts every partner at once: time 0 is the first
 * moment the server serves. Loopback only; every loop ends at the deadline, every request has a timeout.
 *
 * Run by mixed.ts: `node --import tsx scripts/bench/mixed-loader.ts <plan.json>`; prints one JSON line.
 */
import fs from 'node:fs';
import http from 'node:http';
import { PRACTICE_IDS } from '#shared/practice-ids';
import { addWeeks, currentWeek, type Week } from '#shared/week';

export interface LoaderPlan {
  baseUrl: string;
  cookies: string[];
  /** How long the load runs once the server answers. */
  durationMs: number;
  requestTimeoutMs: number;
  /** How long to wait for the server to answer at all. */
  readyTimeoutMs: number;
  /**
   * When set, the partners share this many keep-alive connections, as they would behind a reverse proxy that keeps a
   * bounded pool of connections to the app; otherwise each partner has a connection of its own, as browsers do.
   */
  sharedConnections?: number;
}

/** One request: when it started (ms after time 0), how long it took, what it was, how it ended. */
export type Sample = [startMs: number, durationMs: number, kind: 0 | 1, status: number];

export interface LoaderOutput {
  /** When the server first answered (Date.now()). */
  readyAt: number;
  samples: Sample[];
  errors: string[];
}

function request(
  agent: http.Agent,
  url: URL,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body: string | null,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

async function waitForServer(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const agent = new http.Agent({ keepAlive: false });
  while (Date.now() < deadline) {
    const status = await request(agent, new URL('/healthz', baseUrl), 'GET', {}, null, 1_000).catch(() => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`The server at ${baseUrl} did not answer within ${timeoutMs} ms`);
}

async function main() {
  const plan = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoaderPlan;
  const base = new URL(plan.baseUrl);
  if (base.hostname !== '127.0.0.1' && base.hostname !== 'localhost')
    throw new Error(`Refusing to load anything but loopback: ${plan.baseUrl}`);
  await waitForServer(plan.baseUrl, plan.readyTimeoutMs);
  const readyAt = Date.now();
  const t0 = performance.now();
  const end = t0 + plan.durationMs;
  const samples: Sample[] = [];
  const errors: string[] = [];
  const thisWeek = currentWeek(new Date());
  const submitUrl = new URL('/trpc/assessment.submit', base);
  const dashboardUrl = new URL(
    `/trpc/dashboard.get?input=${encodeURIComponent(JSON.stringify({ range: '12w' }))}`,
    base,
  );
  // Bounded in count as well as in time.
  const maxRounds = 100_000;

  const shared = plan.sharedConnections
    ? new http.Agent({ keepAlive: true, maxSockets: plan.sharedConnections })
    : undefined;
  const partner = async (cookie: string, index: number) => {
    const agent = shared ?? new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let round = 0; round < maxRounds && performance.now() < end; round++) {
        // A past week within the last year, a different one each round; the ratings change each time too.
        const week: Week = addWeeks(thisWeek, -(1 + ((index * 13 + round) % 52)));
        const ratings = Object.fromEntries(PRACTICE_IDS.map((id, i) => [id, ((index + round + i) % 10) + 1]));
        const body = JSON.stringify({ week, ratings });
        for (const kind of [0, 1] as const) {
          const started = performance.now();
          let status: number;
          try {
            status =
              kind === 0
                ? await request(
                    agent,
                    submitUrl,
                    'POST',
                    { cookie, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
                    body,
                    plan.requestTimeoutMs,
                  )
                : await request(agent, dashboardUrl, 'GET', { cookie }, null, plan.requestTimeoutMs);
          } catch (error) {
            status = 0;
            if (errors.length < 20) errors.push(error instanceof Error ? error.message : String(error));
          }
          const finished = performance.now();
          samples.push([started - t0, finished - started, kind, status]);
          if (finished >= end) break;
        }
      }
    } finally {
      if (!shared) agent.destroy();
    }
  };
  await Promise.all(plan.cookies.map((cookie, index) => partner(cookie, index)));
  shared?.destroy();
  const output: LoaderOutput = { readyAt, samples, errors };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
