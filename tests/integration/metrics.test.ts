import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#server/app';
import { createHttpServer } from '#server/http/listen';
import { createMetrics } from '#server/observability/metrics';
import { weekOf } from '#shared/week';
import { pairedCouple, signUpCoach } from '../helpers/factories';
import { HttpClient } from '../helpers/http-server';
import { parsePrometheusText, sampleValue, type Sample } from '../helpers/prometheus-text';
import { ratingsOf } from '../helpers/ratings';
import { startSmtpServer } from '../helpers/smtp';
import { TEST_CONFIG, createTestApp, type TestApp } from '../helpers/test-app';
import { openTestDatabase, testDatabaseKind } from '../helpers/test-database';

const TOKEN = 'metrics-token-for-tests-0123456789';
const servers: Server[] = [];

async function serve(app: Parameters<typeof createHttpServer>[0]): Promise<string> {
  const server = createHttpServer(app, { capPerAddress: false });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let world: TestApp;
let baseUrl: string;

beforeAll(async () => {
  // As `npm start` does it: the metrics exist before the database opens, so every statement is timed.
  // Counts read afresh at each scrape here; their once-a-minute cache has a unit test of its own.
  const metrics = createMetrics({ countsMaxAgeMs: 0 });
  const database = await openTestDatabase({ log: metrics.queryLog });
  world = await createTestApp({}, new Date(), { database });
  const { app } = createApp({
    db: database.db,
    database,
    config: { ...TEST_CONFIG, metricsToken: TOKEN },
    metrics,
  });
  baseUrl = await serve(app);
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await world?.close();
});

async function scrapeText(): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return response.text();
}

const scrape = async (): Promise<Sample[]> => parsePrometheusText(await scrapeText());
const COUNT = 'tandem_http_request_duration_seconds_count';

describe(`GET /metrics on ${testDatabaseKind()}`, () => {
  it('does not exist without METRICS_TOKEN: 404 like any unknown address', async () => {
    const database = await openTestDatabase();
    try {
      const off = await serve(createApp({ db: database.db, database, config: TEST_CONFIG }).app);
      const response = await fetch(`${off}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(404);
      expect((await fetch(`${off}/no-such-address`)).status).toBe(404);
    } finally {
      await database.close();
    }
  });

  it('refuses a scrape without the token or with a wrong one (401, not cached), and counts the refusal', async () => {
    const before = await scrape();
    const wrong = [undefined, 'Bearer not-the-token', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN];
    for (const authorization of wrong) {
      const response = await fetch(`${baseUrl}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).not.toContain('tandem_');
    }
    const after = await scrape();
    const refused = { procedure: 'metrics', status: '401' };
    expect(sampleValue(after, 'tandem_http_refusals_total', refused)).toBe(
      sampleValue(before, 'tandem_http_refusals_total', refused) + wrong.length,
    );
  });

  it('counts the requests just made, by procedure and status class, and refusals by procedure', async () => {
    const browser = new HttpClient(baseUrl);
    const before = await scrape();
    const N = 7;
    for (let i = 0; i < N; i++) expect((await browser.query('auth.me')).status).toBe(200);
    // Someone without a session asking for a dashboard: refused with 401.
    expect((await browser.query('dashboard.get', { weeks: 12 })).status).toBe(401);
    // A batch counts once for each procedure in it.
    expect((await browser.send('/trpc/auth.me,practice.list?batch=1&input={}', { method: 'GET' })).status).toBe(200);
    // A name the router does not know never becomes a label of its own.
    expect((await browser.query('made.up-procedure-name')).status).toBe(404);
    const after = await scrape();

    const me = { procedure: 'auth.me', status_class: '2xx' };
    expect(sampleValue(after, COUNT, me) - sampleValue(before, COUNT, me)).toBe(N + 1);
    const list = { procedure: 'practice.list', status_class: '2xx' };
    expect(sampleValue(after, COUNT, list) - sampleValue(before, COUNT, list)).toBe(1);
    const refused = { procedure: 'dashboard.get', status: '401' };
    expect(
      sampleValue(after, 'tandem_http_refusals_total', refused) -
        sampleValue(before, 'tandem_http_refusals_total', refused),
    ).toBe(1);
    const dashboard4xx = { procedure: 'dashboard.get', status_class: '4xx' };
    expect(sampleValue(after, COUNT, dashboard4xx) - sampleValue(before, COUNT, dashboard4xx)).toBe(1);
    const unknown = { procedure: 'unknown', status_class: '4xx' };
    expect(sampleValue(after, COUNT, unknown) - sampleValue(before, COUNT, unknown)).toBe(1);
    expect(after.some((s) => s.labels.procedure?.includes('made.up'))).toBe(false);
    // Buckets add up to the count: a histogram Prometheus can compute quantiles from.
    expect(sampleValue(after, 'tandem_http_request_duration_seconds_bucket', { ...me, le: '+Inf' })).toBe(
      sampleValue(after, COUNT, me),
    );
    // Fixed route names outside /trpc.
    await fetch(`${baseUrl}/healthz`);
    const health = { procedure: 'healthz', status_class: '2xx' };
    expect(sampleValue(await scrape(), COUNT, health)).toBe(sampleValue(after, COUNT, health) + 1);
  });

  it('times database statements by kind, shows counts of the installation, and carries nothing personal', async () => {
    const marker = `zq${Date.now().toString(36)}`;
    const couple = await pairedCouple(world, [`Ana${marker}`, `Ben${marker}`]);
    await signUpCoach(world, `Coach${marker}`);
    const week = weekOf(new Date());
    await (await couple.a.api()).assessment.submit({ week, ratings: ratingsOf(7), note: `note ${marker}` });

    const text = await scrapeText();
    const samples = parsePrometheusText(text);
    expect(text).not.toContain(marker);
    expect(text).not.toContain(couple.a.email);
    expect(text).not.toContain(couple.a.user.id);
    expect(text).not.toContain(couple.coupleId);

    for (const kind of ['select', 'insert']) {
      expect(sampleValue(samples, 'tandem_db_query_duration_seconds_count', { kind }), kind).toBeGreaterThan(0);
    }
    const kinds = new Set(samples.filter((s) => s.name.startsWith('tandem_db_query')).map((s) => s.labels.kind));
    expect([...kinds].every((kind) => ['select', 'insert', 'update', 'delete', 'other'].includes(kind!))).toBe(true);
    // The couple, the coach and this week's check-in.
    expect(sampleValue(samples, 'tandem_couples')).toBe(1);
    expect(sampleValue(samples, 'tandem_coaches')).toBe(1);
    expect(sampleValue(samples, 'tandem_check_ins_this_week')).toBe(1);
    expect(sampleValue(samples, 'tandem_check_ins')).toBe(1);
    expect(sampleValue(samples, 'tandem_workers')).toBe(1);
    // The process and the event loop, from prom-client's default metrics in this app's own registry.
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
    expect(samples.some((s) => s.name === 'nodejs_heap_size_used_bytes')).toBe(true);
    if (testDatabaseKind() === 'postgres') {
      expect(sampleValue(samples, 'tandem_db_pool_connections')).toBeGreaterThan(0);
      expect(samples.some((s) => s.name === 'tandem_db_pool_waiting_clients')).toBe(true);
    }
  });

  it('counts emails sent and emails that failed, by kind, never by address', async () => {
    for (const refuse of [false, true]) {
      const smtp = await startSmtpServer({ refuse });
      const database = await openTestDatabase();
      try {
        const metrics = createMetrics();
        const config = {
          ...TEST_CONFIG,
          metricsToken: TOKEN,
          publicUrl: 'https://tandem.example.test',
          mail: { smtpUrl: smtp.url, from: 'Tandem <tandem@example.test>' },
        };
        const { app, deps } = createApp({ db: database.db, database, config, metrics });
        const url = await serve(app);
        const browser = new HttpClient(url);
        const email = `mailed-${Date.now()}-${String(refuse)}@example.test`;
        const signup = { email, password: 'a long enough password', displayName: 'Mailed', role: 'partner' };
        expect((await browser.mutation('auth.signup', signup)).status).toBe(200);
        expect((await browser.mutation('auth.requestPasswordReset', { email })).status).toBe(200);

        // The send happens after the answer: wait for its outcome to be counted.
        const counter = refuse ? 'tandem_email_failures_total' : 'tandem_email_sends_total';
        let text = '';
        for (let i = 0; i < 100; i++) {
          text = await metrics.registry.metrics();
          if (sampleValue(parsePrometheusText(text), counter, { kind: 'password reset' }) === 1) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(sampleValue(parsePrometheusText(text), counter, { kind: 'password reset' })).toBe(1);
        expect(text).not.toContain(email);
        deps.mail?.close();
      } finally {
        await database.close();
        await smtp.close();
      }
    }
  });
});
