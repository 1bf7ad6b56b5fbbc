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
    const last = await new HttpClient(server.baseUrl).mutation('auth.login', { email: 'x@example.com', password: 'whatever' });
    expect(last.body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429 });
  });

  it('lets TANDEM_IP_RATE_LIMIT=0 lift the per-address limit', async () => {
    server = await startServer({ ipRateLimit: false });
    const statuses = await loginAttempts(110, (i) => `nobody-${i}@example.com`);
    expect(statuses.every((s) => s === 401)).toBe(true);
  });

  it('keeps the per-account limit on failed logins even without per-address limits', async () => {
    server = await startServer({ ipRateLimit: false });
    const client = new HttpClient(server.baseUrl);
    await client.mutation('auth.signup', { email: 'target@example.com', password: 'the real password', displayName: 'T', role: 'partner' });
    const statuses = await loginAttempts(11, () => 'target@example.com');
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right password waits out the window: the guesser cannot learn when they hit it.
    const right = await new HttpClient(server.baseUrl).mutation('auth.login', { email: 'target@example.com', password: 'the real password' });
    expect(right.status).toBe(429);
  });
});
