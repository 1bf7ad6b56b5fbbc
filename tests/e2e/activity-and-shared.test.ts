import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { currentWeek, weekStart } from '#shared/week';
import { accessibilityViolations, horizontalOverflow, watchedPage } from '../helpers/browser';
import { serverAndBrowser } from '../helpers/e2e-setup';
import { HttpClient } from '../helpers/http-server';
import { pairedLongAgoByEmail } from '../helpers/paired-long-ago';
import { ratingsOf } from '../helpers/ratings';

const PASSWORD = 'a long password';
const live = serverAndBrowser();

async function person(email: string, displayName: string, role: 'partner' | 'coach' = 'partner') {
  const client = new HttpClient(live.server.baseUrl);
  const answer = await client.mutation('auth.signup', { email, password: PASSWORD, displayName, role });
  expect(answer.status).toBe(200);
  return client;
}

async function ok(call: Promise<{ status: number; body: { result?: { data: unknown } } }>) {
  const answer = await call;
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.result!.data as Record<string, string>;
}

/** Riley and Sam (together long since), their coach Kim, and Ana and Ben, who let Kim go again. */
async function setUp() {
  const riley = await person('riley@example.com', 'Riley');
  const sam = await person('sam@example.com', 'Sam');
  const kim = await person('kim@example.com', 'Kim', 'coach');
  const ana = await person('ana@example.com', 'Ana');
  const ben = await person('ben@example.com', 'Ben');

  const { inviteCode } = await ok(riley.mutation('couple.create', {}));
  await ok(sam.mutation('couple.join', { inviteCode }));
  await pairedLongAgoByEmail(live.server, ['riley@example.com', 'sam@example.com']);
  const { coachCode } = await ok(riley.mutation('couple.inviteCoach', {}));
  const { coupleId } = await ok(kim.mutation('coach.accept', { coachCode }));

  // Shared with the coach after Kim was let in: a short one, and a long one that folds.
  await ok(
    riley.mutation('reflection.save', {
      practiceId: 'trust',
      body: 'I trust Sam most when he tells me early.',
      visibility: 'partner_and_coach',
    }),
  );
  const long = `${'We keep a slow Sunday breakfast. '.repeat(14)}The end of the long answer.`;
  await ok(sam.mutation('reflection.save', { practiceId: 'rituals', body: long, visibility: 'partner_and_coach' }));
  await ok(riley.mutation('reflection.save', { practiceId: 'trust', body: 'Only for Sam.', visibility: 'partner' }));

  // Both check in this week; then Sam changes his answers, after both had answered.
  const week = currentWeek(new Date());
  await ok(riley.mutation('assessment.submit', { week, ratings: ratingsOf(7) }));
  await ok(sam.mutation('assessment.submit', { week, ratings: ratingsOf(6) }));
  await ok(sam.mutation('assessment.submit', { week, ratings: ratingsOf(6, { trust: 9 }) }));

  // Ana and Ben let Kim in, then end the access.
  const other = await ok(ana.mutation('couple.create', {}));
  await ok(ben.mutation('couple.join', { inviteCode: other.inviteCode }));
  const otherCode = await ok(ana.mutation('couple.inviteCoach', {}));
  await ok(kim.mutation('coach.accept', { coachCode: otherCode.coachCode }));
  const kimId = (await ok(kim.query('auth.me'))).id!;
  await ok(ben.mutation('couple.revokeCoach', { coachId: kimId }));

  return { riley: riley.cookie!, kim: kim.cookie!, coupleId: coupleId!, week, long };
}

async function contextFor(cookie: string, width: number): Promise<BrowserContext> {
  const context = await live.browser.newContext({ viewport: { width, height: 900 } });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: live.server.baseUrl }]);
  return context;
}

/** Both themes pass axe's WCAG A and AA rules, and nothing scrolls sideways. */
async function checkPage(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await accessibilityViolations(page), `${label} (${colorScheme})`).toEqual([]);
  }
  await expect.poll(() => horizontalOverflow(page), { message: label }).toBe(0);
}

/** "the week of 23 Nov", as the feed says it, for this week (the year only when it differs). */
function weekWords(week: string): string {
  const start = weekStart(week);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
    start.getUTCMonth()
  ]!;
  const sameYear = start.getUTCFullYear() === new Date().getUTCFullYear();
  return `the week of ${start.getUTCDate()} ${month}${sameYear ? '' : ` ${start.getUTCFullYear()}`}`;
}

describe('what changed, and what was shared with the coach', () => {
  it('shows each reader what they may see, on a phone and on a wide screen', async () => {
    const { riley, kim, coupleId, week, long } = await setUp();

    for (const width of [390, 1440]) {
      const rileyContext = await contextFor(riley, width);
      const kimContext = await contextFor(kim, width);
      const r = await watchedPage(rileyContext, live.server.baseUrl);
      const k = await watchedPage(kimContext, live.server.baseUrl);

      // Riley's dashboard says, in the second person, that Sam changed his week after both had answered.
      await r.page.goto(`${live.server.baseUrl}/dashboard`);
      const changed = r.page.getByRole('region', { name: 'What changed' });
      await changed
        .getByText(`Sam changed their ratings for ${weekWords(week)} after you had both answered.`)
        .waitFor();
      await changed.getByText(`You checked in for ${weekWords(week)}.`).waitFor();
      // A few latest first; the rest on request.
      const entries = changed.getByRole('listitem');
      expect(await entries.count()).toBe(4);
      await changed.getByRole('button', { name: 'Show more' }).click();
      await changed.getByText('Coach access for Kim began.').waitFor();
      expect(await entries.count()).toBeGreaterThan(4);
      // Nothing anyone wrote or rated is in it.
      expect(await changed.textContent()).not.toMatch(/trust|breakfast|\b9\b/i);
      await checkPage(r.page, `Riley's dashboard at ${width}`);

      // Kim's couple page: what was shared with the coach, newest first, with its practice and date.
      await k.page.goto(`${live.server.baseUrl}/coach/couples/${coupleId}`);
      const shared = k.page.getByRole('region', { name: 'Shared with you' });
      const items = shared.getByRole('listitem');
      await items.first().waitFor();
      expect(await items.count()).toBe(2);
      await expect(items.nth(0).getByRole('heading').textContent()).resolves.toBe('Rituals of connection');
      await items
        .nth(0)
        .getByText(/^Sam wrote this on /)
        .waitFor();
      await expect(items.nth(1).getByRole('heading').textContent()).resolves.toMatch(/^Building trust/);
      await items.nth(1).getByText('I trust Sam most when he tells me early.').waitFor();
      expect(await shared.getByText('Only for Sam.').count()).toBe(0);
      // The long one folds, and opens in place; people's words read in their own direction.
      expect(await shared.getByText('The end of the long answer.').count()).toBe(0);
      await items.nth(0).getByRole('button', { name: 'Show all' }).click();
      await items.nth(0).getByText(long.trim()).waitFor();
      expect(await items.nth(0).locator('.reflection-body').getAttribute('dir')).toBe('auto');
      // What changed, in the third person, since Kim was let in.
      const activity = k.page.getByRole('region', { name: 'What changed' });
      await activity
        .getByText(`Sam changed their ratings for ${weekWords(week)} after they had both answered.`)
        .waitFor();
      await activity.getByText('Your access as their coach began.').waitFor();
      await checkPage(k.page, `Kim's couple page at ${width}`);

      // The report carries the same section.
      await k.page.goto(`${live.server.baseUrl}/coach/couples/${coupleId}/report`);
      const inReport = k.page.getByRole('region', { name: 'Shared with you' });
      await inReport.locator('.no-print').getByText('I trust Sam most when he tells me early.').waitFor();
      await checkPage(k.page, `Kim's report at ${width}`);
      // On paper, every answer is printed whole.
      await k.page.emulateMedia({ media: 'print' });
      await inReport.locator('.print-only').getByText('The end of the long answer.').waitFor();
      await k.page.emulateMedia({ media: 'screen' });

      // The roster: Riley and Sam, and the couple whose access ended, with no name and nothing of theirs.
      await k.page.goto(`${live.server.baseUrl}/coach`);
      await k.page.getByRole('heading', { name: 'Riley & Sam' }).waitFor();
      const ended = k.page.getByRole('listitem').filter({ hasText: 'A couple you coached' });
      await ended.getByText(/^Access ended on /).waitFor();
      expect(await k.page.getByText(/Ana|Ben/).count()).toBe(0);
      await expect(k.page.locator('.page-intro').textContent()).resolves.toMatch(/^1 couple;/);
      await checkPage(k.page, `Kim's roster at ${width}`);

      expect(r.problems).toEqual([]);
      expect(k.problems).toEqual([]);
      await rileyContext.close();
      await kimContext.close();
    }
  });
});
