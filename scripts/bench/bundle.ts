/**
 * Section c: how much JavaScript a first visit downloads, in the bytes the browser actually receives: each script's
 * body as sent over the wire (compressed as the server chose for the browser's own Accept-Encoding, Brotli for
 * Chromium), beside its size once unpacked. /login in a fresh browser, then the dashboard after logging in and moving
 * there client-side, as a person would, and the dashboard opened directly.
 */
import type { BrowserContext, Page, Response } from 'playwright-core';
import { launchChromium } from '../../tests/helpers/chromium';
import { kb, table, yesNo } from './stats';

/** Bytes sent, measured 2026-12-02: 115.9 KB for /login (Brotli), and a little room. */
export const LOGIN_TARGET_BYTES = 120_000;
/**
 * Bytes sent, measured 2026-12-02: 250.0 KB for /dashboard after login in the bench's 1280 px wide window, where the
 * connection chart is on the first screen and brings Recharts (about 100 KB of it). On a phone that chart is further
 * down and its code comes only as someone starts scrolling: about 150 KB.
 */
export const DASHBOARD_TARGET_BYTES = 255_000;

/** A laptop's window: what lies on its first screen decides which charts' code a first visit fetches. */
const WINDOW = { width: 1280, height: 720 };

export interface ScriptFile {
  url: string;
  /** The script unpacked, as the browser parses it. */
  bytes: number;
  /** The body as it came over the wire: what a slow connection has to carry. */
  sent: number;
  /** How it came: br, gzip, or identity (sent as is). */
  encoding: string;
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

export const sum = (files: ScriptFile[], key: 'bytes' | 'sent') => files.reduce((total, f) => total + f[key], 0);

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
    const task = Promise.all([response.body(), response.request().sizes(), response.allHeaders()])
      .then(([body, sizes, headers]) => {
        const encoding = headers['content-encoding'] ?? 'identity';
        // The body's size on the wire; a response the browser did not count falls back to its stated length.
        const sent =
          sizes.responseBodySize > 0 ? sizes.responseBodySize : Number(headers['content-length'] ?? body.length);
        into.set(url.href, { url: url.pathname, bytes: body.length, sent, encoding });
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
    const context = await browser.newContext({ viewport: WINDOW });
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

    const direct = await browser.newContext({ viewport: WINDOW });
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

const encodings = (files: ScriptFile[]) => [...new Set(files.map((f) => f.encoding))].join(', ') || 'none';

export function printBundles(result: BundleResult) {
  const loginSent = sum(result.login, 'sent');
  const dashboardSent = loginSent + sum(result.dashboardExtra, 'sent');
  const rows = [
    ...result.login.map((f) => [`  ${f.url}`, kb(f.bytes), kb(f.sent), '']),
    [
      '/login, first visit',
      kb(sum(result.login, 'bytes')),
      kb(loginSent),
      `<= ${kb(LOGIN_TARGET_BYTES)}: ${yesNo(loginSent <= LOGIN_TARGET_BYTES)}`,
    ],
    ...result.dashboardExtra.map((f) => [`  + ${f.url}`, kb(f.bytes), kb(f.sent), '']),
    [
      `/dashboard after login (login JS + ${result.dashboardExtra.length} more files)`,
      kb(sum(result.login, 'bytes') + sum(result.dashboardExtra, 'bytes')),
      kb(dashboardSent),
      `<= ${kb(DASHBOARD_TARGET_BYTES)}: ${yesNo(dashboardSent <= DASHBOARD_TARGET_BYTES)}`,
    ],
    [
      `/dashboard opened directly (${result.dashboardDirect.length} files)`,
      kb(sum(result.dashboardDirect, 'bytes')),
      kb(sum(result.dashboardDirect, 'sent')),
      '',
    ],
    [
      `service worker's precache, in the background after login (${result.workerPrecache.length} files)`,
      kb(sum(result.workerPrecache, 'bytes')),
      kb(sum(result.workerPrecache, 'sent')),
      '',
    ],
  ];
  console.log(table(['JavaScript downloaded', 'unpacked', 'sent', 'target'], rows));
  console.log(
    `  Sent: each script's body as Chromium received it (Response.sizes().responseBodySize), encoded as the server ` +
      `chose for the browser's own Accept-Encoding: ${encodings([...result.login, ...result.dashboardExtra])}.`,
  );
  console.log(
    `  Window ${WINDOW.width} x ${WINDOW.height} px. Client build from ${result.builtAt.toISOString()}; moved to /dashboard ${result.clientSideNavigation ? 'client-side through the router' : 'by loading the page (router not reachable)'}.`,
  );
}
