import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
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

/** Brings each of the elements onto the screen in turn, as someone scrolling down the page would. */
async function scrollThrough(elements: Locator) {
  await elements.first().waitFor();
  for (const element of await elements.all()) await element.scrollIntoViewIfNeeded();
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

    // Below the fold, each chart is drawn as it comes near the screen.
    const wheel = page.getByRole('region', { name: 'The wheel' });
    await wheel.scrollIntoViewIfNeeded();
    await expect.poll(() => wheel.locator('.recharts-radar').count()).toBe(4);
    const cards = page.getByRole('region', { name: 'The ten practices' }).locator('.practice-card');
    await scrollThrough(cards);
    await expect.poll(() => cards.locator('svg.practice-sparkline').count()).toBe(10);
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
      const cards = page.getByRole('region', { name: 'The ten practices' }).locator('.practice-card');
      await scrollThrough(cards);
      await expect.poll(() => cards.locator('svg.practice-sparkline').count(), { message: range }).toBe(10);
      await page.getByRole('region', { name: 'The wheel' }).locator('svg.recharts-surface').first().waitFor();
      expect(await horizontalOverflow(page), range).toBe(0);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('paints the first screen first: charts below the fold wait until they come near it, or the page is printed', async () => {
    const context = await loggedInContext(390);
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    await page.goto(`${live.server.baseUrl}/dashboard?range=1y`);
    await page.getByRole('heading', { name: 'This week' }).waitFor();
    await page.waitForLoadState('networkidle');

    // On a phone even the connection chart lies below the cards of the first screen: its box waits, undrawn, until
    // it is scrolled to, and is then drawn in the place it held.
    const connection = page.getByRole('region', { name: 'Connection over time' });
    await expect(connection.locator('svg').count()).resolves.toBe(0);
    await expect(connection.locator('[data-near-viewport="waiting"]').count()).resolves.toBe(1);
    const connectionBox = connection.locator('.chart-box');
    const connectionHeight = (await connectionBox.boundingBox())!.height;
    await connection.scrollIntoViewIfNeeded();
    await connection.locator('.recharts-line').first().waitFor();
    expect((await connectionBox.boundingBox())!.height).toBe(connectionHeight);

    // Further down: the wheels and the practices' lines hold their place, not yet drawn.
    const wheel = page.getByRole('region', { name: 'The wheel' });
    const grid = page.getByRole('region', { name: 'The ten practices' });
    await expect(wheel.locator('svg').count()).resolves.toBe(0);
    await expect(wheel.locator('[data-near-viewport="waiting"]').count()).resolves.toBe(2);
    await expect(grid.locator('svg.practice-sparkline').count()).resolves.toBe(0);
    const placeholderHeight = (await grid.locator('[data-near-viewport="waiting"]').first().boundingBox())!.height;
    expect(placeholderHeight).toBeGreaterThan(50);

    // Scrolled to, a wheel is drawn in the box that held its place, which keeps its size.
    const box = wheel.locator('.chart-box-wheel').first();
    const before = (await box.boundingBox())!.height;
    await wheel.scrollIntoViewIfNeeded();
    await wheel.locator('svg.recharts-surface').first().waitFor();
    await expect(wheel.locator('.recharts-radar').count()).resolves.toBe(4);
    expect((await box.boundingBox())!.height).toBe(before);

    // The ten practices: a light line each, labelled for a screen reader, its name leading to its page.
    const cards = grid.locator('.practice-card');
    await expect(cards.count()).resolves.toBe(10);
    await scrollThrough(cards);
    const lines = grid.getByRole('img', {
      name: 'Line chart of You and Blake over time; the numbers are in the table view.',
    });
    await expect.poll(() => lines.count()).toBe(10);
    const drawn = (await cards.first().locator('svg.practice-sparkline').boundingBox())!.height;
    expect(drawn).toBeCloseTo(placeholderHeight, 0);
    await expect(grid.locator('svg.recharts-surface').count()).resolves.toBe(0);
    const trust = cards.filter({ has: page.getByRole('link', { name: 'Building trust, gradually and consistently' }) });
    await expect(trust.getByRole('link').getAttribute('href')).resolves.toBe('/practices/trust');
    await expect(trust.getByText(/^Latest: You \d+, Blake \d+/).count()).resolves.toBe(1);
    // Each partner told apart by colour, line style and marker: You solid with circles, Blake dashed with squares.
    // 50 of the 52 weeks logged (not this one yet, nor the week both skipped, which breaks each line in two).
    const you = trust.locator('.practice-sparkline-partner.partner-a');
    const blake = trust.locator('.practice-sparkline-partner.partner-b');
    await expect(you.locator('circle').count()).resolves.toBe(50);
    await expect(blake.locator('rect').count()).resolves.toBe(50);
    const style = (partner: Locator) =>
      partner.locator('path').evaluate((path) => {
        const css = getComputedStyle(path);
        return { stroke: css.stroke, dash: css.strokeDasharray, d: path.getAttribute('d') ?? '' };
      });
    const [solid, dashed] = [await style(you), await style(blake)];
    expect(solid.dash).toBe('none');
    expect(dashed.dash).not.toBe('none');
    expect(solid.stroke).not.toBe(dashed.stroke);
    expect(solid.d.match(/M/g)).toHaveLength(2);
    expect(dashed.d.match(/M/g)).toHaveLength(2);

    // The numbers stay one button away.
    await grid.getByRole('button', { name: 'Show as table' }).click();
    const table = grid.getByRole('table');
    await expect(table.locator('tbody tr').count()).resolves.toBe(10);
    await expect(grid.locator('svg.practice-sparkline').count()).resolves.toBe(0);
    await grid.getByRole('button', { name: 'Show as chart' }).click();
    await scrollThrough(cards);
    await expect.poll(() => lines.count()).toBe(10);
    expect(await horizontalOverflow(page)).toBe(0);

    // A fresh page printed before anything was scrolled to: every chart is drawn for the paper. The charts' code comes
    // at the first sign of someone using the page (here the pointer moving), not with it.
    const fresh = await watchedPage(context, live.server.baseUrl);
    await fresh.page.goto(`${live.server.baseUrl}/dashboard?range=1y`);
    await fresh.page.getByRole('heading', { name: 'This week' }).waitFor();
    await fresh.page.mouse.move(100, 100);
    // Both charts' files fetched (an entry appears once a file has arrived), then run: the page's own import of a file
    // and this one share the module, so once this one resolves, so has the page's. (The load state alone would not
    // wait: it was reached before the move.)
    const chunks = () =>
      fresh.page.evaluate(() => [
        ...new Set(
          performance
            .getEntriesByType('resource')
            .map((entry) => entry.name)
            .filter((name) => /\/(connection|wheel)-plot-[^/]+\.js$/.test(name)),
        ),
      ]);
    await expect.poll(chunks, { timeout: 15_000 }).toHaveLength(2);
    // As text: Vitest would rewrite an import() written here in the test's own code.
    const urls = JSON.stringify(await chunks());
    await fresh.page.evaluate(`Promise.all(${urls}.map((url) => import(url))).then(() => undefined)`);
    await expect(fresh.page.locator('svg.practice-sparkline').count()).resolves.toBe(0);
    const drawnForPrint = await fresh.page.evaluate(() => {
      window.dispatchEvent(new Event('beforeprint'));
      // Read at once, as the browser lays the page out for paper right after the event.
      return {
        waiting: document.querySelectorAll('[data-near-viewport="waiting"]').length,
        sparklines: document.querySelectorAll('svg.practice-sparkline').length,
        wheels: document.querySelectorAll('.chart-box-wheel .recharts-responsive-container').length,
        connection: document.querySelectorAll('.chart-box-large .recharts-responsive-container').length,
      };
    });
    expect(drawnForPrint).toEqual({ waiting: 0, sparklines: 10, wheels: 2, connection: 1 });
    await expect
      .poll(() => fresh.page.getByRole('region', { name: 'The wheel' }).locator('.recharts-radar').count())
      .toBe(4);
    expect(fresh.problems).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
