import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { uniqueEmail } from './emails';

/**
 * A page that records console errors, failed requests and requests to any other origin, so a test can assert
 * the page stayed quiet and private.
 */
export async function watchedPage(context: BrowserContext, baseUrl: string) {
  const page = await context.newPage();
  const problems: string[] = [];
  /** Every address the page asked for, in order. */
  const requests: string[] = [];
  const origin = new URL(baseUrl).origin;
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    requests.push(url);
    if (!url.startsWith(origin) && !url.startsWith('data:')) problems.push(`request to another origin: ${url}`);
  });
  return { page, problems, requests };
}

/** Pixels the page is wider than the window: anything above 0 means sideways scrolling on a phone. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export async function signUpThroughUi(
  page: Page,
  baseUrl: string,
  name: string,
  role: 'partner' | 'coach' = 'partner',
) {
  const email = uniqueEmail(name);
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a password long enough');
  if (role === 'coach') await page.getByLabel(/I'm a coach/).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(role === 'coach' ? '**/coach' : '**/dashboard');
  return email;
}

/**
 * Runs axe-core's WCAG 2 A and AA rules (contrast, labels, names, landmarks) on the page as it stands, and returns
 * one line per violation so a failure says what and where.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, which the page's Content-Security-Policy rightly does not allow inline.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } })
      .axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return results.violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
  });
}

interface AxeResults {
  violations: { id: string; help: string; nodes: { target: string[] }[] }[];
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Watches the page for a text that must not appear even for a moment (a flash before a refresh replaces it); the
 * returned function says whether it was ever shown since. Only for the current document: a navigation ends it.
 */
export async function watchForText(page: Page, text: string): Promise<() => Promise<boolean>> {
  const key = `seen:${text}`;
  await page.evaluate(
    ({ key, text }) => {
      const flags = window as unknown as Record<string, boolean>;
      flags[key] = document.body.textContent?.includes(text) ?? false;
      new MutationObserver(() => {
        if (document.body.textContent?.includes(text)) flags[key] = true;
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    { key, text },
  );
  return () => page.evaluate((key) => (window as unknown as Record<string, boolean>)[key] === true, key);
}
