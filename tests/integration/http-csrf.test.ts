import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentWeek } from '#shared/week';
import { databaseState } from '../helpers/db-state';
import { uniqueEmail } from '../helpers/emails';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';
import { buildHttpWorld, type HttpWorld } from '../helpers/http-world';
import { mutationPaths, queryPaths } from '../helpers/procedures';
import { ratingsOf } from '../helpers/ratings';

let server: RunningServer;
let world: HttpWorld;
beforeAll(async () => {
  server = await startServer({ clientDir: null, ipRateLimit: false });
  world = await buildHttpWorld(server);
}, 60_000);
afterAll(() => server.close());

const state = () => databaseState(server);

/** What another site can make a logged-in browser send, plus the methods the API does not use. */
const FORGED: [string, RequestInit & { headers: Record<string, string> }, number][] = [
  ['a text/plain form post', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }, 415],
  [
    'a urlencoded form post',
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' },
    415,
  ],
  [
    'a multipart form post',
    { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\n\r\n{}\r\n--x--' },
    415,
  ],
  ['a post with no content type', { method: 'POST', headers: {}, body: '{}' }, 415],
  [
    'JSON from a foreign Origin',
    { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' },
    403,
  ],
  [
    'JSON from a look-alike Origin',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1.evil.example' },
      body: '{}',
    },
    403,
  ],
  [
    'JSON from the null Origin (sandboxed frame)',
    { method: 'POST', headers: { 'content-type': 'application/json', origin: 'null' }, body: '{}' },
    403,
  ],
  [
    'JSON marked Sec-Fetch-Site: cross-site',
    { method: 'POST', headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, body: '{}' },
    403,
  ],
  ['a GET (a link or an image on another site)', { method: 'GET', headers: {} }, 405],
  ['a PUT', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }, 405],
  ['a DELETE', { method: 'DELETE', headers: {} }, 405],
];

describe('mutations from another site', () => {
  const cases = mutationPaths().flatMap((path) =>
    FORGED.map(([label, init, status]) => [path, label, init, status] as const),
  );

  it.each(cases)('%s: %s is refused and changes nothing', async (path, _label, init, status) => {
    const before = await state();
    const response = await world.ana.send(`/trpc/${path}`, init);
    expect(response.status).toBe(status);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await state()).toEqual(before);
  });

  it('refuses a query posted as if it were a mutation', async () => {
    for (const path of queryPaths()) {
      const response = await world.ana.send(`/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status, path).toBe(405);
    }
  });

  it('refuses a GET that batches a mutation with a query', async () => {
    const before = await state();
    const response = await world.ana.send('/trpc/auth.me,couple.newInvite?batch=1', { method: 'GET' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await state()).toEqual(before);
  });
});

describe('mutations from the app itself', () => {
  it('work from the same origin, as a browser sends them, and from a script with no Origin at all', async () => {
    const client = new HttpClient(server.baseUrl);
    const signup = await client.mutation(
      'auth.signup',
      { email: uniqueEmail('same'), password: 'correct horse battery', displayName: 'Sol', role: 'partner' },
      { origin: server.baseUrl, 'sec-fetch-site': 'same-origin' },
    );
    expect(signup.status).toBe(200);
    const week = currentWeek(new Date());
    const ratings = ratingsOf(6);
    const browser = await client.mutation(
      'assessment.submit',
      { week, ratings },
      { origin: server.baseUrl, 'sec-fetch-site': 'same-origin' },
    );
    expect(browser.status).toBe(200);
    const typed = await client.mutation(
      'assessment.submit',
      { week, ratings: { ...ratings, trust: 7 } },
      { 'sec-fetch-site': 'none' },
    );
    expect(typed.status).toBe(200);
    const script = await client.mutation('assessment.submit', { week, ratings: { ...ratings, trust: 8 } });
    expect(script.status).toBe(200);
    const charset = await client.mutation(
      'couple.create',
      {},
      { 'content-type': 'application/json; charset=utf-8', origin: server.baseUrl },
    );
    expect(charset.status).toBe(200);
  });
});

/** Inputs for queries that need more than `{}` or a couple id to do their work. */
const SAMPLE_INPUTS: Record<string, (w: HttpWorld) => unknown> = {
  'assessment.mine': () => ({ week: currentWeek(new Date()) }),
  'dashboard.get': () => ({ range: 'all' }),
  'measure.results': (w) => ({ assignmentId: w.assignmentId }),
};

describe('queries', () => {
  it.each(queryPaths())('%s reads without writing, for a partner and for a coach', async (path) => {
    const callers = [
      ['partner', world.ana],
      ['coach', world.coach],
    ] as const;
    const inputs: unknown[] = [undefined, {}, { coupleId: world.coupleId }];
    if (SAMPLE_INPUTS[path])
      inputs.push(SAMPLE_INPUTS[path](world), { ...(SAMPLE_INPUTS[path](world) as object), coupleId: world.coupleId });
    const statuses: number[] = [];
    for (const [who, client] of callers) {
      for (const input of inputs) {
        const before = await state();
        const response = await client.query(path, input);
        expect(response.status, `${who} ${JSON.stringify(input)}`).toBeLessThan(500);
        expect(await state(), `${path} by the ${who} with ${JSON.stringify(input)} changed the database`).toEqual(
          before,
        );
        statuses.push(response.status);
      }
    }
    // A call refused for its input never reached the resolver: give the query a sample input above.
    const onlyAuthorization = statuses.every((s) => s === 401 || s === 403 || s === 404);
    if (!onlyAuthorization) expect(statuses, `${path} never answered 200: add a sample input`).toContain(200);
  });
});
