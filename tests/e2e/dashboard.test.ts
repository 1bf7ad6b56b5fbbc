import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { addWeeks, currentWeek } from '#shared/week';
import { horizontalOverflow, watchedPage } from '../helpers/browser';
import { HttpClient } from '../helpers/http-server';
import { pairedLongAgoByEmail } from '../helpers/paired-long-ago';
import { ratingsOf } from '../helpers/ratings';
import { serverAndBrowser } from '../helpers/e2e-setup';

let alexCookie: string;

/** Two partners with a year of weekly check-ins, made through the real API; week 20 was skipped by both. */
async function coupleWithAYear(): Promise<string> {
  const alex = new HttpClient(live.server.baseUrl);
  const blake = new HttpClient(live.server.baseUrl);
  await alex.mutation('auth.signup', {
    email: 'alex-year@example.com',
    password: 'a long password',
    displayName: 'Alex',
    role: 'partner',
  });
  await blake.mutation('auth.signup', {
    email: 'blake-year@example.com',
    password: 'a long password',
    displayName: 'Blake',
    role: 'partner',
  });
  const { body } = await alex.mutation('couple.create', {});
  await blake.mutation('couple.join', { inviteCode: body.result.data.inviteCode });
  // A couple for that whole year: partners see each other's weeks only from when they paired.
  await pairedLongAgoByEmail(live.server, ['alex-year@example.com', 'blake-year@example.com']);
  const thisWeek = currentWeek(new Date());
  for (let back = 52; back >= 1; back--) {
    if (back === 20) continue;
    const week = addWeeks(thisWeek, -back);
    const rating = (base: number) => ratingsOf((_, i) => Math.min(10, Math.max(1, base + ((i + back) % 3) - 1)));
    expect(
      (await alex.mutation('assessment.submit', { week, ratings: rating(4 + Math.floor((52 - back) / 13)) })).status,
    ).toBe(200);
    expect((await blake.mutation('assessment.submit', { week, ratings: rating(6) })).status).toBe(200);
  }
  return alex.cookie!;
}

async function loggedInContext(width: number): Promise<BrowserContext> {
  const context = await live.browser.newContext({ viewport: { width, height: 900 } });
  const [name, value] = alexCookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: live.server.baseUrl }]);
  return context;
}

const live = serverAndBrowser();
beforeAll(async () => {
  alexCookie = await coupleWithAYear();
});

describe('the dashboard with a year of history', () => {
  it('draws every chart, names both partners, and follows the range switch', async () => {
    const context = await loggedInContext(1440);
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    await page.goto(`${live.server.baseUrl}/dashboard`);
    const connection = page.getByRole('region', { name: 'Connection over time' });
    await connection.locator('.recharts-line').first().waitFor();
    await expect(connection.locator('.chart-legend').textContent()).resolves.toMatch(/You.*Blake/);
    const dots = () => connection.locator('.recharts-line-dots circle').count();
    const twelveWeeks = await dots();
    // 11 logged weeks for each of the two, this week not yet: the raw lines carry 22 dots (plus the mean's).
    expect(twelveWeeks).toBeGreaterThanOrEqual(22);

    await page.getByRole('navigation', { name: 'Period shown' }).getByRole('link', { name: '1 year' }).click();
    await page.waitForURL('**/dashboard?range=1y');
    await expect.poll(dots).toBeGreaterThan(twelveWeeks * 3);
    await expect(page.getByRole('link', { name: '1 year' }).getAttribute('aria-current')).resolves.toBe('page');

    await expect(page.getByRole('region', { name: 'The wheel' }).locator('.recharts-radar').count()).resolves.toBe(4);
    await expect(
      page.getByRole('region', { name: 'The ten practices' }).locator('.practice-card svg.recharts-surface').count(),
    ).resolves.toBe(10);
    const sideRows = page.getByRole('region', { name: 'Side by side' }).locator('tbody tr');
    await expect(sideRows.count()).resolves.toBe(10);

    await page.getByRole('link', { name: 'Building trust, gradually and consistently' }).first().click();
    await page.waitForURL('**/practices/trust**');
    await page.getByRole('region', { name: 'The two of you over time' }).locator('.recharts-line').first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('offers each chart as a table, reachable with the keyboard', async () => {
    const context = await loggedInContext(1280);
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    await page.goto(`${live.server.baseUrl}/dashboard?range=1y`);
    await page.getByRole('region', { name: 'Connection over time' }).locator('.recharts-line').first().waitFor();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent === 'Show as table');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    const table = page.getByRole('region', { name: 'Connection over time' }).getByRole('table');
    await table.waitFor();
    // 52 weeks in the range, newest first; the skipped week reads "not logged" for both, not zero.
    await expect(table.locator('tbody tr').count()).resolves.toBe(52);
    const skipped = table.locator('tbody tr').nth(20);
    await expect(skipped.locator('td').first().textContent()).resolves.toBe('not logged');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits a 390 px screen in every range', async () => {
    const context = await loggedInContext(390);
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    for (const range of ['12w', '6m', '1y', 'all']) {
      await page.goto(`${live.server.baseUrl}/dashboard?range=${range}`);
      await page.getByRole('region', { name: 'The ten practices' }).locator('svg.recharts-surface').first().waitFor();
      expect(await horizontalOverflow(page), range).toBe(0);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
