import { beforeAll, describe, expect, it } from 'vitest';
import { watchedPage } from '../helpers/browser';
import type { HttpClient } from '../helpers/http-server';
import { buildHttpWorld, type HttpWorld } from '../helpers/http-world';
import { serverAndBrowser } from '../helpers/e2e-setup';

let world: HttpWorld;
const live = serverAndBrowser();
beforeAll(async () => {
  world = await buildHttpWorld(live.server);
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
  ['measures', 'coach', () => '/coach/measures'],
];

function sessionOf(client: HttpClient) {
  const [name, value] = client.cookie!.split('=') as [string, string];
  return { name, value, url: live.server.baseUrl };
}

describe('every page', () => {
  it('asks only its own origin for anything: no fonts, scripts, images or beacons from elsewhere', async () => {
    const origin = new URL(live.server.baseUrl).origin;
    const visited: string[] = [];
    for (const who of ['anonymous', 'partner', 'coach'] as const) {
      const context = await live.browser.newContext();
      if (who !== 'anonymous') await context.addCookies([sessionOf(who === 'partner' ? world.ana : world.coach)]);
      const { page, requests } = await watchedPage(context, live.server.baseUrl);
      for (const [name, , path] of PAGES.filter((p) => p[1] === who)) {
        await page.goto(`${live.server.baseUrl}${path(world)}`);
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
