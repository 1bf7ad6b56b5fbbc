import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '#server/http/session-cookie';
import { trpcOnePieceHandler } from '#server/http/trpc-one-piece-handler';
import { silentLogger } from '#server/observability/logger';
import { trpcHttpOptions } from '#server/trpc/http-options';
import { PASSWORD, signUpPartner, WEDNESDAY } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

// The one-piece path must answer exactly as tRPC's own Express adapter does. Both serve the same router over the same
// database, and every request below goes to each; a tRPC upgrade that changes what the adapter sends fails here.
let app: TestApp;
let fast: Server;
let stock: Server;
let cookie = '';
let email = '';

// Small, so that a body over it is easy to send; the app's own limit is larger.
const MAX_BODY = 2_000;
const LEFT_TO_ADAPTER = 'auth.logout';

async function serve(withFastPath: boolean): Promise<Server> {
  const options = trpcHttpOptions(app.deps, silentLogger());
  const server = express();
  if (withFastPath) {
    server.use(
      '/trpc',
      trpcOnePieceHandler({
        ...options,
        maxBodySize: MAX_BODY,
        leaveToAdapter: (procedures) => procedures.includes(LEFT_TO_ADAPTER),
      }),
      // Marks what the one-piece path let through, so a test can tell which side answered.
      (_req, res, next) => {
        res.setHeader('x-answered-by', 'adapter');
        next();
      },
    );
  }
  server.use('/trpc', createExpressMiddleware({ ...options, maxBodySize: MAX_BODY }));
  const listening = server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => listening.once('listening', resolve));
  return listening;
}

const base = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  app = await createTestApp({}, WEDNESDAY);
  const person = await signUpPartner(app);
  cookie = `${SESSION_COOKIE}=${person.client.jar.token}`;
  email = person.email;
  [fast, stock] = await Promise.all([serve(true), serve(false)]);
});
afterAll(async () => {
  for (const server of [fast, stock]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await app.close();
});

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
type HeadersAtSend = () => Record<string, string>;
const json = { 'content-type': 'application/json' };
// Read when a request is sent: the cookie exists only once `beforeAll` has signed someone up.
const loggedInJson = () => ({ cookie, ...json });
const loggedIn = () => ({ cookie });
const anonymous = () => ({});
const anonymousJson = () => json;

// Headers that differ between any two answers (the time), or only say how the body is framed: the fast path sends
// it whole with its length, the adapter streams it in chunks.
const VARYING = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'x-powered-by',
  'etag',
  'x-answered-by',
]);

async function answer(server: Server, path: string, headers: Record<string, string>, init: RequestInit = {}) {
  const response = await fetch(`${base(server)}${path}`, { headers, ...init });
  const kept = [...response.headers.entries()].filter(([key]) => !VARYING.has(key));
  return { status: response.status, headers: Object.fromEntries(kept), body: await response.text() };
}

const requests: [string, string, HeadersAtSend][] = [
  ['a public query', '/trpc/practice.list', anonymous],
  ['a query with input, logged in', `/trpc/assessment.weekStatus?input=${input({})}`, loggedIn],
  ['a batch of two', `/trpc/practice.list,auth.me?batch=1&input=${input({ 0: {}, 1: {} })}`, loggedIn],
  [
    'a batch mixing an answer and a refusal',
    `/trpc/auth.me,dashboard.get?batch=1&input=${input({ 0: {}, 1: { range: '12w' } })}`,
    anonymous,
  ],
  ['an anonymous caller', `/trpc/dashboard.get?input=${input({ range: '12w' })}`, anonymous],
  ['input that fails validation', `/trpc/dashboard.get?input=${input({ range: 'forever' })}`, loggedIn],
  ['input that is not JSON', '/trpc/dashboard.get?input=%7Bnot-json', loggedIn],
  ['an unknown procedure', '/trpc/nothing.here', anonymous],
  ['a mutation asked for over GET', `/trpc/auth.logout?input=${input({})}`, loggedIn],
  ['a batch without batch=1', '/trpc/practice.list,auth.me', anonymous],
  ['a batch larger than allowed', `/trpc/${Array(30).fill('practice.list').join(',')}?batch=1`, anonymous],
  ['a stale session cookie', `/trpc/auth.me?input=${input({})}`, () => ({ cookie: `${SESSION_COOKIE}=not-a-session` })],
];

describe('the one-piece path for GET', () => {
  it.each(requests)('answers %s exactly as the stock adapter does', async (_name, path, headers) => {
    const [ours, theirs] = await Promise.all([answer(fast, path, headers()), answer(stock, path, headers())]);
    expect(ours).toEqual(theirs);
    // Not vacuous: each answer has a body and a content type.
    expect(ours.body.length).toBeGreaterThan(0);
    expect(ours.headers['content-type']).toBeTruthy();
  });

  it('covers answers and refusals alike', async () => {
    const statuses = new Set<number>();
    for (const [, path, headers] of requests) statuses.add((await answer(fast, path, headers())).status);
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 400, 401, 404, 405]));
  });

  it('leaves other methods to the stock adapter', async () => {
    const response = await fetch(`${base(fast)}/trpc/practice.list`, { method: 'PUT', headers: { cookie } });
    expect(response.headers.get('x-answered-by')).toBe('adapter');
    expect(response.status).toBe(415);
  });
});

const SETTINGS = {
  enabled: true,
  weekday: 3,
  time: '19:30',
  timeZone: 'Europe/Berlin',
  email: { weeklyReminder: false, partnerCheckedIn: false, bothAnswered: false, coachDigest: false },
};

// Each body is sent with its length, as browsers and tRPC's client send it. The mutation that succeeds is idempotent,
// so sending it to both servers, in either order, gives both the same answer.
const posts: [string, string, HeadersAtSend, string][] = [
  ['a mutation, logged in', '/trpc/reminder.set', loggedInJson, JSON.stringify(SETTINGS)],
  [
    'a batch of two mutations',
    '/trpc/reminder.set,reminder.set?batch=1',
    loggedInJson,
    JSON.stringify({ 0: SETTINGS, 1: SETTINGS }),
  ],
  ['an anonymous caller', '/trpc/reminder.set', anonymousJson, JSON.stringify(SETTINGS)],
  ['input that fails validation', '/trpc/reminder.set', loggedInJson, JSON.stringify({ ...SETTINGS, weekday: 9 })],
  ['a body that is not JSON', '/trpc/reminder.set', loggedInJson, '{"enabled": tru'],
  ['a body starting with a byte order mark', '/trpc/reminder.set', loggedInJson, `\uFEFF${JSON.stringify(SETTINGS)}`],
  [
    'a body with characters beyond ASCII',
    '/trpc/reminder.set',
    loggedInJson,
    JSON.stringify({ ...SETTINGS, timeZone: 'Zürich' }),
  ],
  ['a query sent as POST', '/trpc/practice.list', anonymousJson, '{}'],
  ['an unknown procedure', '/trpc/nothing.here', anonymousJson, '{}'],
  ['a batch without batch=1', '/trpc/reminder.set,reminder.set', loggedInJson, '{}'],
];

describe('the one-piece path for POST', () => {
  it.each(posts)('answers %s exactly as the stock adapter does', async (_name, path, headers, body) => {
    // One after the other: the successful mutation is then judged against the same stored settings on both sides.
    const ours = await answer(fast, path, headers(), { method: 'POST', body });
    const theirs = await answer(stock, path, headers(), { method: 'POST', body });
    expect(ours).toEqual(theirs);
    expect(ours.body.length).toBeGreaterThan(0);
  });

  it('takes the small bodies itself and covers answers and refusals alike', async () => {
    const statuses = new Set<number>();
    for (const [, path, headers, body] of posts) {
      const response = await fetch(`${base(fast)}${path}`, { method: 'POST', headers: headers(), body });
      expect(response.headers.get('x-answered-by')).toBeNull();
      statuses.add(response.status);
    }
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 400, 401, 404, 405]));
  });

  it('leaves to the adapter a body over the limit, one sent in chunks, an empty one and the procedures it names', async () => {
    const oversized = JSON.stringify({ ...SETTINGS, timeZone: 'x'.repeat(MAX_BODY) });
    const large = await fetch(`${base(fast)}/trpc/reminder.set`, {
      method: 'POST',
      headers: loggedInJson(),
      body: oversized,
    });
    expect(large.headers.get('x-answered-by')).toBe('adapter');
    expect(large.status).toBe(413);

    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify(SETTINGS)));
        controller.close();
      },
    });
    const chunked = await fetch(`${base(fast)}/trpc/reminder.set`, {
      method: 'POST',
      headers: loggedInJson(),
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.headers.get('x-answered-by')).toBe('adapter');
    expect(chunked.status).toBe(200);

    const empty = await fetch(`${base(fast)}/trpc/practice.list`, { method: 'POST', headers: json });
    expect(empty.headers.get('x-answered-by')).toBe('adapter');

    // The procedures it names, however their names are spelled: tRPC decodes them.
    for (const spelling of [LEFT_TO_ADAPTER, 'auth.%6Cogout', `practice.list%2C${LEFT_TO_ADAPTER}?batch=1`]) {
      const named = await fetch(`${base(fast)}/trpc/${spelling}`, { method: 'POST', headers: json, body: '{}' });
      expect(named.headers.get('x-answered-by')).toBe('adapter');
    }
  });

  it('lets a login set its session cookie, one header of its own', async () => {
    const response = await fetch(`${base(fast)}/trpc/auth.login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-answered-by')).toBeNull();
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+; .*HttpOnly`));
  });

  it('lets a client go away in the middle of its body, and goes on serving', async () => {
    const { port } = fast.address() as AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      `POST /trpc/reminder.set HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{"enabled":',
    );
    // Long enough for the server to be waiting for the rest of the body.
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await closed;

    const after = await fetch(`${base(fast)}/trpc/reminder.set`, {
      method: 'POST',
      headers: loggedInJson(),
      body: JSON.stringify(SETTINGS),
    });
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ result: { data: SETTINGS } });
  });
});
