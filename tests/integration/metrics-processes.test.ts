import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from '../helpers/prometheus-text';
import {
  createSharedDatabase,
  killHard,
  openSharedDatabase,
  startServerProcess,
  type ServerProcess,
  type SharedDatabase,
} from '../helpers/server-process';
import { testDatabaseKind } from '../helpers/test-database';

// Real server processes, as `npm start` runs them, on the run's database (a SQLite file, or PostgreSQL).

const TOKEN = 'metrics-token-for-process-tests-42';
const STARTUP_MS = 60_000;

let server: ServerProcess | undefined;
let shared: SharedDatabase | undefined;
afterEach(async () => {
  if (server) await killHard(server);
  await shared?.remove();
  server = undefined;
  shared = undefined;
});

/** A GET on a connection of its own: node:cluster hands each new connection to the next worker in turn. */
function getOnNewConnection(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

async function scrape(baseUrl: string) {
  const response = await getOnNewConnection(`${baseUrl}/metrics`, { authorization: `Bearer ${TOKEN}` });
  expect(response.status).toBe(200);
  return parsePrometheusText(response.body);
}

describe(`metrics and readiness of real server processes (${testDatabaseKind()})`, () => {
  it(
    'one scrape counts the requests every worker served (WEB_CONCURRENCY=2)',
    async () => {
      shared = await createSharedDatabase();
      // One couple, which every worker counts: the scrape must say 1, not 1 per worker.
      const database = await openSharedDatabase(shared.target);
      await database.db
        .insertInto('couples')
        .values({ id: randomUUID(), created_at: new Date().toISOString() })
        .execute();
      await database.close();
      server = await startServerProcess(null, { ...shared.env, WEB_CONCURRENCY: '2', METRICS_TOKEN: TOKEN });
      const N = 20;
      for (let i = 0; i < N; i++) {
        expect((await getOnNewConnection(`${server.baseUrl}/trpc/auth.me`)).status).toBe(200);
      }
      const me = { procedure: 'auth.me', status_class: '2xx' };
      // Each worker served about half of them: only a scrape that gathers both counts all twenty, whichever worker
      // the scrape itself reached.
      for (const samples of [await scrape(server.baseUrl), await scrape(server.baseUrl)]) {
        expect(sampleValue(samples, 'tandem_workers')).toBe(2);
        expect(sampleValue(samples, 'tandem_http_request_duration_seconds_count', me)).toBe(N);
        // Counts of the shared database are the same in each worker: taken once, not summed per worker.
        expect(sampleValue(samples, 'tandem_couples')).toBe(1);
      }
      const samples = await scrape(server.baseUrl);
      expect(sampleValue(samples, 'tandem_http_request_duration_seconds_count', { procedure: 'metrics' })).toBe(2);
    },
    STARTUP_MS,
  );

  it(
    'answers /readyz 503 from SIGTERM on while a request is in flight, finishes it, then exits 0',
    async () => {
      shared = await createSharedDatabase();
      server = await startServerProcess(null, shared.env);
      const { baseUrl } = server;
      expect(await getOnNewConnection(`${baseUrl}/readyz`)).toEqual({ status: 200, body: '{"status":"ready"}' });

      // An upload still arriving: the request is in flight until its body is complete.
      const body = `{${' '.repeat(98)}}`;
      const upload = http.request(`${baseUrl}/trpc/auth.logout`, {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      });
      const answered = new Promise<number>((resolve, reject) => {
        upload.on('response', (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        });
        upload.on('error', reject);
      });
      upload.write(body.slice(0, 10));
      // Sure the server holds the request: a query over another connection answers after it arrived.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await getOnNewConnection(`${baseUrl}/healthz`)).status).toBe(200);

      server.child.kill('SIGTERM');
      let ready = await getOnNewConnection(`${baseUrl}/readyz`);
      for (let i = 0; i < 50 && ready.status === 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        ready = await getOnNewConnection(`${baseUrl}/readyz`);
      }
      // A new connection still gets an answer, and the answer is "not ready".
      expect(ready).toEqual({ status: 503, body: '{"status":"shutting down"}' });
      expect(server.child.exitCode).toBeNull();

      upload.end(body.slice(10));
      expect(await answered).toBe(200);
      expect(await server.exited).toBe(0);
      await expect(getOnNewConnection(`${baseUrl}/readyz`)).rejects.toThrow();
    },
    STARTUP_MS,
  );
});
