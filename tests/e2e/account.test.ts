import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exportDigest } from '#server/services/account-export.service';
import { issuePasswordReset } from '#server/services/password.service';
import { currentWeek } from '#shared/week';
import { uniqueEmail } from '../helpers/emails';
import { ratingsOf } from '../helpers/ratings';
import { accessibilityViolations, horizontalOverflow, signUpThroughUi, watchedPage } from '../helpers/browser';
import { HttpClient } from '../helpers/http-server';
import { serverAndBrowser } from '../helpers/e2e-setup';

const UI_PASSWORD = 'a password long enough';

const live = serverAndBrowser();

const phone = (colorScheme: 'light' | 'dark' = 'light') =>
  live.browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true, colorScheme });

async function openSettings(page: Page) {
  await page.goto(`${live.server.baseUrl}/settings`);
  await page.getByRole('heading', { name: 'Your data', exact: true }).waitFor();
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto(`${live.server.baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/dashboard');
}

/** A partner made over the API, with one check-in, for the pages that start from existing data. */
async function partnerWithCheckIn(name: string) {
  const client = new HttpClient(live.server.baseUrl);
  const email = uniqueEmail(name);
  await client.mutation('auth.signup', { email, password: UI_PASSWORD, displayName: name, role: 'partner' });
  await client.mutation('assessment.submit', {
    week: currentWeek(new Date()),
    ratings: ratingsOf(7),
    note: `${name}'s own note`,
  });
  return { client, email };
}

describe('settings: your data and your account', () => {
  it('downloads the export as JSON and the ratings as CSV, and reads well at 390 px in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await phone(scheme);
      const { page, problems } = await watchedPage(context, live.server.baseUrl);
      const email = await signUpThroughUi(page, live.server.baseUrl, scheme === 'light' ? 'Robin' : 'Rowan');
      await openSettings(page);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);

      const [json] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download everything (JSON)' }).click(),
      ]);
      expect(json.suggestedFilename()).toMatch(/^tandem-export-\d{4}-\d{2}-\d{2}\.json$/);
      const file = JSON.parse(fs.readFileSync(await json.path(), 'utf8')) as {
        format: string;
        user: { email: string };
      };
      expect(file).toMatchObject({ format: 'tandem-export', user: { email } });

      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download my ratings (CSV)' }).click(),
      ]);
      expect(csv.suggestedFilename()).toMatch(/\.csv$/);
      expect(fs.readFileSync(await csv.path(), 'utf8')).toMatch(
        /^\uFEFFweek,communication,vulnerability,.*,patience,note\r\n$/,
      );
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('restores an export uploaded on /settings, and refuses a file that is not one', async () => {
    const source = await partnerWithCheckIn('Sky');
    const exported = (await source.client.query('account.export')).body.result.data as unknown;
    const context = await phone();
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    await signUpThroughUi(page, live.server.baseUrl, 'Sage');
    await openSettings(page);

    const input = page.getByLabel('Export file (.json)');
    await input.setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello":"world"}'),
    });
    await page.getByRole('button', { name: 'Import this file' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain("isn't a Tandem export");

    await input.setInputFiles({
      name: 'export.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(exported)),
    });
    await page.getByRole('button', { name: 'Import this file' }).click();
    await page.getByText('Restored 1 check-in and 0 reflections.').waitFor();
    await page.goto(`${live.server.baseUrl}/check-in`);
    await expect(page.getByLabel('Private note (optional)').inputValue()).resolves.toBe("Sky's own note");

    // A file whose reminders are in a zone this server does not know: the rest comes back, and the notice says why
    // the reminders did not.
    const { integrity: _old, ...body } = exported as Record<string, unknown>;
    const reminders = {
      enabled: true,
      weekday: 3,
      time: '07:45',
      timeZone: 'Mars/Olympus_Mons',
      email: { weeklyReminder: false, partnerCheckedIn: false, bothAnswered: false, coachDigest: false },
    };
    const newer = { ...body, reminders, integrity: exportDigest({ ...body, reminders }) };
    await openSettings(page);
    await page.getByLabel('Export file (.json)').setInputFiles({
      name: 'export.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(newer)),
    });
    await page.getByRole('button', { name: 'Import this file' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Restored' }).textContent()).resolves.toBe(
      'Restored 1 check-in and 0 reflections. Your reminders stay as they were: this server does not know the ' +
        'file’s time zone, “Mars/Olympus_Mons”. Check them under Reminders on this page.',
    );
    expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
    await context.close();
  });

  it('changes the password: the old one stops working, the new one logs in', async () => {
    const context = await phone();
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    const email = await signUpThroughUi(page, live.server.baseUrl, 'Quinn');
    await openSettings(page);
    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password').fill('a fresh new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain("isn't your current password");
    await page.getByLabel('Current password').fill(UI_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.').waitFor();

    await page.getByRole('button', { name: 'Log out everywhere' }).click();
    await page.waitForURL('**/login');
    // The address changes before the login form is drawn; the settings page's own "Email" must not be the one filled.
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(UI_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain("don't match");
    await logIn(page, email, 'a fresh new passphrase');
    expect(problems.filter((p) => !p.includes('403') && !p.includes('401'))).toEqual([]);
    await context.close();
  });

  it('leaves a couple after a confirmation', async () => {
    const ana = await partnerWithCheckIn('Ana');
    const ben = await partnerWithCheckIn('Ben');
    const { inviteCode } = (await ana.client.mutation('couple.create', {})).body.result.data as { inviteCode: string };
    await ben.client.mutation('couple.join', { inviteCode });
    const context = await phone();
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    await logIn(page, ben.email, UI_PASSWORD);
    await openSettings(page);
    await page.getByRole('button', { name: 'Leave the couple…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave your couple?' });
    await dialog.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // Escape keeps the couple.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Leave the couple…' }).click();
    await dialog.getByRole('button', { name: 'Leave the couple' }).click();
    await page.getByRole('heading', { name: 'Pair up with your partner' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('deletes the account with its password; back at the login page, the email can sign up again', async () => {
    const context = await phone();
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    const email = await signUpThroughUi(page, live.server.baseUrl, 'Morgan');
    await openSettings(page);
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });
    await dialog.getByLabel('Your password').fill('the wrong one entirely');
    await dialog.getByRole('button', { name: 'Delete my account' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain('Nothing was deleted');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await dialog.getByLabel('Your password').fill(UI_PASSWORD);
    await dialog.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();

    await page.goto(`${live.server.baseUrl}/signup`);
    await page.getByLabel('Your name').fill('Morgan');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(UI_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/dashboard');
    expect(problems.filter((p) => !p.includes('403'))).toEqual([]);
    await context.close();
  });

  it('sets a new password from an administrator’s reset link', async () => {
    const { email } = await partnerWithCheckIn('Jude');
    const reset = await issuePasswordReset(live.server.database.db, email, new Date(), 60 * 60 * 1000);
    const context = await phone();
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    await page.goto(`${live.server.baseUrl}/reset-password?token=${reset!.token}`);
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('New password', { exact: true }).fill('jude has a new password');
    await page.getByLabel('New password again').fill('jude has a new password');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await page.getByText('Your new password is set.').waitFor();
    await page.getByRole('link', { name: 'Log in' }).click();
    await logIn(page, email, 'jude has a new password');
    expect(problems).toEqual([]);
    await context.close();
  });
});
