import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uniqueEmail } from '../helpers/emails';
import { accessibilityViolations, horizontalOverflow, watchedPage } from '../helpers/browser';
import { serverAndBrowser } from '../helpers/e2e-setup';
import { HttpClient } from '../helpers/http-server';

const PASSWORD = 'a password long enough';
const live = serverAndBrowser();

async function signUp(name: string, role: 'partner' | 'coach' = 'partner'): Promise<HttpClient> {
  const client = new HttpClient(live.server.baseUrl);
  const response = await client.mutation('auth.signup', {
    email: uniqueEmail(name),
    password: PASSWORD,
    displayName: name,
    role,
  });
  expect(response.status).toBe(200);
  return client;
}

/** A browser window logged in as `client`, in Berlin, at a phone's width unless told otherwise. */
async function windowFor(client: HttpClient, viewport = { width: 390, height: 844 }) {
  const context = await live.browser.newContext({ viewport, timezoneId: 'Europe/Berlin' });
  const [name, value] = client.cookie!.split('=') as [string, string];
  await context.addCookies([{ name, value, url: live.server.baseUrl }]);
  const watched = await watchedPage(context, live.server.baseUrl);
  return { context, ...watched };
}

async function checkPage(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  expect(await horizontalOverflow(page), label).toBe(0);
  expect(await accessibilityViolations(page), label).toEqual([]);
}

describe('reminders in Settings', () => {
  it('turns on a weekly reminder with the keyboard, makes a calendar link and shows the next reminder', async () => {
    const sam = await signUp('Sam');
    const { context, page, problems } = await windowFor(sam);
    await page.goto(`${live.server.baseUrl}/settings`);
    const section = page.getByRole('region', { name: 'Reminders' });
    await section.waitFor();
    // Nothing saved yet: the zone comes from this browser.
    await expect.poll(() => section.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    expect(await section.getByRole('switch').isChecked()).toBe(false);
    await checkPage(page, 'settings at 390 px');

    // Keyboard only: the switch, the day, the time, one email, save.
    await section.getByRole('switch').focus();
    await page.keyboard.press('Space');
    expect(await section.getByRole('switch').isChecked()).toBe(true);
    await section.getByLabel('Day').focus();
    await section.getByLabel('Day').selectOption({ label: 'Wednesday' });
    await section.getByLabel('Time', { exact: true }).fill('07:30');
    await section.getByLabel('An email when your partner has checked in').focus();
    await page.keyboard.press('Space');
    // A partner is never offered the coach's summary.
    expect(await section.getByText(/Monday overview by email/).count()).toBe(0);
    await section.getByRole('button', { name: 'Save reminders' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => section.getByRole('status').first().textContent())
      .toMatch(/^Saved\. Your next reminder: (today|tomorrow|Wednesday) at 07:30\.$/);

    const stored = (await sam.query('reminder.get')).body.result.data;
    expect(stored).toEqual({
      enabled: true,
      weekday: 3,
      time: '07:30',
      timeZone: 'Europe/Berlin',
      email: { weeklyReminder: false, partnerCheckedIn: true, bothAnswered: false, coachDigest: false },
    });

    // The calendar link: shown once, with a webcal:// link to add it and a button to copy it.
    await section.getByRole('button', { name: 'Make a calendar link' }).click();
    const link = await section.getByTestId('calendar-link').textContent();
    expect(link).toMatch(new RegExp(`^${live.server.baseUrl}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const webcal = await section.getByTestId('webcal-link').getAttribute('href');
    expect(webcal).toBe(link!.replace(/^http:\/\//, 'webcal://'));
    await section.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => section.getByText(/The link is (copied|selected)/).count()).toBe(1);
    const feed = await fetch(link!);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('RRULE:FREQ=WEEKLY;BYDAY=WE');
    await checkPage(page, 'settings with a link at 390 px');

    // Stopping it asks first; keeping it changes nothing, stopping it ends the feed.
    await section.getByRole('button', { name: 'Stop this link' }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop this calendar link?' });
    // A first try that gets no answer says so in the dialog, where the person is, and the link keeps working.
    const revokeCall = `${live.server.baseUrl}/trpc/calendar.revokeLink**`;
    await page.route(revokeCall, (route) => route.abort('internetdisconnected'));
    await dialog.getByRole('button', { name: 'Stop the link' }).click();
    await dialog.getByRole('alert').filter({ hasText: "We couldn't reach Tandem" }).waitFor();
    expect((await fetch(link!)).status).toBe(200);
    await page.unroute(revokeCall);
    await dialog.getByRole('button', { name: 'Stop the link' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await section.getByText('The link is stopped.', { exact: false }).waitFor();
    expect((await fetch(link!)).status).toBe(404);

    // The dashboard says when the next reminder is due.
    await page.goto(`${live.server.baseUrl}/dashboard`);
    const next = page.getByTestId('next-reminder');
    await next.waitFor();
    expect(await next.textContent()).toMatch(/^Your next reminder: (today|tomorrow|Wednesday) at 07:30\.$/);
    expect(await horizontalOverflow(page)).toBe(0);

    expect(
      problems.filter((p) => !p.includes('calendar.revokeLink') && !p.includes('ERR_INTERNET_DISCONNECTED')),
    ).toEqual([]);
    await context.close();
  });

  it('offers a coach the Monday overview and not the partner emails, with no overflow at 1440 px', async () => {
    const kim = await signUp('Kim', 'coach');
    const { context, page, problems } = await windowFor(kim, { width: 1440, height: 900 });
    await page.goto(`${live.server.baseUrl}/settings`);
    const section = page.getByRole('region', { name: 'Reminders' });
    await section.waitFor();
    await section.getByLabel(/Monday overview by email/).waitFor();
    expect(await section.getByText('An email when your partner has checked in').count()).toBe(0);
    await checkPage(page, 'coach settings at 1440 px');
    expect(problems).toEqual([]);
    await context.close();
  });
});
