import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchedPage } from '../helpers/browser';
import type { HttpClient} from '../helpers/http-server';
import { startServer, type RunningServer } from '../helpers/http-server';
import { buildHttpWorld, type HttpWorld } from '../helpers/http-world';

let server: RunningServer;
let browser: Browser;
let world: HttpWorld;
beforeAll(async () => {
  server = await startServer();
  world = await buildHttpWorld(server);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every page of the contract, as the person it is meant for sees it. */
const PAGES: [string, 'anonymous' | 'partner' | 'coach', (w: HttpWorld) => string][] = [
  ['login', 'anonymous', () => '/login'],
  ['sign-up', 'anonymous', () => '/signup'],
  ['dashboard', 'partner', () => '/dashboard'],
  ['check-in', 'partner', () => '/check-in'],
  ['practice', 'partner', () => '/practices/trust'],
  ['settings', 'partner', () => '/settings'],
  ['roster', 'coach', () => '/coach'],
  ['client couple', 'coach', (w) => `/coach/couples/${w.coupleId}`],
];

function sessionOf(client: HttpClient) {
  const [name, value] = client.cookie!.split('=') as [string, string];
  return { name, value, url: server.baseUrl };
}

describe('every page', () => {
  it('asks only its own origin for anything: no fonts, scripts, images or beacons from elsewhere', async () => {
    const origin = new URL(server.baseUrl).origin;
    const visited: string[] = [];
    for (const who of ['anonymous', 'partner', 'coach'] as const) {
      const context = await browser.newContext();
      if (who !== 'anonymous') await context.addCookies([sessionOf(who === 'partner' ? world.ana : world.coach)]);
      const { page, requests } = await watchedPage(context, server.baseUrl);
      for (const [name, , path] of PAGES.filter((p) => p[1] === who)) {
        await page.goto(`${server.baseUrl}${path(world)}`);
        await page.waitForLoadState('networkidle');
        await page.locator('h1').first().waitFor();
        visited.push(name);
      }
      const elsewhere = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
      expect(elsewhere, `${who} pages`).toEqual([]);
      // The pages did load the app and talk to the API, so the list above is not empty by accident.
      expect(requests.some((url) => url.includes('/assets/'))).toBe(true);
      if (who !== 'anonymous') expect(requests.some((url) => url.includes('/trpc/'))).toBe(true);
      await context.close();
    }
    expect(visited).toEqual(PAGES.map((p) => p[0]));
  });
});
