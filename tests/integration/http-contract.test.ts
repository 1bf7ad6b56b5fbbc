import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRACTICE_IDS } from '#shared/practices';
import { countRows } from '../helpers/db-state';
import { uniqueEmail } from '../helpers/emails';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';
import { ratingsOf } from '../helpers/ratings';
import { sqlRow } from '../helpers/raw-sql';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

async function signedUp(role: 'partner' | 'coach' = 'partner', displayName = 'Sam') {
  const client = new HttpClient(server.baseUrl);
  const response = await client.mutation('auth.signup', {
    email: uniqueEmail('http'),
    password: 'correct horse battery',
    displayName,
    role,
  });
  expect(response.status).toBe(200);
  return { client, user: response.body.result.data };
}

describe('health and transport', () => {
  it('answers /healthz with JSON', async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves a query over GET with no transformer: plain JSON under result.data', async () => {
    const response = await new HttpClient(server.baseUrl).query('practice.list');
    expect(response.status).toBe(200);
    expect(response.body.result.data.map((p: { id: string }) => p.id)).toEqual([...PRACTICE_IDS]);
  });

  it('accepts a query input in the URL and batching', async () => {
    const client = new HttpClient(server.baseUrl);
    const response = await client.send(`/trpc/practice.list,auth.me?batch=1&input=${encodeURIComponent('{}')}`, {
      method: 'GET',
    });
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(2);
    expect(response.body[1].result.data).toBeNull();
  });

  it('accepts a mutation that takes no input posted with no body, and refuses one that needs input', async () => {
    const { client } = await signedUp();
    const bare = await client.send('/trpc/auth.logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(bare.status).toBe(200);
    expect(bare.body.result.data).toEqual({ ok: true });
    const needsInput = await client.send('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(needsInput.status).toBe(400);
  });

  it('answers HEAD on /trpc with 204 and no body, running nothing, whatever the path', async () => {
    const { client } = await signedUp();
    const before = await countRows(server, 'users');
    for (const path of ['/trpc/practice.list', '/trpc/nope', '/trpc/auth.signup', '/trpc/auth.me']) {
      const response = await client.send(path, { method: 'HEAD' });
      expect(response.status, path).toBe(204);
      expect(response.body, path).toBe('');
    }
    expect(await countRows(server, 'users')).toBe(before);
  });

  it('refuses a mutation over GET and an unknown procedure', async () => {
    const client = new HttpClient(server.baseUrl);
    expect((await client.query('auth.logout')).status).toBe(405);
    const unknown = await client.query('nothing.here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.data.code).toBe('NOT_FOUND');
  });

  it("answers a query's broken input in tRPC's error shape, as JSON, and not as a server error", async () => {
    const client = new HttpClient(server.baseUrl);
    for (const input of ['%7B', '%E0%A4%A', `%22${'x'.repeat(5000)}%22`, '%7B%22range%22%3A%22forever%22%7D']) {
      const response = await client.send(`/trpc/dashboard.get?input=${input}`, { method: 'GET' });
      expect(response.status, input).toBeGreaterThanOrEqual(400);
      expect(response.status, input).toBeLessThan(500);
      expect(response.headers.get('content-type'), input).toMatch(/^application\/json/);
      expect(typeof response.body.error.message, input).toBe('string');
    }
  });
});

describe('sessions over HTTP', () => {
  it('sets an httpOnly, SameSite=Lax session cookie with a long random token at signup', async () => {
    const client = new HttpClient(server.baseUrl);
    const response = await client.mutation('auth.signup', {
      email: uniqueEmail('http'),
      password: 'correct horse battery',
      displayName: 'Ana',
      role: 'partner',
    });
    expect(response.status).toBe(200);
    expect(response.body.result.data).toMatchObject({ displayName: 'Ana', role: 'partner' });
    const cookie = response.setCookie ?? '';
    expect(cookie).toMatch(/^tandem_session=[A-Za-z0-9_-]{43,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; Secure is set when served over https
    const me = await client.query('auth.me');
    expect(me.body.result.data.displayName).toBe('Ana');
  });

  it('rotates the token at login and ends the session at logout', async () => {
    const email = uniqueEmail('http');
    const first = new HttpClient(server.baseUrl);
    await first.mutation('auth.signup', {
      email,
      password: 'correct horse battery',
      displayName: 'Bo',
      role: 'partner',
    });
    const signupCookie = first.cookie;
    const login = await first.mutation('auth.login', { email, password: 'correct horse battery' });
    expect(login.status).toBe(200);
    expect(first.cookie).toBeDefined();
    expect(first.cookie).not.toBe(signupCookie);

    const stale = new HttpClient(server.baseUrl);
    stale.cookie = signupCookie;
    expect((await stale.query('auth.me')).body.result.data).toBeNull();

    const kept = first.cookie;
    const logout = await first.mutation('auth.logout', {});
    expect(logout.status).toBe(200);
    expect(logout.body.result.data).toEqual({ ok: true });
    expect(logout.setCookie).toMatch(/tandem_session=;.*Expires=Thu, 01 Jan 1970/i);
    const replay = new HttpClient(server.baseUrl);
    replay.cookie = kept;
    expect((await replay.query('auth.me')).body.result.data).toBeNull();
  });

  it('answers wrong email and wrong password with the same 401', async () => {
    const email = uniqueEmail('http');
    await new HttpClient(server.baseUrl).mutation('auth.signup', {
      email,
      password: 'correct horse battery',
      displayName: 'Cy',
      role: 'partner',
    });
    const wrongPassword = await new HttpClient(server.baseUrl).mutation('auth.login', {
      email,
      password: 'not the password',
    });
    const wrongEmail = await new HttpClient(server.baseUrl).mutation('auth.login', {
      email: uniqueEmail('http'),
      password: 'correct horse battery',
    });
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.status).toBe(401);
    expect(wrongPassword.body.error.message).toBe(wrongEmail.body.error.message);
  });
});

describe('errors on the wire', () => {
  it('maps codes to the contract statuses', async () => {
    const anonymous = new HttpClient(server.baseUrl);
    const unauthorized = await anonymous.mutation('assessment.submit', { week: '2026-W01', ratings: ratingsOf(5) });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.body.error.data.code).toBe('UNAUTHORIZED');

    const { client: coach } = await signedUp('coach');
    const forbidden = await coach.mutation('couple.create', {});
    expect(forbidden.status).toBe(403);

    const { client } = await signedUp();
    const bad = await client.mutation('assessment.submit', {
      week: '2026-W01',
      ratings: { ...ratingsOf(5), trust: 11 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.data.code).toBe('BAD_REQUEST');
    expect(bad.body.error.message).toContain('ratings.trust');
    expect(bad.body.error.data.fieldErrors).toBeDefined();
    expect(bad.body.error.data.stack).toBeUndefined();
    const unknownKey = await client.mutation('assessment.submit', {
      week: '2026-W01',
      ratings: ratingsOf(5),
      mood: 'fine',
    });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.error.message).toMatch(/Unrecognized key.*mood/);

    await client.mutation('couple.create', {});
    const conflict = await client.mutation('couple.create', {});
    expect(conflict.status).toBe(409);
  });

  it('answers malformed, oversized and wrongly typed bodies with 4xx and changes nothing', async () => {
    const { client } = await signedUp();
    const before = await countRows(server, 'assessments');
    const malformed = await client.send('/trpc/assessment.submit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"week": "2026-W01", "ratings": {',
    });
    expect(malformed.status).toBe(400);
    const huge = await client.mutation('assessment.submit', {
      week: '2026-W01',
      ratings: ratingsOf(5),
      note: 'x'.repeat(400_000),
    });
    expect(huge.status).toBe(413);
    const longNote = await client.mutation('assessment.submit', {
      week: '2026-W01',
      ratings: ratingsOf(5),
      note: 'x'.repeat(2001),
    });
    expect(longNote.status).toBe(400);
    const wrongShape = await client.mutation('assessment.submit', ['not', 'an', 'object']);
    expect(wrongShape.status).toBe(400);
    const longQuery = await client.query('assessment.history', { fromWeek: 'x'.repeat(5000) });
    expect(longQuery.status).toBe(400);
    expect(await countRows(server, 'assessments')).toBe(before);
  });
});

describe('cross-site request forgery', () => {
  it.each([
    ['text/plain', 415],
    ['application/x-www-form-urlencoded', 415],
    ['multipart/form-data; boundary=x', 415],
  ])('refuses a %s post', async (contentType, status) => {
    const { client } = await signedUp();
    const before = await countRows(server, 'couples');
    const response = await client.send('/trpc/couple.create', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: '{}',
    });
    expect(response.status).toBe(status);
    expect(await countRows(server, 'couples')).toBe(before);
  });

  it('refuses a foreign Origin and a cross-site fetch, and accepts the same origin', async () => {
    const { client } = await signedUp();
    const before = await countRows(server, 'couples');
    expect((await client.mutation('couple.create', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await client.mutation('couple.create', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(await countRows(server, 'couples')).toBe(before);
    expect(
      (await client.mutation('couple.create', {}, { origin: server.baseUrl, 'sec-fetch-site': 'same-origin' })).status,
    ).toBe(200);
  });
});

describe('the current-week visibility rule over HTTP', () => {
  it("hides a partner's current week until both have submitted, and never shows a note", async () => {
    const { client: alex } = await signedUp('partner', 'Alex');
    const { client: blake } = await signedUp('partner', 'Blake');
    const created = await alex.mutation('couple.create', {});
    expect((await blake.mutation('couple.join', { inviteCode: created.body.result.data.inviteCode })).status).toBe(200);

    const status = await alex.query('assessment.weekStatus', {});
    const week: string = status.body.result.data.week;
    expect((await alex.mutation('assessment.submit', { week, ratings: ratingsOf(8), note: 'only mine' })).status).toBe(
      200,
    );

    const entriesOf = (history: Awaited<ReturnType<HttpClient['query']>>, name: string) =>
      history.body.result.data.partners.find((p: { displayName: string }) => p.displayName === name).entries;
    expect(entriesOf(await blake.query('assessment.history', {}), 'Alex')).toEqual([]);
    const blakeStatus = await blake.query('assessment.weekStatus', { week });
    expect(blakeStatus.body.result.data.partners.map((p: { submitted: boolean }) => p.submitted)).toEqual([
      true,
      false,
    ]);

    expect((await blake.mutation('assessment.submit', { week, ratings: ratingsOf(4) })).status).toBe(200);
    const blakeView = entriesOf(await blake.query('assessment.history', {}), 'Alex');
    expect(blakeView).toEqual([{ week, ratings: ratingsOf(8), changedAfterBothAnswered: false }]);
    expect(JSON.stringify(blakeView)).not.toContain('only mine');
    const alexView = entriesOf(await alex.query('assessment.history', {}), 'Alex');
    expect(alexView[0].note).toBe('only mine');
  });
});

describe('pages and headers', () => {
  it.each([
    '/',
    '/login',
    '/signup',
    '/dashboard',
    '/check-in',
    '/settings',
    '/practices/trust',
    '/coach',
    '/coach/couples/abc',
  ])('serves the app shell on a full load of %s', async (page) => {
    const response = await fetch(`${server.baseUrl}${page}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('<div id="root"></div>');
  });

  it('answers 404 for a missing asset rather than the app shell', async () => {
    const response = await fetch(`${server.baseUrl}/assets/missing-file.js`);
    expect(response.status).toBe(404);
  });

  it('sends security headers, and no-store on API answers', async () => {
    const page = await fetch(`${server.baseUrl}/login`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const api = await fetch(`${server.baseUrl}/trpc/practice.list`);
    expect(api.headers.get('cache-control')).toBe('no-store');
  });
});

describe('batches of one person', () => {
  it('answers a second couple.create in the same batch with 409, not 500, and keeps one couple', async () => {
    const { client, user } = await signedUp();
    const body = JSON.stringify({ 0: {}, 1: {} });
    const response = await client.send('/trpc/couple.create,couple.create?batch=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const codes = (response.body as { error?: { data: { httpStatus: number } } }[]).map(
      (r) => r.error?.data.httpStatus ?? 200,
    );
    expect(codes.sort()).toEqual([200, 409]);
    const memberships = (await sqlRow(
      server,
      'select count(*) as n from couple_members where user_id = ?',
      user.id,
    )) as { n: number };
    expect(memberships.n).toBe(1);
  });
});
