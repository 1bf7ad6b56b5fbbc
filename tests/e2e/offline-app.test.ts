import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PRACTICES } from '#shared/practices';
import { accessibilityViolations, horizontalOverflow, watchedPage } from '../helpers/browser';
import { uniqueEmail } from '../helpers/emails';
import { serverAndBrowser } from '../helpers/e2e-setup';
import { HttpClient } from '../helpers/http-server';
import { pairedLongAgo } from '../helpers/paired-long-ago';
import { sqlRow, sqlRun } from '../helpers/raw-sql';

const live = serverAndBrowser();

const PASSWORD = 'a password long enough';
const KEPT_TEXT = 'Saved on this phone; it will be sent when you are back online.';
const OUTBOX_PREFIX = 'tandem.queued-check-in:';

interface Person {
  client: HttpClient;
  email: string;
  id: string;
}

async function signUp(displayName: string): Promise<Person> {
  const client = new HttpClient(live.server.baseUrl);
  const email = uniqueEmail(displayName);
  const signedUp = await client.mutation('auth.signup', { email, password: PASSWORD, displayName, role: 'partner' });
  expect(signedUp.status).toBe(200);
  const me = await client.query('auth.me');
  return { client, email, id: me.body.result.data.id as string };
}

/** Two partners of one couple, together since long ago, so every check-in of theirs reaches the couple's feed. */
async function couple(): Promise<{ alex: Person; blake: Person }> {
  const alex = await signUp('Alex');
  const blake = await signUp('Blake');
  const created = await alex.client.mutation('couple.create', {});
  expect(created.status).toBe(200);
  const { coupleId, inviteCode } = created.body.result.data as { coupleId: string; inviteCode: string };
  expect((await blake.client.mutation('couple.join', { inviteCode })).status).toBe(200);
  await pairedLongAgo(live.server, coupleId, [alex.id, blake.id]);
  return { alex, blake };
}

async function phoneSignedInAs(person: Person, serviceWorkers: 'allow' | 'block' = 'allow'): Promise<BrowserContext> {
  const context = await live.browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers });
  const [name, value] = person.client.cookie!.split('=') as [string, string];
  await context.addCookies([{ name, value, url: live.server.baseUrl }]);
  return context;
}

/** Waits until the service worker is active and controls this page. */
async function controlledByWorker(page: Page): Promise<string> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
}

async function rateEverything(page: Page, value: number) {
  for (const practice of PRACTICES) {
    const group = page.getByRole('group', { name: new RegExp(`^${practice.name}`) });
    await group.getByLabel(`${value} of 10`, { exact: true }).check();
  }
}

/** The check-in page, opened with the service worker in control (as an installed app would be). */
async function checkInPageWithWorker(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${live.server.baseUrl}/check-in`);
  await page.getByRole('heading', { name: 'Weekly check-in' }).waitFor();
  await controlledByWorker(page);
  return page;
}

/** Goes offline and saves a check-in of `value` everywhere (and `note`, if any): the phone keeps it. */
async function keepOffline(context: BrowserContext, page: Page, value: number, note?: string) {
  await context.setOffline(true);
  await rateEverything(page, value);
  if (note !== undefined) await page.getByLabel('Private note (optional)').fill(note);
  await page.getByRole('button', { name: 'Save my check-in' }).click();
  await page.getByRole('status').filter({ hasText: KEPT_TEXT }).waitFor();
}

/** Every `assessment.submit` call the pages of this context send. */
function countSubmissions(context: BrowserContext): () => number {
  let count = 0;
  context.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.includes('assessment.submit')) count++;
  });
  return () => count;
}

const outboxKeys = (page: Page) =>
  page.evaluate((prefix) => Object.keys(window.localStorage).filter((key) => key.startsWith(prefix)), OUTBOX_PREFIX);

/** The week of the one check-in kept on this phone, read from its storage key. */
async function keptWeek(page: Page): Promise<string> {
  const keys = await outboxKeys(page);
  expect(keys).toHaveLength(1);
  return keys[0]!.split(':').at(-1)!;
}

/** Brings the page back into view, as a person returning to the app would: the moment kept check-ins are sent. */
async function comeBackTo(page: Page) {
  await page.evaluate(() => {
    window.dispatchEvent(new Event('focus'));
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForLoadState('networkidle');
}

const savedCheckIn = async (userId: string) => {
  const row = await sqlRow<{ note: string | null; ratings: string }>(
    live.server,
    'select note, ratings from assessments where user_id = ?',
    userId,
  );
  return row && { note: row.note, ratings: Object.values(JSON.parse(row.ratings) as Record<string, number>) };
};

const checkInRows = async (userId: string) =>
  Number(
    (await sqlRow<{ n: number }>(live.server, 'select count(*) as n from assessments where user_id = ?', userId))!.n,
  );

const checkedInEntries = async (userId: string) =>
  Number(
    (await sqlRow<{ n: number }>(
      live.server,
      "select count(*) as n from activity_events where actor_id = ? and kind = 'checked-in'",
      userId,
    ))!.n,
  );

/** The width and height a PNG file declares in its header. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('Tandem on the home screen', () => {
  it('serves a valid web app manifest whose icons are PNGs of the sizes it names', async () => {
    const response = await fetch(`${live.server.baseUrl}/manifest.webmanifest`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as Record<string, unknown> & {
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(manifest).toMatchObject({
      name: 'Tandem',
      short_name: 'Tandem',
      start_url: '/dashboard',
      scope: '/',
      display: 'standalone',
      theme_color: '#f7f4ef',
      background_color: '#f7f4ef',
    });
    const sizes = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    for (const icon of manifest.icons) {
      const file = await fetch(new URL(icon.src, live.server.baseUrl));
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe(icon.type);
      const { width, height } = pngSize(Buffer.from(await file.arrayBuffer()));
      expect(`${width}x${height}`).toBe(icon.sizes);
    }

    const page = await fetch(`${live.server.baseUrl}/login`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"');
    expect(html).toMatch(/<meta name="theme-color" content="#f7f4ef"/);
    const touchIcon = /<link rel="apple-touch-icon" href="([^"]+)"/.exec(html)?.[1];
    expect(touchIcon).toBeDefined();
    const touch = await fetch(new URL(touchIcon!, live.server.baseUrl));
    expect(pngSize(Buffer.from(await touch.arrayBuffer()))).toEqual({ width: 180, height: 180 });
    // The page's policy lets this origin's worker and manifest in.
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("worker-src 'self'");
    expect(policy).toContain("manifest-src 'self'");
  });

  it('serves the worker to be revalidated on every visit, and it keeps only the app shell', async () => {
    const response = await fetch(`${live.server.baseUrl}/sw.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const script = await response.text();
    const precached = [...script.matchAll(/\{url:"([^"]+)",revision:/g)].map((match) => match[1]!);
    expect(precached).toContain('index.html');
    expect(precached.some((url) => url.endsWith('.js'))).toBe(true);
    for (const url of precached) expect(url).toMatch(/^[\w./-]+\.(html|js|css|svg|png|webmanifest)$/);
    // Hashed assets stay cached for a year; the worker never is.
    const asset = precached.find((url) => url.startsWith('assets/') && url.endsWith('.js'))!;
    expect((await fetch(`${live.server.baseUrl}/${asset}`)).headers.get('cache-control')).toContain('immutable');
  });
});

describe('Tandem without a network', () => {
  it('registers its worker once someone is signed in, opens offline, and says so calmly', async () => {
    const { alex } = await couple();
    const visitor = await live.browser.newContext();
    const login = await visitor.newPage();
    await login.goto(`${live.server.baseUrl}/login`);
    await login.getByRole('heading', { name: 'Welcome back' }).waitFor();
    await login.waitForLoadState('networkidle');
    // A visitor who has not signed in downloads no worker (and not the whole app in the background).
    expect(await login.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
    await visitor.close();

    const context = await phoneSignedInAs(alex);
    const { page, problems } = await watchedPage(context, live.server.baseUrl);
    await page.goto(`${live.server.baseUrl}/dashboard`);
    await page.getByRole('heading', { name: 'This week' }).waitFor();
    expect(await controlledByWorker(page)).toBe(`${live.server.baseUrl}/sw.js`);
    const banner = page.getByRole('status').filter({ hasText: 'You are offline' });
    expect(await banner.count()).toBe(0);

    await context.setOffline(true);
    await banner.waitFor();
    // A fresh load and a move to another address, both with the network off: the app shell opens, not the browser's
    // own error page, and it says why it has nothing new to show.
    await page.reload();
    await banner.waitFor();
    expect(await page.title()).toBe('Tandem');
    await page.goto(`${live.server.baseUrl}/check-in`);
    await banner.waitFor();
    expect(await page.title()).toBe('Tandem');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    await context.setOffline(false);
    await page.getByRole('heading', { name: 'Weekly check-in' }).waitFor();
    await banner.waitFor({ state: 'detached' });
    // Loads that failed while offline are the only problems the page had.
    expect(problems.filter((problem) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(problem))).toEqual([]);
    await context.close();
  });

  it('keeps a check-in made offline on the phone and sends it exactly once when back online', async () => {
    const { alex } = await couple();
    const context = await phoneSignedInAs(alex);
    const submissions = countSubmissions(context);
    const page = await checkInPageWithWorker(context);
    // A second tab of the same app: both hear the connection come back, and only one may send.
    const otherTab = await context.newPage();
    await otherTab.goto(`${live.server.baseUrl}/dashboard`);
    await otherTab.getByRole('heading', { name: 'This week' }).waitFor();

    await keepOffline(context, page, 7, 'written on the train');
    expect(await outboxKeys(page)).toHaveLength(1);
    expect(await checkInRows(alex.id)).toBe(0);
    expect(submissions()).toBe(0);

    await context.setOffline(false);
    await expect.poll(() => checkInRows(alex.id), { timeout: 30_000 }).toBe(1);
    // Sent: the form turns into the saved check-in, and the device keeps nothing of it.
    await page.getByText('You checked in for this week already').waitFor();
    await expect.poll(() => outboxKeys(page)).toEqual([]);
    expect(await outboxKeys(otherTab)).toEqual([]);
    // Both tabs come back into view and hear the connection once more: there is nothing left for either to send.
    for (const tab of [page, otherTab]) {
      await tab.evaluate(() => {
        window.dispatchEvent(new Event('online'));
        window.dispatchEvent(new Event('focus'));
      });
      await tab.waitForLoadState('networkidle');
    }
    expect(submissions()).toBe(1);
    expect(await checkInRows(alex.id)).toBe(1);
    expect(await checkedInEntries(alex.id)).toBe(1);
    const row = await sqlRow<{ note: string | null; ratings: string }>(
      live.server,
      'select note, ratings from assessments where user_id = ?',
      alex.id,
    );
    expect(row?.note).toBe('written on the train');
    expect(Object.values(JSON.parse(row!.ratings) as Record<string, number>)).toEqual(PRACTICES.map(() => 7));
    await context.close();
  });

  it('keeps a check-in whose call got no answer, and forgets it at logout', async () => {
    const { alex } = await couple();
    // Playwright cannot stop a request that a service worker could have answered, so this phone has none: the worker
    // never answers an API call anyway, and what is tested here is the app's own handling of a call without answer.
    const context = await phoneSignedInAs(alex, 'block');
    const submissions = countSubmissions(context);
    const page = await context.newPage();
    await page.goto(`${live.server.baseUrl}/check-in`);
    await page.getByRole('heading', { name: 'Weekly check-in' }).waitFor();

    // The browser says it is online, but no call to the server gets an answer.
    await context.route('**/trpc/**', (route) => route.abort('internetdisconnected'));
    await rateEverything(page, 5);
    await page.getByLabel('Private note (optional)').fill('not for the next person on this phone');
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await page.getByRole('status').filter({ hasText: KEPT_TEXT }).waitFor();
    await page.getByRole('status').filter({ hasText: 'You are offline' }).waitFor();
    expect(await outboxKeys(page)).toHaveLength(1);
    await context.unroute('**/trpc/**');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await expect.poll(() => outboxKeys(page)).toEqual([]);
    expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toContain('not for the next person');

    // Signing in again sends nothing: the check-in went with the logout.
    await page.getByLabel('Email').fill(alex.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { name: 'This week' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(submissions()).toBe(1);
    expect(await checkInRows(alex.id)).toBe(0);
    await context.close();
  });

  it('keeps a check-in whose session ended before the save, and sends it once its author logs in again', async () => {
    const { alex } = await couple();
    const context = await phoneSignedInAs(alex, 'block');
    const page = await context.newPage();
    await page.goto(`${live.server.baseUrl}/check-in`);
    await page.getByRole('heading', { name: 'Weekly check-in' }).waitFor();
    await rateEverything(page, 4);
    await page.getByLabel('Private note (optional)').fill('typed before the session ran out');
    // The session ends while the form is open (it expired, or was ended from another device).
    await sqlRun(live.server, 'delete from sessions where user_id = ?', alex.id);
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'You were logged out, so this check-in is saved on this phone' })
      .waitFor();
    expect(await outboxKeys(page)).toHaveLength(1);
    expect(await checkInRows(alex.id)).toBe(0);

    await page.getByRole('link', { name: 'log in again' }).click();
    await page.getByLabel('Email').fill(alex.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL('**/dashboard');
    await expect
      .poll(() => savedCheckIn(alex.id), { timeout: 30_000 })
      .toEqual({
        note: 'typed before the session ran out',
        ratings: PRACTICES.map(() => 4),
      });
    await expect.poll(() => outboxKeys(page)).toEqual([]);
    await context.close();
  });

  it('keeps the form as typed when the server fails the save and the reads after it', async () => {
    const { alex } = await couple();
    const context = await phoneSignedInAs(alex, 'block');
    const page = await context.newPage();
    await page.goto(`${live.server.baseUrl}/check-in`);
    await page.getByRole('heading', { name: 'Weekly check-in' }).waitFor();

    // Something in front of the server answers 502 for a while (a deploy, say): the phone is online, calls fail.
    await context.route('**/trpc/**', (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }),
    );
    let failedReads = 0;
    page.on('response', (response) => {
      if (response.url().includes('assessment.mine')) failedReads += 1;
    });
    await rateEverything(page, 5);
    const note = page.getByLabel('Private note (optional)');
    await note.fill('still here after the errors');
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    // The save may have gone through all the same, so the week is read again: three tries over a few seconds, each
    // refused. A moment after the last, the form is still there as typed, not an error in its place.
    await expect.poll(() => failedReads, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(1_000);
    expect(await page.getByText("We couldn't load this week's check-in").count()).toBe(0);
    await expect(note.inputValue()).resolves.toBe('still here after the errors');
    await context.close();
  });

  it("never sends one account's waiting check-in for another account that signs in on the same phone", async () => {
    const { alex, blake } = await couple();
    const context = await phoneSignedInAs(alex);
    const submissions = countSubmissions(context);
    const page = await checkInPageWithWorker(context);

    await keepOffline(context, page, 3);
    expect(await outboxKeys(page)).toHaveLength(1);

    // Alex's session ends without a logout (it ran out, say), and Blake signs in on this phone.
    await context.clearCookies();
    await page.goto(`${live.server.baseUrl}/login`);
    await context.setOffline(false);
    await page.reload();
    await page.getByLabel('Email').fill(blake.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { name: 'This week' }).waitFor();
    // Alex's entry is gone from the phone unsent, and nothing was sent for Blake either.
    await expect.poll(() => outboxKeys(page)).toEqual([]);
    await page.waitForLoadState('networkidle');
    expect(submissions()).toBe(0);
    expect(await checkInRows(alex.id)).toBe(0);
    expect(await checkInRows(blake.id)).toBe(0);
    expect(await checkedInEntries(blake.id)).toBe(0);
    await context.close();
  });

  it('never sends a waiting check-in under an account that signed in since from another tab', async () => {
    const { alex, blake } = await couple();
    const context = await phoneSignedInAs(alex);
    const submissions = countSubmissions(context);
    const page = await checkInPageWithWorker(context);

    await keepOffline(context, page, 3, 'written by Alex, for Alex');
    expect(await outboxKeys(page)).toHaveLength(1);

    // Alex's session ends without this tab hearing of it, and Blake signs in from another tab that stays outside the
    // signed-in pages (an invite link, say): the phone's cookie is now Blake's, and this tab still thinks it is Alex's.
    // Blake checked in this week himself, from his laptop.
    await sqlRun(live.server, 'delete from sessions where user_id = ?', alex.id);
    const week = await keptWeek(page);
    const eights = Object.fromEntries(PRACTICES.map((p) => [p.id, 8]));
    const blakes = await blake.client.mutation('assessment.submit', { week, ratings: eights, note: 'Blake' });
    expect(blakes.status).toBe(200);
    const [name, value] = blake.client.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: live.server.baseUrl }]);
    await context.setOffline(false);
    await comeBackTo(page);
    await page.waitForTimeout(500);
    await page.waitForLoadState('networkidle');
    // Nothing sent, nothing of Blake's week read into this tab, and the copy waits for Alex, unannounced.
    expect(submissions()).toBe(0);
    expect(await savedCheckIn(blake.id)).toEqual({ note: 'Blake', ratings: PRACTICES.map(() => 8) });
    expect(await checkInRows(alex.id)).toBe(0);
    expect(await outboxKeys(page)).toHaveLength(1);
    expect(await page.getByText('was saved from another device').count()).toBe(0);

    // The form itself, still open in the same tab and online now, does the same: the server refuses Alex's words
    // from Blake's session, and the check-in is kept on the phone for Alex.
    await rateEverything(page, 2);
    await page.getByLabel('Private note (optional)').fill('Alex again, online');
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'You were logged out, so this check-in is saved on this phone' })
      .waitFor();
    expect(await savedCheckIn(blake.id)).toEqual({ note: 'Blake', ratings: PRACTICES.map(() => 8) });
    await context.close();
  });

  it('loads a tab left on one person’s pages again as whoever signs in from another tab', async () => {
    const { alex, blake } = await couple();
    const context = await phoneSignedInAs(alex, 'block');
    const alexTab = await context.newPage();
    await alexTab.goto(`${live.server.baseUrl}/dashboard`);
    await alexTab.getByText('Hello, Alex').waitFor();

    // Alex's session ends without this tab hearing of it, and Blake signs in from another tab.
    await context.clearCookies();
    const blakeTab = await context.newPage();
    await blakeTab.goto(`${live.server.baseUrl}/login`);
    await blakeTab.getByLabel('Email').fill(blake.email);
    await blakeTab.getByLabel('Password').fill(PASSWORD);
    await blakeTab.getByRole('button', { name: 'Log in', exact: true }).click();
    await blakeTab.waitForURL('**/dashboard');
    // The first tab shows Blake now, not Alex's pages under Blake's cookie.
    await alexTab.getByText('Hello, Blake').waitFor({ timeout: 15_000 });
    expect(await alexTab.getByText('Hello, Alex').count()).toBe(0);

    // Logging out there takes this tab to the login page too.
    await blakeTab
      .getByRole('button', { name: /log out/i })
      .first()
      .click();
    await alexTab.waitForURL('**/login**', { timeout: 15_000 });
    await context.close();
  });

  it('never sends a kept check-in over the same week saved online since, on this phone', async () => {
    const { alex } = await couple();
    const context = await phoneSignedInAs(alex, 'block');
    const submissions = countSubmissions(context);
    const page = await context.newPage();
    await page.goto(`${live.server.baseUrl}/check-in`);
    await page.getByRole('heading', { name: 'Weekly check-in' }).waitFor();

    // The save gets no answer and is kept; the connection comes back without the browser saying so.
    await context.route('**/trpc/**', (route) => route.abort('internetdisconnected'));
    await rateEverything(page, 5);
    await page.getByLabel('Private note (optional)').fill('the first try');
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await page.getByRole('status').filter({ hasText: KEPT_TEXT }).waitFor();
    expect(await outboxKeys(page)).toHaveLength(1);
    await context.unroute('**/trpc/**');

    // Saved again, now online: the newer one reaches the server, and the older copy goes from the phone.
    await rateEverything(page, 8);
    await page.getByLabel('Private note (optional)').fill('the one that counts');
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await page.waitForURL('**/dashboard?**');
    expect(submissions()).toBe(2);
    expect(await outboxKeys(page)).toEqual([]);

    await comeBackTo(page);
    expect(submissions()).toBe(2);
    expect(await savedCheckIn(alex.id)).toEqual({ note: 'the one that counts', ratings: PRACTICES.map(() => 8) });
    expect(await checkedInEntries(alex.id)).toBe(1);
    await context.close();
  });

  it('drops a kept check-in, and says so, when the week was saved from another device meanwhile', async () => {
    const { alex, blake } = await couple();
    const context = await phoneSignedInAs(alex);
    const submissions = countSubmissions(context);
    const page = await checkInPageWithWorker(context);

    await keepOffline(context, page, 4, 'kept on the phone');
    const week = await keptWeek(page);

    // Meanwhile, on the laptop (the same session, another device): Alex does the week there, and Blake answers too.
    const ratingsOf = (value: number) => Object.fromEntries(PRACTICES.map((p) => [p.id, value]));
    const laptop = await alex.client.mutation('assessment.submit', {
      week,
      ratings: ratingsOf(9),
      note: 'from the laptop',
    });
    expect(laptop.status).toBe(200);
    expect((await blake.client.mutation('assessment.submit', { week, ratings: ratingsOf(6) })).status).toBe(200);

    await context.setOffline(false);
    await page
      .getByRole('status')
      .filter({
        hasText:
          'A newer check-in for this week was saved from another device, so the one kept on this phone was not sent.',
      })
      .waitFor();
    await expect.poll(() => outboxKeys(page)).toEqual([]);
    // The form now shows what the laptop saved.
    await page.getByText('You checked in for this week already').waitFor();
    await expect(page.getByLabel('Private note (optional)').inputValue()).resolves.toBe('from the laptop');

    await comeBackTo(page);
    expect(submissions()).toBe(0);
    expect(await savedCheckIn(alex.id)).toEqual({ note: 'from the laptop', ratings: PRACTICES.map(() => 9) });
    // Nothing for Blake to read in the feed about a change made after both had answered.
    const lateChanges = await sqlRow<{ n: number }>(
      live.server,
      "select count(*) as n from activity_events where actor_id = ? and kind = 'changed-after-both-answered'",
      alex.id,
    );
    expect(Number(lateChanges!.n)).toBe(0);
    expect(await checkedInEntries(alex.id)).toBe(1);
    await context.close();
  });

  it('drops a kept check-in the server refuses, and tells the person why', async () => {
    const { alex } = await couple();
    const context = await phoneSignedInAs(alex, 'block');
    const submissions = countSubmissions(context);
    const page = await context.newPage();
    await page.goto(`${live.server.baseUrl}/dashboard`);
    await page.getByRole('heading', { name: 'This week' }).waitFor();

    // Kept by a phone whose clock ran far ahead: a week that has not begun anywhere, which the server will never take.
    await page.evaluate(
      ({ prefix, userId, ratings }) => {
        const entry = {
          userId,
          week: '2099-W02',
          ratings,
          note: 'too early',
          base: null,
          savedAt: '2099-01-08T08:00:00Z',
        };
        window.localStorage.setItem(`${prefix}${userId}:2099-W02`, JSON.stringify(entry));
      },
      { prefix: OUTBOX_PREFIX, userId: alex.id, ratings: Object.fromEntries(PRACTICES.map((p) => [p.id, 5])) },
    );
    await comeBackTo(page);
    // The week as the person's own calendar names it, and the server's reason in its own words.
    await page
      .getByRole('status')
      .filter({
        hasText:
          /^Your check-in for the week of .*2099.* kept on this phone could not be sent: week: 2099-W02 hasn't started anywhere yet; .+ Please enter it again\./,
      })
      .waitFor();
    expect(await outboxKeys(page)).toEqual([]);
    expect(submissions()).toBe(1);

    // Gone for good: coming back to the app again sends nothing more.
    await comeBackTo(page);
    expect(submissions()).toBe(1);
    expect(await checkInRows(alex.id)).toBe(0);
    await context.close();
  });
});
