import { describe, expect, it } from 'vitest';
import { accessibilityViolations, horizontalOverflow, signUpThroughUi, watchedPage } from '../helpers/browser';
import { serverAndBrowser } from '../helpers/e2e-setup';

const live = serverAndBrowser();

describe('the demo', () => {
  it('leads from the login page to a populated dashboard', async () => {
    const context = await live.browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    await page.goto(`${live.server.baseUrl}/login`);
    await page.getByRole('button', { name: 'Explore the demo' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { name: 'Hello, Alex' }).waitFor();
    const chart = page.getByRole('region', { name: 'Connection over time' });
    // On a phone the chart lies below the first screen's cards: it is drawn as it is scrolled to.
    await chart.scrollIntoViewIfNeeded();
    await chart.locator('svg .recharts-line').first().waitFor();
    // Every marker: circles for one partner and the mean, squares for the other.
    expect(await chart.locator('.recharts-line-dots .recharts-line-dot').count()).toBeGreaterThan(20);
    await page.getByRole('region', { name: 'Side by side' }).waitFor();
    await page.getByText('Blake has checked in.').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log out' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('getting around', () => {
  it('sends a logged-out visitor to /login and back where they were going', async () => {
    const context = await live.browser.newContext();
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    const email = await signUpThroughUi(page, live.server.baseUrl, 'Dana');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await expect(page.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);

    await page.goto(`${live.server.baseUrl}/settings`);
    await page.waitForURL('**/login?redirect=*');
    await page.getByLabel('Email').fill(email.replace('dana-', 'nobody-'));
    await page.getByLabel('Password').fill('a password long enough');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain("don't match an account");
    // The right account, typed the way a person might: capitals are forgiven.
    await page.getByLabel('Email').fill(email.toUpperCase());
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/settings');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await context.close();
  });

  it('says the person is still logged in when the logout does not reach the server', async () => {
    const context = await live.browser.newContext();
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    await signUpThroughUi(page, live.server.baseUrl, 'Fay');
    const logoutCall = `${live.server.baseUrl}/trpc/auth.logout**`;
    await page.route(logoutCall, (route) => route.abort('internetdisconnected'));
    const logOut = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log out' });
    await logOut.click();
    const notice = page.locator('.page-notice p');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/You're still logged in\. We couldn't reach Tandem/);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    // The cookie still opens the account: the page said so rather than "logged out".
    await page.reload();
    await logOut.waitFor();

    await page.unroute(logoutCall);
    await logOut.click();
    await page.waitForURL('**/login');
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);
    // The aborted logout, and the login page asking who is signed in once nobody is (401), are expected.
    expect(
      problems.filter(
        (p) => !p.includes('auth.logout') && !p.includes('ERR_INTERNET_DISCONNECTED') && !p.includes('401'),
      ),
    ).toEqual([]);
    await context.close();
  });

  it('operates the check-in with the keyboard alone', async () => {
    const context = await live.browser.newContext();
    const { page } = await watchedPage(context, live.server.baseUrl);
    await signUpThroughUi(page, live.server.baseUrl, 'Eli');
    await page.goto(`${live.server.baseUrl}/check-in`);
    await page.getByLabel('Which week are you checking in for?').focus();
    // Tab into each practice's group, move to a value with the arrow keys.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowRight'); // first arrow selects 2 in a fresh group (1 is the entry point)
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Tab'); // the note
    await page.keyboard.type('Typed without a mouse.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/dashboard?saved=*');
    const saved = await page.evaluate(async () => {
      const week = new URL(location.href).searchParams.get('saved');
      const response = await fetch(`/trpc/assessment.mine?input=${encodeURIComponent(JSON.stringify({ week }))}`);
      return (await response.json()).result.data;
    });
    expect(Object.values(saved.ratings)).toEqual(Array(10).fill(3));
    expect(saved.note).toBe('Typed without a mouse.');
    await context.close();
  });

  it.each(['light', 'dark'] as const)(
    'keeps every page within a 390 px wide screen and free of WCAG A/AA violations (%s)',
    async (colorScheme) => {
      const context = await live.browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme });
      const { page, problems } = await watchedPage(context, live.server.baseUrl);
      for (const path of ['/login', '/signup']) {
        await page.goto(`${live.server.baseUrl}${path}`);
        await page.locator('h1').waitFor();
        expect(await horizontalOverflow(page), path).toBe(0);
        expect(await accessibilityViolations(page), path).toEqual([]);
      }
      await page.goto(`${live.server.baseUrl}/login`);
      await page.getByRole('button', { name: 'Explore the demo' }).click();
      await page.waitForURL('**/dashboard');
      for (const path of ['/dashboard', '/check-in', '/settings', '/practices/trust']) {
        await page.goto(`${live.server.baseUrl}${path}`);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await horizontalOverflow(page), path).toBe(0);
        expect(await accessibilityViolations(page), path).toEqual([]);
      }
      expect(problems).toEqual([]);
      await context.close();
    },
  );
});
