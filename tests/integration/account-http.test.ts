import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORTS_AT_ONCE } from '#server/http/import-admission';
import { issuePasswordReset } from '#server/services/password.service';
import type { AccountExport } from '#shared/schemas/account-export.schema';
import { addWeeks, currentWeek } from '#shared/week';
import { exportDigest } from '#server/services/account-export.service';
import { ratingsOf } from '../helpers/ratings';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ ipRateLimit: true });
});
afterAll(async () => {
  await server?.close();
});

let counter = 0;
async function partner() {
  const client = new HttpClient(server.baseUrl);
  const email = `http-${++counter}@example.com`;
  const response = await client.mutation('auth.signup', {
    email,
    password: 'a long password',
    displayName: 'Pat',
    role: 'partner',
  });
  expect(response.status).toBe(200);
  return { client, email };
}

/** An export holding `weeks` check-ins with long notes, with a proper digest. */
async function bigExport(client: HttpClient, weeks: number): Promise<AccountExport> {
  const file = (await client.query('account.export')).body.result.data as AccountExport;
  const last = currentWeek(new Date());
  const { integrity: _unused, ...body } = file;
  void _unused;
  body.assessments = Array.from({ length: weeks }, (_, i) => ({
    week: addWeeks(last, -weeks + 1 + i),
    ratings: ratingsOf((i % 10) + 1),
    // Long notes, yet within the 5 MiB of text one account may keep.
    note: `Week ${i}: ${'ü'.repeat(1500)}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }));
  return { ...body, integrity: exportDigest(body) };
}

/**
 * An import still arriving: a first part of a 1 MiB body is sent, the rest never is. `status` is that of the answer the
 * server gives before the body ends, or null once the connection closes without one.
 */
function arrivingImport(target: RunningServer, client: HttpClient) {
  const request = http.request(new URL(`${target.baseUrl}/trpc/account.import`), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': String(1024 * 1024),
      cookie: client.cookie ?? '',
      origin: target.baseUrl,
    },
  });
  const status = new Promise<number | null>((resolve) => {
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? null);
    });
    request.on('error', () => resolve(null));
    request.on('close', () => resolve(null));
  });
  request.write('{"format":"tandem-export",');
  return { request, status };
}

/** Sends a bogus import until the server reads it (400) rather than turn it away as busy (429); its last status. */
async function importReadWhenFree(client: HttpClient): Promise<number | undefined> {
  let status: number | undefined;
  for (let attempt = 0; attempt < 100 && status !== 400; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    status = (await client.mutation('account.import', { format: 'tandem-export' })).status;
  }
  return status;
}

describe('account procedures over HTTP', () => {
  it('accepts a many-year import above the 256 KiB limit of every other call', async () => {
    const { client } = await partner();
    const file = await bigExport(client, 1500);
    const body = JSON.stringify(file);
    expect(body.length).toBeGreaterThan(2 * 1024 * 1024);
    const response = await client.mutation('account.import', file);
    expect(response.status).toBe(200);
    expect(response.body.result.data).toEqual({ imported: 1500, reflections: 0 });
    // Any other procedure still stops at 256 KiB.
    const other = await client.mutation('assessment.submit', {
      week: '2026-W01',
      ratings: ratingsOf(5),
      note: 'x'.repeat(300 * 1024),
    });
    expect(other.status).toBe(413);
  });

  it("refuses a demo account's import with 403, and a fourth import within the hour with 429 and Retry-After", async () => {
    const visitor = new HttpClient(server.baseUrl);
    expect((await visitor.mutation('demo.start')).status).toBe(200);
    // Refused before the body is read: a megabyte that is not even JSON hears 403, not 400.
    const notJson = `{"format":"tandem-export",${'x'.repeat(1024 * 1024)}`;
    const demo = await visitor.send('/trpc/account.import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: notJson,
    });
    expect(demo.status).toBe(403);
    expect(demo.body.error.message).toMatch(/demo account cannot import/);

    const { client } = await partner();
    const own = await bigExport(client, 3);
    for (let i = 0; i < 3; i++) expect((await client.mutation('account.import', own)).status).toBe(200);
    const fourth = await client.mutation('account.import', own);
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('reads only a few imports at a time, whoever sends them: one more waits its turn with 429 and Retry-After', async () => {
    const senders = await Promise.all(Array.from({ length: IMPORTS_AT_ONCE + 1 }, () => partner()));
    // Imports still arriving: each has sent a first part of a large body and holds its place until it is ended.
    const arriving = senders.slice(0, IMPORTS_AT_ONCE).map(({ client }) => arrivingImport(server, client).request);
    const waiting = senders.at(-1)!.client;
    // The two take a moment to be admitted. A demo account watches for that: it is turned away as busy while they
    // hold their places and refused (403) otherwise, so its looking spends none of a partner's import attempts.
    const watcher = new HttpClient(server.baseUrl);
    expect((await watcher.mutation('demo.start')).status).toBe(200);
    try {
      let watched: Awaited<ReturnType<HttpClient['mutation']>> | undefined;
      for (let attempt = 0; attempt < 250 && watched?.status !== 429; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        watched = await watcher.mutation('account.import', { format: 'tandem-export' });
      }
      expect(watched?.status).toBe(429);
      const turnedAway = await waiting.mutation('account.import', { format: 'tandem-export' });
      expect(turnedAway.status).toBe(429);
      expect(turnedAway.body.error.message).toMatch(/busy importing/);
      expect(Number(turnedAway.headers.get('retry-after'))).toBeGreaterThan(0);
      // However the procedure's name is spelled, it waits its turn too; and a batch cannot carry it past the slots.
      for (const spelling of ['%61ccount.import', 'account%2Eimport']) {
        const spelled = await waiting.mutation(spelling, { format: 'tandem-export' });
        expect(spelled.status).toBe(429);
        expect(spelled.body.error.message).toMatch(/busy importing/);
      }
      const batched = await waiting.mutation('account.import,auth.me?batch=1', {
        0: { format: 'tandem-export' },
        1: {},
      });
      expect(batched.status).toBe(400);
      expect(batched.body.error.message).toMatch(/import calls cannot be batched/);
    } finally {
      for (const request of arriving) request.destroy();
    }
    // Their places free as they end: the next import is read (and refused for what it is, not for being busy).
    expect(await importReadWhenFree(waiting)).toBe(400);
  });

  it('lets one account send one import at a time, so that it cannot take every place', async () => {
    const [{ client: first }, { client: other }] = [await partner(), await partner()];
    const arriving = arrivingImport(server, first);
    try {
      let again: Awaited<ReturnType<HttpClient['mutation']>> | undefined;
      for (let attempt = 0; attempt < 250 && again?.status !== 429; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        again = await first.mutation('account.import', { format: 'tandem-export' });
      }
      expect(again?.status).toBe(429);
      expect(again?.body.error.message).toMatch(/still being imported/);
      // Another account's import is read meanwhile: a place was left for it.
      expect((await other.mutation('account.import', { format: 'tandem-export' })).status).toBe(400);
    } finally {
      arriving.request.destroy();
    }
    expect(await importReadWhenFree(first)).toBe(400);
  });

  it('refuses an import above 32 MiB with 413, and imports nothing', async () => {
    const { client } = await partner();
    const huge = { format: 'tandem-export', padding: 'x'.repeat(33 * 1024 * 1024) };
    const response = await client.mutation('account.import', huge);
    expect(response.status).toBe(413);
    expect((await client.query('account.export')).body.result.data.assessments).toEqual([]);
  });

  it('refuses a large import without a live session before reading it', async () => {
    const { client } = await partner();
    const file = await bigExport(client, 200);
    const anonymous = new HttpClient(server.baseUrl);
    const forged = new HttpClient(server.baseUrl);
    forged.cookie = 'tandem_session=made-up-token';
    // 413 from the 256 KiB limit or 401 from the session check, whichever tRPC meets first; never an import.
    for (const caller of [anonymous, forged])
      expect([401, 413]).toContain((await caller.mutation('account.import', file)).status);
    expect((await anonymous.mutation('account.import', { format: 'tandem-export' })).status).toBe(401);
  });

  it('refuses an import in a batch, large or not, before reading it', async () => {
    const { client } = await partner();
    const file = await bigExport(client, 200);
    const response = await client.send('/trpc/account.import,account.import?batch=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 0: file, 1: file }),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/import calls cannot be batched/);
  });

  it('clears the session cookie when the account is deleted', async () => {
    const { client } = await partner();
    const response = await client.mutation('account.delete', { password: 'a long password' });
    expect(response.status).toBe(200);
    expect(response.setCookie).toMatch(/tandem_session=;/);
    expect((await client.query('auth.me')).body.result.data).toBeNull();
  });

  it('answers a wrong password on delete with 403, not 401, so the page keeps its session', async () => {
    const { client } = await partner();
    const response = await client.mutation('account.delete', { password: 'not the password' });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('Nothing was deleted');
  });

  it('does not let reset attempts be batched, and counts them per address like logins', async () => {
    const { email } = await partner();
    const client = new HttpClient(server.baseUrl);
    const body = JSON.stringify({
      0: { token: 'a', newPassword: 'a long password' },
      1: { token: 'b', newPassword: 'a long password' },
    });
    const batch = await client.send('/trpc/auth.resetPassword,auth.resetPassword?batch=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(batch.status).toBe(400);

    const statuses: number[] = [];
    // Earlier tests in this file spent some of this address's 100 guarded calls on sign-ups.
    for (let i = 0; i < 101; i++) {
      statuses.push(
        (await client.mutation('auth.resetPassword', { token: `guess-${i}`, newPassword: 'a long password' })).status,
      );
    }
    expect(statuses).toContain(404);
    expect(statuses.at(-1)).toBe(429);
    // Once limited, even a real link waits: guessing cannot be told apart from using.
    const real = await issuePasswordReset(server.database.db, email, new Date(), 60 * 60 * 1000);
    expect(
      (await client.mutation('auth.resetPassword', { token: real!.token, newPassword: 'a long password' })).status,
    ).toBe(429);
  });
});
