import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { addWeeks, currentWeek } from '#shared/week';
import { accessibilityViolations, horizontalOverflow, watchedPage } from '../helpers/browser';
import { HttpClient } from '../helpers/http-server';
import { pairedLongAgoByEmail } from '../helpers/paired-long-ago';
import { ratingsOf } from '../helpers/ratings';
import { serverAndBrowser } from '../helpers/e2e-setup';

const PASSWORD = 'a long password';

/**
 * Ana and Ben, paired through the real API (and together since long before last week), last week far apart on trust;
 * and a coach, Casey, nobody invited yet.
 */
async function setUp() {
  const [ana, ben, casey] = [
    new HttpClient(live.server.baseUrl),
    new HttpClient(live.server.baseUrl),
    new HttpClient(live.server.baseUrl),
  ];
  await ana.mutation('auth.signup', {
    email: 'ana-coached@example.com',
    password: PASSWORD,
    displayName: 'Ana',
    role: 'partner',
  });
  await ben.mutation('auth.signup', {
    email: 'ben-coached@example.com',
    password: PASSWORD,
    displayName: 'Ben',
    role: 'partner',
  });
  await casey.mutation('auth.signup', {
    email: 'casey-coach@example.com',
    password: PASSWORD,
    displayName: 'Casey',
    role: 'coach',
  });
  const { body } = await ana.mutation('couple.create', {});
  await ben.mutation('couple.join', { inviteCode: body.result.data.inviteCode });
  await pairedLongAgoByEmail(live.server, ['ana-coached@example.com', 'ben-coached@example.com']);
  const lastWeek = addWeeks(currentWeek(new Date()), -1);
  const ratings = (trust: number) => ratingsOf(6, { trust });
  expect((await ana.mutation('assessment.submit', { week: lastWeek, ratings: ratings(9) })).status).toBe(200);
  expect((await ben.mutation('assessment.submit', { week: lastWeek, ratings: ratings(3) })).status).toBe(200);
  return { ana: ana.cookie!, casey: casey.cookie! };
}

async function contextFor(cookie: string, width: number): Promise<BrowserContext> {
  const context = await live.browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: live.server.baseUrl }]);
  return context;
}

/** Light and dark, both widths: no WCAG A/AA violation and no sideways scrolling on a phone. */
async function checkPage(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await accessibilityViolations(page), `${label} (${colorScheme})`).toEqual([]);
  }
  const { width, height } = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  // Charts re-measure themselves a frame after the window changes.
  await expect.poll(() => horizontalOverflow(page), { message: label }).toBe(0);
  await page.setViewportSize({ width, height });
}

const live = serverAndBrowser();

describe('a couple and their coach', () => {
  it('invites a coach, who sees the flag, assigns a focus, and is refused at once after a revoke', async () => {
    const cookies = await setUp();
    const anaContext = await contextFor(cookies.ana, 390);
    const coachContext = await contextFor(cookies.casey, 1440);
    const ana = await watchedPage(anaContext, live.server.baseUrl);
    const coach = await watchedPage(coachContext, live.server.baseUrl);

    // Ana reads what a coach will see, then makes a code.
    await ana.page.goto(`${live.server.baseUrl}/settings`);
    const access = ana.page.getByRole('region', { name: 'Coach access' });
    await access.getByText('A coach never sees').waitFor();
    await access.getByText('the private notes on your check-ins').waitFor();
    await access.getByText('No coach has access to your check-ins.').waitFor();
    await checkPage(ana.page, 'settings');
    await access.getByRole('button', { name: 'Make a coach code' }).click();
    const code = (await access.getByTestId('invite-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);

    // A partner is sent away from the coach's pages.
    await ana.page.goto(`${live.server.baseUrl}/coach`);
    await ana.page.waitForURL('**/dashboard');

    // Casey adds the couple and finds them flagged.
    await coach.page.goto(`${live.server.baseUrl}/coach`);
    await coach.page.getByRole('heading', { name: 'No couples yet' }).waitFor();
    await coach.page.getByLabel("Couple's code").fill(code);
    await coach.page.getByRole('button', { name: 'Add couple' }).click();
    const row = coach.page.getByRole('listitem').filter({ has: coach.page.getByRole('link', { name: 'Ana & Ben' }) });
    await row.waitFor();
    await expect(row.locator('[data-flag="gap"]').textContent()).resolves.toBe(
      "Seeing it differently: On trust, Ana's own rating is 9 and Ben's is 3.",
    );
    await checkPage(coach.page, 'roster');
    await coach.page.getByLabel('Show').selectOption('missed-check-ins');
    await coach.page.getByText('No couple matches.').waitFor();
    await coach.page.getByLabel('Show').selectOption('gap');
    await row.waitFor();

    // The couple's page, read-only, and a focus from the coach.
    await row.getByRole('link', { name: 'Ana & Ben' }).click();
    await coach.page.getByRole('heading', { name: 'Ana & Ben', level: 1 }).waitFor();
    // One week of check-ins: their first weeks are welcomed rather than charted.
    await coach.page.getByRole('heading', { name: 'Their first weeks' }).waitFor();
    await coach.page.locator('.focus-card').getByText('Suggested for this week').waitFor();
    await coach.page.getByLabel('Practice', { exact: true }).selectOption('celebration');
    await coach.page.getByLabel('A word for them (optional)').fill('Notice one thing each day.');
    await coach.page.getByRole('button', { name: 'Set this focus' }).click();
    await coach.page.getByText("You asked them to work on Celebrating each other's growth").waitFor();
    await coach.page.getByLabel('New note').fill('First session went well.');
    await coach.page.getByRole('button', { name: 'Save note' }).click();
    await coach.page
      .getByRole('list', { name: 'Your notes, newest first' })
      .getByText('First session went well.')
      .waitFor();
    await checkPage(coach.page, 'couple');
    const [csv] = await Promise.all([
      coach.page.waitForEvent('download'),
      coach.page.getByRole('button', { name: 'Download ratings (CSV)' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('tandem-ana-ben-ratings.csv');
    const csvText = fs.readFileSync(await csv.path(), 'utf8');
    expect(csvText).toMatch(/^\uFEFFweek,partner,communication,.*,patience,connection_index\r\n/);
    expect(csvText.split('\r\n').filter((line) => /,(Ana|Ben),/.test(line))).toHaveLength(2);
    const coupleUrl = coach.page.url();

    // The roster shows the focus as the coach's.
    await coach.page.goto(`${live.server.baseUrl}/coach`);
    await row.getByText(/Focus: Celebration.*chosen by you/).waitFor();

    // The partners' dashboard still loads with its focus card, and Ana sees Casey's visit in Settings.
    await ana.page.goto(`${live.server.baseUrl}/dashboard`);
    await ana.page.locator('.focus-card').getByText('Chosen by your coach').waitFor();
    await ana.page
      .locator('.focus-card')
      .getByText(/Your coach, Casey, chose .*Notice one thing each day/)
      .waitFor();
    await ana.page.goto(`${live.server.baseUrl}/settings`);
    await access
      .getByRole('list', { name: 'Coach visits, newest first' })
      .getByText(/Casey viewed your charts/)
      .waitFor();

    // Ana ends Casey's access; Casey's next page load is refused, kindly.
    await access.getByRole('button', { name: "End Casey's access" }).click();
    // It asks first, with the safe choice in focus.
    const confirm = ana.page.getByRole('dialog', { name: "End Casey's access?" });
    await expect(
      confirm.getByRole('button', { name: 'Keep access' }).evaluate((b) => b === document.activeElement),
    ).resolves.toBe(true);
    await confirm.getByRole('button', { name: 'End access' }).click();
    await access.getByText('No coach has access to your check-ins.').waitFor();
    await coach.page.goto(coupleUrl);
    await coach.page.getByRole('heading', { name: "This couple isn't shared with you" }).waitFor();
    await checkPage(coach.page, 'refused');
    await coach.page.getByRole('link', { name: 'Back to your couples' }).click();
    // The couple stays on the roster for a while, without a name or anything of theirs, as an ended access.
    await coach.page.getByRole('heading', { name: 'No couples at the moment' }).waitFor();
    await coach.page.getByRole('heading', { name: 'A couple you coached' }).waitFor();
    await coach.page.getByText(/^Access ended on /).waitFor();
    expect(await coach.page.getByText('Ana & Ben').count()).toBe(0);

    expect(ana.problems).toEqual([]);
    // The refused load answers 403 by design; the browser reports any 4xx response on the console.
    expect(coach.problems.filter((p) => !p.includes('403'))).toEqual([]);
    await anaContext.close();
    await coachContext.close();
  });
});
