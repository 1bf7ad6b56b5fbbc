import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addWeeks, currentWeek } from '#shared/week';
import { accessibilityViolations, horizontalOverflow, signUpThroughUi, watchedPage } from '../helpers/browser';
import { serverAndBrowser } from '../helpers/e2e-setup';
import { pairedLongAgoByEmail } from '../helpers/paired-long-ago';
import { ratingsOf } from '../helpers/ratings';

const live = serverAndBrowser();

/**
 * The three weeks before this one, through the API from the page, as the form would send them: the charts need
 * something to draw, and they are drawn from a couple's third week of check-ins.
 */
async function checkInLastWeeks(page: Page, value: number) {
  for (const back of [3, 2, 1]) {
    const week = addWeeks(currentWeek(new Date()), -back);
    const status = await page.evaluate(
      async ({ week, ratings }) => {
        const response = await fetch('/trpc/assessment.submit', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ week, ratings }),
        });
        return response.status;
      },
      { week, ratings: ratingsOf(value) },
    );
    expect(status).toBe(200);
  }
}

async function expectCleanPage(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  expect(await horizontalOverflow(page), label).toBe(0);
  expect(await accessibilityViolations(page), label).toEqual([]);
}

describe('adopting a focus and sharing a reflection', () => {
  it('Alex adopts the suggested focus, Blake sees it with its bands, and sees a reflection only while it is shared', async () => {
    const alexContext = await live.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const blakeContext = await live.browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const alex = await watchedPage(alexContext, live.server.baseUrl);
    const blake = await watchedPage(blakeContext, live.server.baseUrl);

    const alexEmail = await signUpThroughUi(alex.page, live.server.baseUrl, 'Alex');
    await alex.page.getByRole('button', { name: 'Create our couple' }).click();
    const code = (await alex.page.getByTestId('invite-code').textContent())!.trim();
    const blakeEmail = await signUpThroughUi(blake.page, live.server.baseUrl, 'Blake');
    await blake.page.getByLabel('Invite code').fill(code);
    await blake.page.getByRole('button', { name: 'Join my partner' }).click();
    await blake.page.getByRole('region', { name: 'This week' }).getByText('Alex', { exact: true }).waitFor();
    // Those weeks are of a couple that was together then: partners see each other's weeks only from when they paired.
    await pairedLongAgoByEmail(live.server, [alexEmail, blakeEmail]);
    await checkInLastWeeks(alex.page, 6);
    await checkInLastWeeks(blake.page, 7);

    // Alex adopts what the dashboard suggests.
    await alex.page.reload();
    await alex.page.locator('#focus-heading a').waitFor();
    const practiceHref = await alex.page.locator('#focus-heading a').getAttribute('href');
    const practiceName = (await alex.page.locator('#focus-heading').textContent())!.trim();
    await alex.page.getByRole('button', { name: 'Adopt as our focus' }).click();
    await alex.page.getByText(/Chosen by you on .*; your focus since the week of/).waitFor();
    expect(await alex.page.getByRole('button', { name: 'Adopt as our focus' }).count()).toBe(0);
    const connection = alex.page.getByRole('region', { name: 'Connection over time' });
    await connection.locator('svg .focus-band').first().waitFor();
    await expect(connection.getByText(/still your focus/).textContent()).resolves.toMatch(
      /^Focus on .*: since the week of/,
    );
    await expectCleanPage(alex.page, 'Alex on the dashboard');
    // The table view names the focus too, so the shading is not the only sign of it.
    await connection.getByRole('button', { name: 'Show as table' }).click();
    await connection.getByRole('columnheader', { name: 'Focus' }).waitFor();
    expect(await connection.locator('tbody tr').first().locator('td').last().textContent()).not.toBe('—');

    // Blake, in another browser, sees the same focus, who chose it and since when, and its band.
    await blake.page.goto(`${live.server.baseUrl}/dashboard`);
    await blake.page.getByText(/Chosen by Alex on .*; your focus since the week of/).waitFor();
    await expect(blake.page.locator('#focus-heading').textContent()).resolves.toBe(practiceName);
    // On a phone the connection chart lies below the first screen's cards: it is drawn as it is scrolled to.
    const blakeConnection = blake.page.getByRole('region', { name: 'Connection over time' });
    await blakeConnection.scrollIntoViewIfNeeded();
    await blakeConnection.locator('svg .focus-band').first().waitFor();
    expect(await blakeConnection.locator('svg .focus-band').count()).toBeGreaterThan(0);
    await expectCleanPage(blake.page, 'Blake on the dashboard');

    // Alex writes a reflection on the practice's page and shares it with Blake.
    await alex.page.goto(`${live.server.baseUrl}${practiceHref}`);
    await alex.page.getByRole('heading', { name: 'The weeks it was your focus' }).waitFor();
    await alex.page.getByText(/and still your focus; chosen by you/).waitFor();
    const words = 'I want us to talk before we are tired, not after.';
    await alex.page.getByLabel('Your answer').fill(words);
    await alex.page.getByRole('button', { name: 'Save answer' }).click();
    const mine = alex.page.getByRole('list', { name: 'Your answers' }).getByRole('listitem').first();
    await mine.getByText('Only you can read this.').waitFor();
    await mine.getByRole('button', { name: 'Share with Blake' }).click();
    await mine.getByText('You and Blake can read this.').waitFor();
    await expectCleanPage(alex.page, 'Alex on the practice page');

    await blake.page.goto(`${live.server.baseUrl}${practiceHref}`);
    const shared = blake.page.getByRole('list', { name: 'Shared by Alex' });
    await shared.getByText(words).waitFor();
    await shared.getByText(/Alex wrote this on .*Shared with you\./).waitFor();
    await blake.page.locator('svg .focus-band').first().waitFor();
    await expectCleanPage(blake.page, 'Blake on the practice page');

    // Alex makes it private again: Blake no longer sees it.
    await mine.getByRole('button', { name: 'Make private again' }).click();
    await mine.getByText('Only you can read this.').waitFor();
    await blake.page.reload();
    await blake.page.getByText("Alex hasn't shared an answer to this question.").waitFor();
    expect(await blake.page.getByText(words).count()).toBe(0);

    expect(alex.problems).toEqual([]);
    expect(blake.problems).toEqual([]);
    await alexContext.close();
    await blakeContext.close();
  });
});
