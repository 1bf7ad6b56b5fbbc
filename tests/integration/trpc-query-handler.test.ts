import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '#server/http/session-cookie';
import { trpcQueryHandler } from '#server/http/trpc-query-handler';
import { silentLogger } from '#server/observability/logger';
import { trpcHttpOptions } from '#server/trpc/http-options';
import { signUpPartner, WEDNESDAY } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

// The GET fast path must answer exactly as tRPC's own Express adapter does. Both serve the same router over the same
// database, and every request below goes to each; a tRPC upgrade that changes what the adapter sends fails here.
let app: TestApp;
let fast: Server;
let stock: Server;
let cookie = '';

async function serve(withFastPath: boolean): Promise<Server> {
  const options = trpcHttpOptions(app.deps, silentLogger());
  const server = express();
  if (withFastPath) server.use('/trpc', trpcQueryHandler(options));
  server.use('/trpc', createExpressMiddleware(options));
  const listening = server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => listening.once('listening', resolve));
  return listening;
}

const base = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  app = await createTestApp({}, WEDNESDAY);
  const person = await signUpPartner(app);
  cookie = `${SESSION_COOKIE}=${person.client.jar.token}`;
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
]);

async function answer(server: Server, path: string, headers: Record<string, string>) {
  const response = await fetch(`${base(server)}${path}`, { headers });
  const kept = [...response.headers.entries()].filter(([key]) => !VARYING.has(key));
  return { status: response.status, headers: Object.fromEntries(kept), body: await response.text() };
}

const requests: [string, string, Record<string, string>][] = [
  ['a public query', '/trpc/practice.list', {}],
  ['a query with input, logged in', `/trpc/assessment.weekStatus?input=${input({})}`, { cookie }],
  ['a batch of two', `/trpc/practice.list,auth.me?batch=1&input=${input({ 0: {}, 1: {} })}`, { cookie }],
  [
    'a batch mixing an answer and a refusal',
    `/trpc/auth.me,dashboard.get?batch=1&input=${input({ 0: {}, 1: { range: '12w' } })}`,
    {},
  ],
  ['an anonymous caller', `/trpc/dashboard.get?input=${input({ range: '12w' })}`, {}],
  ['input that fails validation', `/trpc/dashboard.get?input=${input({ range: 'forever' })}`, { cookie }],
  ['input that is not JSON', '/trpc/dashboard.get?input=%7Bnot-json', { cookie }],
  ['an unknown procedure', '/trpc/nothing.here', {}],
  ['a mutation asked for over GET', `/trpc/auth.logout?input=${input({})}`, { cookie }],
  ['a batch without batch=1', '/trpc/practice.list,auth.me', {}],
  ['a batch larger than allowed', `/trpc/${Array(30).fill('practice.list').join(',')}?batch=1`, {}],
  ['a stale session cookie', `/trpc/auth.me?input=${input({})}`, { cookie: `${SESSION_COOKIE}=not-a-session` }],
];

describe('the GET fast path', () => {
  it.each(requests)('answers %s exactly as the stock adapter does', async (_name, path, headers) => {
    const [ours, theirs] = await Promise.all([answer(fast, path, headers), answer(stock, path, headers)]);
    expect(ours).toEqual(theirs);
    // Not vacuous: each answer has a body and a content type.
    expect(ours.body.length).toBeGreaterThan(0);
    expect(ours.headers['content-type']).toBeTruthy();
  });

  it('covers answers and refusals alike', async () => {
    const statuses = new Set<number>();
    for (const [, path, headers] of requests) statuses.add((await answer(fast, path, headers)).status);
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 400, 401, 404, 405]));
  });

  it('leaves every other method to the stock adapter', async () => {
    const response = await fetch(`${base(fast)}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: { data: { ok: true } } });
  });
});
