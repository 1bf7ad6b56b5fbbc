import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OWASP_SCRYPT_COST } from '#server/auth/password';
import { PRACTICES } from '#shared/practices';
import { horizontalOverflow, signUpThroughUi, watchedPage } from '../helpers/browser';
import { serverAndBrowser } from '../helpers/e2e-setup';

// The real password cost: the browser path is the one people take.
const live = serverAndBrowser({ scryptCost: OWASP_SCRYPT_COST });

/** Rates every practice by clicking, with a different value per practice so the partner's view can be checked. */
async function checkIn(page: Page, valueFor: (index: number) => number, note?: string) {
  await page.getByRole('region', { name: 'This week' }).getByRole('link', { name: 'Check in now' }).click();
  await page.getByRole('heading', { name: 'Weekly check-in' }).waitFor();
  for (const [index, practice] of PRACTICES.entries()) {
    const group = page.getByRole('group', { name: new RegExp(`^${practice.name}`) });
    await group.getByLabel(`${valueFor(index)} of 10`, { exact: true }).check();
  }
  if (note) await page.getByLabel('Private note (optional)').fill(note);
  await page.getByRole('button', { name: 'Save my check-in' }).click();
  await page.waitForURL('**/dashboard?saved=*');
  await page.getByText('Check-in saved').waitFor();
}

async function sideBySide(page: Page): Promise<string[][]> {
  await page.reload();
  const section = page.getByRole('region', { name: 'Side by side' });
  await section.waitFor();
  return section
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td .rating-value')).map((cell) => cell.textContent ?? '')),
    );
}

describe('two partners pair up and check in', () => {
  it('signs up, pairs with the invite code, checks in, and each sees the other afterwards', async () => {
    const alexContext = await live.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const blakeContext = await live.browser.newContext({ viewport: { width: 390, height: 844 } });
    const alex = await watchedPage(alexContext, live.server.baseUrl);
    const blake = await watchedPage(blakeContext, live.server.baseUrl);

    await signUpThroughUi(alex.page, live.server.baseUrl, 'Alex');
    await alex.page.getByRole('button', { name: 'Create our couple' }).click();
    const code = (await alex.page.getByTestId('invite-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    // The code stays on screen while Alex goes on to the rest of the dashboard.
    await alex.page
      .getByRole('region', { name: 'Connection over time' })
      .or(alex.page.getByText('Your charts start with your first check-in'))
      .waitFor();
    await expect(alex.page.getByTestId('invite-code').textContent()).resolves.toBe(code);

    await signUpThroughUi(blake.page, live.server.baseUrl, 'Blake');
    await blake.page.getByLabel('Invite code').fill(code.toLowerCase());
    await blake.page.getByRole('button', { name: 'Join my partner' }).click();
    await blake.page.getByRole('region', { name: 'This week' }).getByText('Alex', { exact: true }).waitFor();

    await checkIn(alex.page, (i) => (i % 10) + 1, 'a note only Alex may read');
    // Blake has not checked in: Alex's ratings stay hidden from Blake for now.
    await blake.page.reload();
    await blake.page.getByText('Alex has checked in. Their ratings show once you have too').waitFor();
    expect(await blake.page.getByRole('region', { name: 'Side by side' }).count()).toBe(0);

    await checkIn(blake.page, () => 6);
    const blakeSees = await sideBySide(blake.page);
    const alexSees = await sideBySide(alex.page);
    const expected = PRACTICES.map((_, i) => [String((i % 10) + 1), '6']);
    expect(blakeSees).toEqual(expected);
    expect(alexSees).toEqual(expected);
    expect(await blake.page.content()).not.toContain('a note only Alex may read');
    expect(await horizontalOverflow(blake.page)).toBe(0);
    expect(await blake.page.locator('.late-change').count()).toBe(0);

    // Alex has seen Blake's answers now. Changing a rating is allowed, and said openly to both.
    await alex.page.goto(`${live.server.baseUrl}/check-in`);
    await alex.page.getByText("You have both answered, so you may have seen Blake's ratings").waitFor();
    const first = alex.page.getByRole('group', { name: new RegExp(`^${PRACTICES[0]!.name}`) });
    await first.getByLabel('9 of 10', { exact: true }).check();
    await alex.page.getByRole('button', { name: 'Save changes' }).click();
    await alex.page.waitForURL('**/dashboard?saved=*');
    expect((await sideBySide(blake.page))[0]).toEqual(['9', '6']);
    await blake.page
      .getByText(
        /^Alex changed their ratings for the week of .+ after you had both answered, when each of you could see the other's\.$/,
      )
      .waitFor();
    await alex.page.reload();
    // The side-by-side notice (the "What changed" card says it too, in its own words).
    await alex.page
      .getByText(/^You changed your ratings for the week of .+ after you had both answered, when each/)
      .waitFor();
    expect(await horizontalOverflow(blake.page)).toBe(0);

    expect(alex.problems).toEqual([]);
    expect(blake.problems).toEqual([]);
    await alexContext.close();
    await blakeContext.close();
  });

  it('shows field-level errors for a wrong invite code and an incomplete check-in', async () => {
    const context = await live.browser.newContext();
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    await signUpThroughUi(page, live.server.baseUrl, 'Casey');
    await page.getByLabel('Invite code').fill('AAAA-BBBB-CCCC-DDDD-EEEE');
    await page.getByRole('button', { name: 'Join my partner' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain("doesn't match any couple");

    await page.goto(`${live.server.baseUrl}/check-in`);
    const first = page.getByRole('group', { name: new RegExp(`^${PRACTICES[0]!.name}`) });
    await first.getByLabel('7 of 10', { exact: true }).check();
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await page.getByText('9 practices still need a rating.').waitFor();
    // Focus moves to the first practice still waiting.
    const focusedName = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name);
    expect(focusedName).toBe(`rating-${PRACTICES[1]!.id}`);
    expect(page.url()).toContain('/check-in');
    // The console error of the refused join is the network's own 404 line; nothing else may appear.
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    await context.close();
  });
});
