/**
 * Section c: how much JavaScript a first visit downloads, gzipped by us at level 9 (the server may not compress):
 * /login in a fresh browser, then the dashboard after logging in and moving there client-side, as a person would.
 */
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { launchChromium } from '../../tests/helpers/chromium';
import { kb, table, yesNo } from './stats';

export const LOGIN_TARGET_BYTES = 130_000;
export const DASHBOARD_TARGET_BYTES = 300_000;

export interface ScriptFile {
  url: string;
  bytes: number;
  gzip: number;
}

export interface BundleResult {
  login: ScriptFile[];
  /** Loaded after login on the client-side move to /dashboard. */
  dashboardExtra: ScriptFile[];
  /** A fresh browser opening /dashboard directly with the session. */
  dashboardDirect: ScriptFile[];
  clientSideNavigation: boolean;
  builtAt: Date;
  /**
   * What the service worker fetched for its precache once someone signed in: the whole app, once, in the background
   * and not in the way of any page. Listed apart from what the pages load.
   */
  workerPrecache: ScriptFile[];
}

export const sum = (files: ScriptFile[], key: 'bytes' | 'gzip') => files.reduce((total, f) => total + f[key], 0);

/** Records every JavaScript response of the context; `settle` waits until none is in flight. */
function recordScripts(context: BrowserContext) {
  const files = new Map<string, ScriptFile>();
  const byWorker = new Map<string, ScriptFile>();
  const pending = new Set<Promise<void>>();
  let lastActivity = Date.now();
  context.on('response', (response: Response) => {
    const url = new URL(response.url());
    const isScript = url.pathname.endsWith('.js') || response.request().resourceType() === 'script';
    const into = response.request().serviceWorker() ? byWorker : files;
    if (!isScript || into.has(url.href)) return;
    lastActivity = Date.now();
    const task = response
      .body()
      .then((body) => {
        into.set(url.href, { url: url.pathname, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
      })
      .catch(() => {})
      .finally(() => {
        lastActivity = Date.now();
        pending.delete(task);
      });
    pending.add(task);
  });
  return {
    files,
    byWorker,
    /** Resolves once nothing has been fetched for `quietMs`, or after `maxMs` at most. */
    async settle(quietMs = 1000, maxMs = 15_000) {
      const start = Date.now();
      while (Date.now() - start < maxMs && (pending.size > 0 || Date.now() - lastActivity < quietMs)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await Promise.all(pending);
    },
  };
}

export async function measureBundles(baseUrl: string, token: string, builtAt: Date): Promise<BundleResult> {
  const browser = await launchChromium();
  const cookie = { name: 'tandem_session', value: token, url: baseUrl, httpOnly: true, sameSite: 'Lax' as const };
  try {
    const context = await browser.newContext();
    const recorder = recordScripts(context);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor({ timeout: 30_000 });
    await recorder.settle();
    const login = [...recorder.files.values()];

    // "Log in": the session cookie made for the bench, then what the login form does on success, client-side.
    await context.addCookies([cookie]);
    const clientSideNavigation = await loginClientSide(page);
    if (!clientSideNavigation) await page.goto(`${baseUrl}/dashboard`);
    await page.waitForURL('**/dashboard**', { timeout: 30_000 });
    await page.getByRole('heading', { name: 'This week' }).waitFor({ timeout: 30_000 });
    await recorder.settle();
    const loginUrls = new Set(login.map((f) => f.url));
    const dashboardExtra = [...recorder.files.values()].filter((f) => !loginUrls.has(f.url));
    const workerPrecache = [...recorder.byWorker.values()];
    await context.close();

    const direct = await browser.newContext();
    await direct.addCookies([cookie]);
    const directRecorder = recordScripts(direct);
    const directPage = await direct.newPage();
    await directPage.goto(`${baseUrl}/dashboard`);
    await directPage.getByRole('heading', { name: 'This week' }).waitFor({ timeout: 30_000 });
    await directRecorder.settle();
    const dashboardDirect = [...directRecorder.files.values()];
    await direct.close();

    return { login, dashboardExtra, dashboardDirect, clientSideNavigation, builtAt, workerPrecache };
  } finally {
    await browser.close();
  }
}

/**
 * Refetches the cached "who am I" with the new cookie and moves to /dashboard through the app's router, as the
 * login form does after a successful login. False when the router is not reachable (the caller then loads the page).
 */
function loginClientSide(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    interface Router {
      options: { context: { queryClient: { invalidateQueries(): Promise<void> } } };
      invalidate(): Promise<void>;
      navigate(options: { to: string }): Promise<void>;
    }
    const router = (window as unknown as { __TSR_ROUTER__?: Router }).__TSR_ROUTER__;
    if (!router) return false;
    await router.options.context.queryClient.invalidateQueries();
    await router.invalidate();
    await router.navigate({ to: '/dashboard' });
    return true;
  });
}

export function printBundles(result: BundleResult) {
  const loginGzip = sum(result.login, 'gzip');
  const dashboardGzip = loginGzip + sum(result.dashboardExtra, 'gzip');
  const rows = [
    ...result.login.map((f) => [`  ${f.url}`, kb(f.bytes), kb(f.gzip), '']),
    [
      '/login, first visit',
      kb(sum(result.login, 'bytes')),
      kb(loginGzip),
      `<= ${kb(LOGIN_TARGET_BYTES)}: ${yesNo(loginGzip <= LOGIN_TARGET_BYTES)}`,
    ],
    ...result.dashboardExtra.map((f) => [`  + ${f.url}`, kb(f.bytes), kb(f.gzip), '']),
    [
      `/dashboard after login (login JS + ${result.dashboardExtra.length} more files)`,
      kb(sum(result.login, 'bytes') + sum(result.dashboardExtra, 'bytes')),
      kb(dashboardGzip),
      `<= ${kb(DASHBOARD_TARGET_BYTES)}: ${yesNo(dashboardGzip <= DASHBOARD_TARGET_BYTES)}`,
    ],
    [
      `/dashboard opened directly (${result.dashboardDirect.length} files)`,
      kb(sum(result.dashboardDirect, 'bytes')),
      kb(sum(result.dashboardDirect, 'gzip')),
      '',
    ],
    [
      `service worker's precache, in the background after login (${result.workerPrecache.length} files)`,
      kb(sum(result.workerPrecache, 'bytes')),
      kb(sum(result.workerPrecache, 'gzip')),
      '',
    ],
  ];
  console.log(table(['JavaScript downloaded', 'raw', 'gzip -9', 'target'], rows));
  console.log(
    `  Client build from ${result.builtAt.toISOString()}; moved to /dashboard ${result.clientSideNavigation ? 'client-side through the router' : 'by loading the page (router not reachable)'}.`,
  );
}
