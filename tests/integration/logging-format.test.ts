import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#server/app';
import type { AppConfig } from '#server/config';
import { createHttpServer } from '#server/http/listen';
import { createLogger } from '#server/observability/logger';
import { createTestApp, type TestApp } from '../helpers/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Line = Record<string, unknown> & { err?: { message: string; stack: string } };

/** The app over real HTTP, logging into `chunks`: each write is what would have gone to stdout. */
interface LoggedApp {
  baseUrl: string;
  chunks: string[];
  lines(): Line[];
  /** The request line of the request that got `response`, found by the id the response carries. */
  lineOf(response: Response): Promise<Line>;
  app: TestApp;
  close(): Promise<void>;
}

async function loggedApp(config: Partial<AppConfig> = {}): Promise<LoggedApp> {
  const app = await createTestApp({ ipRateLimit: false, ...config });
  const chunks: string[] = [];
  const logger = createLogger({ level: 'debug', format: 'json', destination: { write: (line) => chunks.push(line) } });
  const { app: handler } = createApp({ db: app.database.db, database: app.database, config: app.deps.config, logger });
  const server: Server = createHttpServer(handler, { capPerAddress: false });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const lines = () => chunks.map((chunk) => JSON.parse(chunk) as Line);
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    chunks,
    lines,
    app,
    async lineOf(response) {
      await response.arrayBuffer();
      const id = response.headers.get('x-request-id');
      // The line is written once the response has gone out: a moment after the client has it.
      for (let i = 0; i < 50; i++) {
        const line = lines().find((l) => l.reqId === id && 'status' in l);
        if (line) return line;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`No request line for ${id}:\n${chunks.join('')}`);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}

/** A GET whose request line names `target` as it is (fetch would always send a path): as a client or a proxy may. */
function rawGet(baseUrl: string, target: string): Promise<Response> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path: target, method: 'GET' }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(answer.headers))
          if (typeof value === 'string') headers.set(name, value);
        resolve(new Response(Buffer.concat(chunks), { status: answer.statusCode ?? 0, headers }));
      });
    });
    request.on('error', reject);
    request.end();
  });
}

describe('request lines', () => {
  let served: LoggedApp;
  beforeAll(async () => {
    served = await loggedApp();
  });
  afterAll(() => served.close());

  it('are one JSON object per line, with id, method, route, procedures, status and duration', async () => {
    const response = await fetch(`${served.baseUrl}/trpc/practice.list?input=%7B%7D`);
    expect(response.status).toBe(200);
    const line = await served.lineOf(response);
    expect(line).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/trpc/practice.list',
      procedures: ['practice.list'],
      status: 200,
      msg: 'GET /trpc/practice.list 200',
    });
    expect(line.reqId).toMatch(UUID);
    expect(response.headers.get('x-request-id')).toBe(line.reqId);
    expect(typeof line.durationMs).toBe('number');
    expect(typeof line.time).toBe('string');
    expect(line.pid).toBe(process.pid);
    // Nothing of the request beyond those fields: no headers, no query, no body.
    expect(Object.keys(line).sort()).toEqual(
      ['durationMs', 'level', 'method', 'msg', 'pid', 'procedures', 'reqId', 'route', 'status', 'time'].sort(),
    );
    for (const chunk of served.chunks) expect(chunk).toMatch(/^\{[^\n]*\}\n$/);
  });

  it('name every procedure of a batch, and a new id for each request', async () => {
    const first = await fetch(`${served.baseUrl}/trpc/practice.list,auth.me?batch=1&input=%7B%7D`);
    const second = await fetch(`${served.baseUrl}/trpc/practice.list,auth.me?batch=1&input=%7B%7D`);
    const line = await served.lineOf(first);
    expect(line).toMatchObject({
      route: '/trpc/practice.list,auth.me',
      procedures: ['practice.list', 'auth.me'],
      status: 200,
    });
    expect((await served.lineOf(second)).reqId).not.toBe(line.reqId);
  });

  it('log a refused input at info, without the input, and no error line', async () => {
    const marker = `refused-${Math.random().toString(36).slice(2)}`;
    const response = await fetch(`${served.baseUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `tandem_session=${marker}` },
      body: JSON.stringify({ email: marker, password: marker }),
    });
    expect(response.status).toBe(400);
    const line = await served.lineOf(response);
    expect(line).toMatchObject({ level: 'info', method: 'POST', route: '/trpc/auth.login', status: 400 });
    expect(served.chunks.join('')).not.toContain(marker);
    expect(served.lines().filter((l) => l.level === 'error')).toEqual([]);
  });

  it('name a calendar feed and an invitation page by their pattern, never the token, code or query', async () => {
    const feed = await fetch(`${served.baseUrl}/calendar/feedtoken123.ics?secret=querytext`);
    expect(feed.status).toBe(404);
    expect(await served.lineOf(feed)).toMatchObject({ route: '/calendar/:file', status: 404 });
    const invite = await fetch(`${served.baseUrl}/join/ABCD-EFGH-JKMN-PQRS-TVWX`);
    expect((await served.lineOf(invite)).route).toBe('/join/:code');
    const unsubscribe = await fetch(`${served.baseUrl}/email/unsubscribe/${'t'.repeat(43)}`);
    expect((await served.lineOf(unsubscribe)).route).toBe('/email/unsubscribe/:token');
    const text = served.chunks.join('');
    for (const secret of ['feedtoken123', 'querytext', 'ABCD-EFGH', 'tttt']) expect(text).not.toContain(secret);
  });

  it('hide the secret of a path asked for in another case, or as an absolute-form target', async () => {
    // Express routes both to the same handlers, so a token must be hidden in both.
    const upper = await fetch(`${served.baseUrl}/Calendar/upperfeedtoken.ics`);
    expect((await served.lineOf(upper)).route).toBe('/calendar/:file');
    const absolute = await rawGet(served.baseUrl, 'http://elsewhere.example/calendar/absolutefeedtoken.ics');
    const line = await served.lineOf(absolute);
    expect(line.route).toBe('/calendar/:file');
    const joined = await fetch(`${served.baseUrl}/JOIN/ZYXW-VUTS-RQPN-MKJH-GFED`);
    expect((await served.lineOf(joined)).route).toBe('/join/:code');
    const text = served.chunks.join('');
    for (const secret of ['upperfeedtoken', 'absolutefeedtoken', 'ZYXW-VUTS']) expect(text).not.toContain(secret);
  });

  it('log health checks at debug, so that at info they are not there', async () => {
    const response = await fetch(`${served.baseUrl}/healthz`);
    expect(await served.lineOf(response)).toMatchObject({ level: 'debug', route: '/healthz', status: 200 });
  });

  it('ignore an incoming X-Request-Id when no proxy is trusted', async () => {
    const response = await fetch(`${served.baseUrl}/healthz`, { headers: { 'x-request-id': 'from-anyone-1' } });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect((await served.lineOf(response)).reqId).toBe(id);
  });
});

describe('behind a trusted proxy', () => {
  let served: LoggedApp;
  beforeAll(async () => {
    served = await loggedApp({ trustProxy: 1 });
  });
  afterAll(() => served.close());

  it("takes the proxy's X-Request-Id when it looks sane, and replaces it otherwise", async () => {
    const sane = await fetch(`${served.baseUrl}/healthz`, { headers: { 'x-request-id': 'proxy-req:42.a_b' } });
    expect(sane.headers.get('x-request-id')).toBe('proxy-req:42.a_b');
    expect((await served.lineOf(sane)).reqId).toBe('proxy-req:42.a_b');

    for (const malformed of ['has spaces in it', 'x'.repeat(129), '{"json":true}', 'line\\nbreak']) {
      const response = await fetch(`${served.baseUrl}/healthz`, { headers: { 'x-request-id': malformed } });
      expect(response.headers.get('x-request-id')).toMatch(UUID);
      expect((await served.lineOf(response)).reqId).toBe(response.headers.get('x-request-id'));
    }
  });
});

describe('a fault', () => {
  it('is a request line at error, and a line with its stack and the same id, without the input', async () => {
    const served = await loggedApp();
    const marker = `fault-${Math.random().toString(36).slice(2)}@example.test`;
    // The table a login reads is renamed away under the running app, the same on either database: the login fails on
    // our side. (Closing the connection instead left PostgreSQL's pool answering now and then.)
    await sql`alter table users rename to users_gone`.execute(served.app.database.db);
    const response = await fetch(`${served.baseUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: marker, password: 'a long password' }),
    });
    expect(response.status).toBe(500);
    const line = await served.lineOf(response);
    expect(line).toMatchObject({ level: 'error', route: '/trpc/auth.login', status: 500 });
    const faults = served.lines().filter((l) => l.reqId === line.reqId && l.err);
    expect(faults.length, served.chunks.join('')).toBeGreaterThan(0);
    expect(faults[0]!.level).toBe('error');
    expect(faults[0]!.err!.stack).toMatch(/\n\s+at /);
    expect(served.chunks.join('')).not.toContain(marker);
    await served.close();
  });
});
