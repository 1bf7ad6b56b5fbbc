import { afterAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../helpers/emails';
import { accessibilityViolations, horizontalOverflow, signUpThroughUi, watchedPage } from '../helpers/browser';
import { serverAndBrowser } from '../helpers/e2e-setup';
import { HttpClient } from '../helpers/http-server';
import { messageTo, startSmtpServer, type ReceivedEmail } from '../helpers/smtp';

/** Links in emails name this address; the browser follows them to the server the test started. */
const PUBLIC_URL = 'https://tandem.example.test';

const smtp = await startSmtpServer();
afterAll(() => smtp.close());
const live = serverAndBrowser({
  publicUrl: PUBLIC_URL,
  mail: { smtpUrl: smtp.url, from: 'Tandem <tandem@example.test>' },
});

const phone = () => live.browser.newContext({ viewport: { width: 390, height: 844 } });

/** The link of the email's action, on the server under test. */
function linkIn(message: ReceivedEmail, path: string): string {
  const match = new RegExp(`${PUBLIC_URL}${path}\\?token=[A-Za-z0-9_%-]+`).exec(message.text);
  expect(match).not.toBeNull();
  return match![0].replace(PUBLIC_URL, live.server.baseUrl);
}

describe('a forgotten password, by email', () => {
  it('login page → "Forgot your password?" → the email → the link → a new password → logged in', async () => {
    const email = uniqueEmail('Morgan');
    const signup = await new HttpClient(live.server.baseUrl).mutation('auth.signup', {
      email,
      password: 'the password I forgot',
      displayName: 'Morgan',
      role: 'partner',
    });
    expect(signup.status).toBe(200);

    const context = await phone();
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    await page.goto(`${live.server.baseUrl}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByLabel('Email').fill(email.toUpperCase());
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('If that address has an account here, we have sent a link. It works for one hour.').waitFor();

    const message = await messageTo(smtp, email);
    expect(message.subject).toBe('Set a new password for Tandem');
    await page.goto(linkIn(message, '/reset-password'));
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill('morgan remembers this one');
    await page.getByLabel('New password again').fill('morgan remembers this one');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await page.getByText('Your new password is set.').waitFor();
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('morgan remembers this one');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/dashboard');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers an unknown address with the same words, and sends nothing', async () => {
    const context = await phone();
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    const before = smtp.messages.length;
    await page.goto(`${live.server.baseUrl}/forgot-password`);
    await page.getByLabel('Email').fill(uniqueEmail('nobody'));
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('If that address has an account here, we have sent a link. It works for one hour.').waitFor();
    expect(smtp.messages.length).toBe(before);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('confirming an address', () => {
  it('Settings → "Send a confirmation email" → the link → confirmed, shown in Settings', async () => {
    const context = await phone();
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    const email = await signUpThroughUi(page, live.server.baseUrl, 'Quinn');
    await page.goto(`${live.server.baseUrl}/settings`);
    const block = page.getByRole('region', { name: 'Email' });
    await block.getByText('Not confirmed yet').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await block.getByRole('button', { name: 'Send a confirmation email' }).click();
    await block.getByRole('status').getByText(`We are sending a link to ${email}.`, { exact: false }).waitFor();

    const message = await messageTo(smtp, email);
    expect(message.subject).toBe('Confirm your email for Tandem');
    // Opened on another device, with no session.
    const other = await phone();
    const elsewhere = await watchedPage(other, live.server.baseUrl);
    await elsewhere.page.goto(linkIn(message, '/confirm-email'));
    // Opening the link confirms nothing by itself (mail scanners open links): the person presses the button.
    const confirmButton = elsewhere.page.getByRole('button', { name: 'Confirm my email' });
    await confirmButton.waitFor();
    await page.reload();
    await page.getByRole('region', { name: 'Email' }).getByText('Not confirmed yet').waitFor();
    await confirmButton.click();
    await elsewhere.page.getByText('Your email is confirmed.', { exact: false }).waitFor();
    expect(await accessibilityViolations(elsewhere.page)).toEqual([]);
    expect(elsewhere.problems).toEqual([]);
    await other.close();

    await page.reload();
    await page.getByRole('region', { name: 'Email' }).getByText('Confirmed', { exact: true }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
