import { afterEach, describe, expect, it } from 'vitest';
import { OWASP_SCRYPT_COST } from '#server/auth/password';
import { GUARDED_PROCEDURES, UNBATCHED_PROCEDURES } from '#shared/batching';
import { databaseState } from '../helpers/db-state';
import { uniqueEmail } from '../helpers/emails';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';

const PASSWORD = 'correct horse battery';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function signUp(running: RunningServer, name: string): Promise<{ client: HttpClient; email: string }> {
  const client = new HttpClient(running.baseUrl);
  const email = uniqueEmail(name);
  const response = await client.mutation('auth.signup', {
    email,
    password: PASSWORD,
    displayName: name,
    role: 'partner',
  });
  expect(response.status).toBe(200);
  return { client, email };
}

async function logIn(running: RunningServer, email: string): Promise<HttpClient> {
  const client = new HttpClient(running.baseUrl);
  expect((await client.mutation('auth.login', { email, password: PASSWORD })).status).toBe(200);
  return client;
}

/** A batch of calls in one POST, as tRPC's batch link sends it. */
function batch(client: HttpClient, calls: [string, unknown][]) {
  const body = JSON.stringify(Object.fromEntries(calls.map(([, input], i) => [i, input])));
  return client.send(`/trpc/${calls.map(([path]) => path).join(',')}?batch=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

const wrongChange = (i: number): [string, unknown] => [
  'auth.changePassword',
  { currentPassword: `guess ${i}`, newPassword: 'a new password here' },
];
const wrongDelete = (i: number): [string, unknown] => ['account.delete', { password: `guess ${i}` }];

describe('procedures that check a password, over HTTP', () => {
  it('are sent alone by the app, as the server requires of every call it refuses in a batch', () => {
    for (const path of ['auth.login', 'auth.changePassword', 'account.delete'])
      expect(GUARDED_PROCEDURES.has(path), path).toBe(true);
    for (const path of GUARDED_PROCEDURES) expect(UNBATCHED_PROCEDURES.has(path), path).toBe(true);
  });

  it('cannot be batched, alone or with other calls, and a refused batch changes nothing', async () => {
    server = await startServer({ ipRateLimit: false });
    const { client } = await signUp(server, 'Bo');
    const before = await databaseState(server);
    for (const calls of [
      [wrongChange(0), wrongChange(1)],
      [wrongDelete(0), wrongDelete(1)],
      [['auth.logoutEverywhere', {}], wrongDelete(0)],
      [
        ['couple.create', {}],
        ['auth.changePassword', { currentPassword: PASSWORD, newPassword: 'a new password here' }],
      ],
    ] as [string, unknown][][]) {
      const response = await batch(client, calls);
      expect(response.status, calls.map(([path]) => path).join(',')).toBe(400);
      expect(response.body.error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    }
    expect(await databaseState(server)).toEqual(before);
  });

  it('answer 429 with Retry-After once a session has made five checks in a minute', async () => {
    server = await startServer({ ipRateLimit: false });
    const { client } = await signUp(server, 'Cy');
    for (let i = 0; i < 5; i++) {
      const [path, input] = i % 2 ? wrongDelete(i) : wrongChange(i);
      const response = await client.mutation(path, input);
      expect(response.status).toBe(403);
      expect(response.headers.get('retry-after')).toBeNull();
    }
    const refused = await client.mutation('account.delete', { password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429 });
    const seconds = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(seconds)).toBe(true);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
  });

  it('answer a failed-login lockout with 429 and a Retry-After of at most 15 minutes', async () => {
    server = await startServer({ ipRateLimit: false });
    const { email } = await signUp(server, 'Di');
    const guesser = new HttpClient(server.baseUrl);
    for (let i = 0; i < 10; i++)
      expect((await guesser.mutation('auth.login', { email, password: `guess ${i}` })).status).toBe(401);
    const locked = await guesser.mutation('auth.login', { email, password: PASSWORD });
    expect(locked.status).toBe(429);
    const seconds = Number(locked.headers.get('retry-after'));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
  });

  it('flooded by two accounts, in batches and in parallel from several sessions, still let a third person log in', async () => {
    // The real cost: only then does each check hold its place in the hashing line long enough to fill it.
    server = await startServer({ ipRateLimit: false, scryptCost: OWASP_SCRYPT_COST });
    const running = server;
    const attackers = [await signUp(running, 'Flo'), await signUp(running, 'Gus')];
    const sessions = [];
    for (const attacker of attackers)
      sessions.push(attacker.client, await logIn(running, attacker.email), await logIn(running, attacker.email));
    const { email: thirdEmail } = await signUp(running, 'Hal');

    const tenChecks = (b: number) =>
      Array.from({ length: 10 }, (_, i) => ((i + b) % 2 ? wrongChange(i) : wrongDelete(i)));
    // A batch from each first, enough to fill the line if they were let in; the third person comes right behind.
    const opening = attackers.map((attacker) => batch(attacker.client, tenChecks(0)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const thirdLogin = new HttpClient(running.baseUrl).mutation('auth.login', {
      email: thirdEmail,
      password: PASSWORD,
    });
    const rest = sessions.flatMap((session) => [
      ...Array.from({ length: 3 }, (_, b) => batch(session, tenChecks(b + 1))),
      ...Array.from({ length: 10 }, (_, i) => session.mutation(...wrongChange(i))),
      ...Array.from({ length: 10 }, (_, i) => session.mutation(...wrongDelete(i))),
    ]);
    const third = await thirdLogin;
    const answers = await Promise.all([...opening, ...rest]);

    expect(third.status).toBe(200);
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.every((s) => s === 400 || s === 403 || s === 429),
      JSON.stringify(statuses),
    ).toBe(true);
    // Each account had its password checked at most five times in the minute, however the calls were sent.
    expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(2 * 5);
    for (const refused of answers.filter((a) => a.status === 429))
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${running.baseUrl}/healthz`)).status).toBe(200);
  }, 120_000);
});
