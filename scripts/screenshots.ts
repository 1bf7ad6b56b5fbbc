/**
 * Screenshots of every page at phone and desktop widths, in light and dark, for looking at what people see.
 * Usage: start the app, then `npm run screenshots -- [baseUrl] [outDir]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/helpers/chromium';

const baseUrl = process.argv[2] ?? 'http://localhost:3000';
const outDir = path.resolve(process.argv[3] ?? 'screenshots');
const WIDTHS = [390, 1440];
const SCHEMES = ['light', 'dark'] as const;

async function shoot(page: Page, name: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  // Long pages also in screen-sized parts, which stay legible when viewed scaled down.
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }));
  const part = 1200;
  if (height > part * 1.5) {
    for (let y = 0, n = 1; y < height; y += part, n++) {
      await page.screenshot({
        path: path.join(outDir, `${name}-part${n}.png`),
        fullPage: true,
        clip: { x: 0, y, width, height: Math.min(part, height - y) },
      });
    }
  }
  console.log(`${file}${overflow > 0 ? `  (horizontal overflow: ${overflow}px)` : ''}`);
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await launchChromium();
  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      const tag = `${width}-${scheme}`;
      await page.goto(`${baseUrl}/login`);
      await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
      await shoot(page, `login-${tag}`);
      await page.goto(`${baseUrl}/signup`);
      await page.getByRole('heading', { name: 'Create your account' }).waitFor();
      await shoot(page, `signup-${tag}`);
      await page.goto(`${baseUrl}/login`);
      await page.getByRole('button', { name: 'Explore the demo' }).click();
      await page.waitForURL('**/dashboard**');
      await page.getByRole('heading', { name: 'This week' }).waitFor();
      await shoot(page, `dashboard-${tag}`);
      await page.goto(`${baseUrl}/check-in`);
      await page.getByRole('heading', { name: 'Weekly check-in' }).waitFor();
      await page.locator('fieldset.rating').first().waitFor();
      await shoot(page, `check-in-${tag}`);
      await page.goto(`${baseUrl}/settings`);
      await page.getByRole('heading', { name: 'Your couple' }).waitFor();
      await shoot(page, `settings-${tag}`);
      await page.goto(`${baseUrl}/practices/trust`);
      await page.getByRole('heading', { name: 'The two of you over time' }).waitFor();
      await shoot(page, `practice-${tag}`);

      // A coach the demo couple invites: the roster, the couple's page and the printable report.
      // The API calls go through each context's request object, which shares its session cookie.
      const trpcData = async (response: Promise<{ json(): Promise<unknown> }>) =>
        ((await (await response).json()) as { result: { data: Record<string, string> } }).result.data;
      const { coachCode } = await trpcData(context.request.post(`${baseUrl}/trpc/couple.inviteCoach`, { data: {} }));
      const { coupleId } = await trpcData(context.request.get(`${baseUrl}/trpc/auth.me`));
      const coaching = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const coach = await coaching.newPage();
      const email = `casey-${Date.now()}-${tag}@example.com`;
      await coaching.request.post(`${baseUrl}/trpc/auth.signup`, {
        data: { email, password: 'a password long enough', displayName: 'Casey', role: 'coach' },
      });
      await coaching.request.post(`${baseUrl}/trpc/coach.accept`, { data: { coachCode } });
      await coach.goto(`${baseUrl}/coach`);
      await coach.locator('.roster, [data-flag], .empty-state').first().waitFor();
      await shoot(coach, `coach-roster-${tag}`);
      await coach.goto(`${baseUrl}/coach/couples/${coupleId}`);
      await coach.locator('.focus-card').waitFor();
      await shoot(coach, `coach-couple-${tag}`);
      await coach.goto(`${baseUrl}/coach/couples/${coupleId}/report`);
      await coach.getByRole('heading', { name: 'Focuses over time' }).waitFor();
      await shoot(coach, `coach-report-${tag}`);
      await coaching.close();
      await page.goto(`${baseUrl}/settings`);
      await page.getByRole('heading', { name: 'Your couple' }).waitFor();
      await shoot(page, `settings-with-coach-${tag}`);
      await context.close();

      const visitor = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const resetPage = await visitor.newPage();
      await resetPage.goto(`${baseUrl}/reset-password?token=not-a-real-token`);
      await resetPage.locator('main h1').waitFor();
      await shoot(resetPage, `reset-password-${tag}`);
      await resetPage.goto(`${baseUrl}/forgot-password`);
      await resetPage.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
      await shoot(resetPage, `forgot-password-${tag}`);
      await resetPage.goto(`${baseUrl}/confirm-email?token=not-a-real-token`);
      await resetPage.getByRole('alert').waitFor();
      await shoot(resetPage, `confirm-email-${tag}`);
      await visitor.close();

      // A newcomer: no couple, no check-ins yet.
      const fresh = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const newcomer = await fresh.newPage();
      await newcomer.goto(`${baseUrl}/signup`);
      await newcomer.getByLabel('Your name').fill('Robin');
      await newcomer.getByLabel('Email').fill(`robin-${Date.now()}-${tag}@example.com`);
      await newcomer.getByLabel('Password').fill('a password long enough');
      await newcomer.getByRole('button', { name: 'Create account' }).click();
      await newcomer.getByText('Your charts start with your first check-in').waitFor();
      await shoot(newcomer, `dashboard-empty-${tag}`);
      await newcomer.goto(`${baseUrl}/settings`);
      await newcomer.getByRole('heading', { name: 'Email', exact: true }).waitFor();
      await newcomer.getByRole('region', { name: 'Email' }).scrollIntoViewIfNeeded();
      await shoot(newcomer, `settings-email-${tag}`);
      await fresh.close();
    }
  }
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
