import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function loginAttempts(count: number, email: (i: number) => string) {
  const client = new HttpClient(server!.baseUrl);
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    statuses.push((await client.mutation('auth.login', { email: email(i), password: 'wrong password' })).status);
  }
  return statuses;
}

describe('limits', () => {
  it('limits login attempts per address, in the contract error shape', async () => {
    server = await startServer({ ipRateLimit: true });
    const statuses = await loginAttempts(101, (i) => `nobody-${i}@example.com`);
    expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true);
    expect(statuses[100]).toBe(429);
    const last = await new HttpClient(server.baseUrl).mutation('auth.login', {
      email: 'x@example.com',
      password: 'whatever',
    });
    expect(last.body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429 });
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('lets TANDEM_IP_RATE_LIMIT=0 lift the per-address limit', async () => {
    server = await startServer({ ipRateLimit: false });
    const statuses = await loginAttempts(110, (i) => `nobody-${i}@example.com`);
    expect(statuses.every((s) => s === 401)).toBe(true);
  });

  it('keeps the per-account limit on failed logins even without per-address limits', async () => {
    server = await startServer({ ipRateLimit: false });
    const client = new HttpClient(server.baseUrl);
    await client.mutation('auth.signup', {
      email: 'target@example.com',
      password: 'the real password',
      displayName: 'T',
      role: 'partner',
    });
    const statuses = await loginAttempts(11, () => 'target@example.com');
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right password waits out the window: the guesser cannot learn when they hit it.
    const right = await new HttpClient(server.baseUrl).mutation('auth.login', {
      email: 'target@example.com',
      password: 'the real password',
    });
    expect(right.status).toBe(429);
  });
});

describe('requests shaped to slip past the limits', () => {
  it('refuses nested paths that tRPC would read as a guarded procedure', async () => {
    server = await startServer({ ipRateLimit: true });
    const client = new HttpClient(server.baseUrl);
    const response = await client.mutation('x/auth.login', { email: 'a@example.com', password: 'whatever' });
    expect(response.status).toBe(404);
  });

  it('refuses a batch that holds a guarded call, and any batch over ten calls', async () => {
    server = await startServer({ ipRateLimit: true });
    const client = new HttpClient(server.baseUrl);
    const body = JSON.stringify({
      0: { email: 'a@example.com', password: 'x' },
      1: { email: 'a@example.com', password: 'y' },
    });
    const batch = await client.send('/trpc/auth.login,auth.login?batch=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(batch.status).toBe(400);
    // Codes are tried one per request, whoever tries them: a coach's as a partner's.
    for (const guess of ['couple.join', 'coach.accept']) {
      const codes = JSON.stringify({ 0: { inviteCode: 'AAAA-BBBB' }, 1: { coachCode: 'AAAA-BBBB' } });
      const tries = await client.send(`/trpc/${guess},${guess}?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: codes,
      });
      expect({ guess, status: tries.status }).toEqual({ guess, status: 400 });
    }
    const many = Array.from({ length: 11 }, () => 'practice.list').join(',');
    expect((await client.send(`/trpc/${many}?batch=1&input={}`, { method: 'GET' })).status).toBe(400);
    const ten = Array.from({ length: 10 }, () => 'practice.list').join(',');
    expect((await client.send(`/trpc/${ten}?batch=1&input={}`, { method: 'GET' })).status).toBe(200);
  });

  it('answers an undecodable path with 4xx, never 5xx', async () => {
    server = await startServer({ ipRateLimit: true });
    const client = new HttpClient(server.baseUrl);
    const get = await client.send('/trpc/%E0', { method: 'GET' });
    const post = await client.send('/trpc/%E0', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(get.status).toBeGreaterThanOrEqual(400);
    expect(get.status).toBeLessThan(500);
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(post.status).toBeLessThan(500);
  });

  it('counts concurrent failed logins against the account, so none slips through the lockout', async () => {
    server = await startServer({ ipRateLimit: false });
    const owner = new HttpClient(server.baseUrl);
    await owner.mutation('auth.signup', {
      email: 'busy@example.com',
      password: 'the real password',
      displayName: 'B',
      role: 'partner',
    });
    const attempts = await Promise.all(
      Array.from({ length: 15 }, () =>
        new HttpClient(server!.baseUrl).mutation('auth.login', {
          email: 'busy@example.com',
          password: 'a wrong guess',
        }),
      ),
    );
    const statuses = attempts.map((a) => a.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // Some may have been turned away as busy (one account holds only its share of the hashing line); those were not
    // tried and do not count. Guessing on, one at a time, the account still allows exactly ten wrong answers.
    let wrong = statuses.filter((s) => s === 401).length;
    expect(wrong).toBeLessThanOrEqual(10);
    for (let i = 0; i < 15; i++) {
      const next = await new HttpClient(server.baseUrl).mutation('auth.login', {
        email: 'busy@example.com',
        password: 'a wrong guess',
      });
      if (next.status === 429) {
        expect(next.body.error.message).toContain('Too many attempts for this account');
        break;
      }
      expect(next.status).toBe(401);
      wrong++;
    }
    expect(wrong).toBe(10);
  });
});
