import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState } from '../helpers/db-state';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';
import { buildHttpWorld, type HttpWorld } from '../helpers/http-world';
import { mutationPaths, queryPaths } from '../helpers/procedures';
import { sqlRow } from '../helpers/raw-sql';

let server: RunningServer;
let world: HttpWorld;
beforeAll(async () => {
  server = await startServer({ clientDir: null, ipRateLimit: false });
  world = await buildHttpWorld(server);
}, 60_000);
afterAll(() => server.close());

const accessLogRows = async () =>
  ((await sqlRow(server, 'select count(*) as n from coach_access_log')) as { n: number }).n;

/** What a browser sends for a link followed, an image or a frame on another site, and a page on a sibling subdomain. */
const FROM_ELSEWHERE: [string, Record<string, string>][] = [
  [
    'a link followed from another site',
    {
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
      'sec-fetch-user': '?1',
    },
  ],
  [
    'an image on another site',
    { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' },
  ],
  [
    'a frame on another site',
    { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' },
  ],
  [
    'a link on a sibling subdomain',
    { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
  ],
];

// First in the file: the log keeps one line per read within its window, so the coach must not have read before.
describe('queries reached from another site', () => {
  it("do not run: a coach's link followed from elsewhere writes no line in the couple's access log", async () => {
    const input = { coupleId: world.coupleId, range: 'all' };
    for (const [label, headers] of FROM_ELSEWHERE) {
      const response = await world.coach.query('dashboard.get', input, headers);
      expect(response.status, label).toBe(403);
      expect(response.body.error.data).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403 });
      expect(await accessLogRows(), label).toBe(0);
    }
    // The same read from the app itself, or from an address typed in, runs and is logged.
    expect(
      (await world.coach.query('dashboard.get', input, { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }))
        .status,
    ).toBe(200);
    expect(await accessLogRows()).toBe(1);
    expect(
      (
        await world.coach.query(
          'couple.get',
          { coupleId: world.coupleId },
          { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' },
        )
      ).status,
    ).toBe(200);
    expect(await accessLogRows()).toBe(2);
  });

  it.each(queryPaths())('%s: refused for a partner and a coach, changing nothing', async (path) => {
    for (const client of [world.ana, world.coach]) {
      for (const [label, headers] of FROM_ELSEWHERE) {
        const before = await databaseState(server);
        const log = await accessLogRows();
        const response = await client.query(path, { coupleId: world.coupleId }, headers);
        expect(response.status, label).toBe(403);
        expect(await databaseState(server)).toEqual(before);
        expect(await accessLogRows()).toBe(log);
      }
    }
  });
});

describe('mutations from this host on another scheme or port', () => {
  it.each(mutationPaths())('%s: refused with 403, changing nothing', async (path) => {
    const { hostname, port } = new URL(server.baseUrl);
    const origins = [
      `https://${hostname}:${port}`,
      `http://${hostname}:${Number(port) + 1}`,
      `http://${hostname}`,
      `https://${hostname}`,
    ];
    for (const origin of origins) {
      const before = await databaseState(server);
      const response = await world.ana.send(`/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: '{}',
      });
      expect(response.status, origin).toBe(403);
      expect(await databaseState(server)).toEqual(before);
    }
  });

  it('pass from the exact origin, written in any case', async () => {
    const client = new HttpClient(server.baseUrl);
    expect((await client.mutation('auth.logout', {}, { origin: server.baseUrl })).status).toBe(200);
    expect((await client.mutation('auth.logout', {}, { origin: server.baseUrl.toUpperCase() })).status).toBe(200);
  });
});

describe('behind a TLS proxy that is trusted', () => {
  it('compares the Origin with the scheme and host the proxy reports', async () => {
    const proxied = await startServer({ clientDir: null, ipRateLimit: false, trustProxy: 1 });
    try {
      const client = new HttpClient(proxied.baseUrl);
      const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tandem.example.org' };
      expect(
        (await client.mutation('auth.logout', {}, { ...forwarded, origin: 'https://tandem.example.org' })).status,
      ).toBe(200);
      expect(
        (await client.mutation('auth.logout', {}, { ...forwarded, origin: 'http://tandem.example.org' })).status,
      ).toBe(403);
      expect(
        (await client.mutation('auth.logout', {}, { ...forwarded, origin: 'https://tandem.example.org:8443' })).status,
      ).toBe(403);
    } finally {
      await proxied.close();
    }
  });
});
