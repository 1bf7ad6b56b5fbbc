import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PRACTICES } from '#shared/practices';
import { NOTE_MAX_LENGTH, REFLECTION_MAX_LENGTH } from '#shared/schemas/text.schema';
import { uniqueEmail } from '../helpers/emails';
import { accessibilityViolations, horizontalOverflow, watchedPage, watchForText } from '../helpers/browser';
import { serverAndBrowser } from '../helpers/e2e-setup';
import { HttpClient } from '../helpers/http-server';
import { pairedLongAgoByEmail } from '../helpers/paired-long-ago';

const PASSWORD = 'a password long enough';
const live = serverAndBrowser();

interface Account {
  client: HttpClient;
  email: string;
  id: string;
}

async function signUp(name: string, role: 'partner' | 'coach' = 'partner'): Promise<Account> {
  const client = new HttpClient(live.server.baseUrl);
  const email = uniqueEmail(name);
  const response = await client.mutation('auth.signup', { email, password: PASSWORD, displayName: name, role });
  expect(response.status).toBe(200);
  return { client, email, id: response.body.result.data.id as string };
}

async function pair(a: Account, b: Account): Promise<string> {
  const created = (await a.client.mutation('couple.create', {})).body.result.data as { inviteCode: string };
  expect((await b.client.mutation('couple.join', { inviteCode: created.inviteCode })).status).toBe(200);
  await pairedLongAgoByEmail(live.server, [a.email, b.email]);
  return (await a.client.query('auth.me')).body.result.data.coupleId as string;
}

async function inviteCoach(partner: Account, coach: Account) {
  const { coachCode } = (await partner.client.mutation('couple.inviteCoach', {})).body.result.data as {
    coachCode: string;
  };
  expect((await coach.client.mutation('coach.accept', { coachCode })).status).toBe(200);
}

/** A browser window logged in as `account` (or nobody), at a phone's width unless told otherwise. */
async function windowFor(account: Account | null, viewport = { width: 390, height: 844 }) {
  const context = await live.browser.newContext({ viewport });
  if (account) {
    const [name, value] = account.client.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: live.server.baseUrl }]);
  }
  const watched = await watchedPage(context, live.server.baseUrl);
  return { context, ...watched };
}

async function goTo(page: Page, path: string) {
  await page.goto(`${live.server.baseUrl}${path}`);
  await page.locator('h1').first().waitFor();
}

async function checkPage(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  expect(await horizontalOverflow(page), label).toBe(0);
  expect(await accessibilityViolations(page), label).toEqual([]);
}

const focusedIs = (page: Page, name: string) =>
  page.evaluate((text) => document.activeElement?.textContent?.trim() === text, name);

describe('the check-in on a phone with its keyboard open', () => {
  it('keeps every focused rating clear of the sticky save bar at 390×700', async () => {
    const sam = await signUp('Sam');
    const { context, page, problems } = await windowFor(sam, { width: 390, height: 700 });
    await goTo(page, '/check-in');
    const bar = page.locator('.sticky-actions');

    /** Where the focused element ends, against where the save bar begins, both in the window's coordinates. */
    const clearance = () =>
      page.evaluate(() => {
        const focused = document.activeElement!.closest('.rating-options') ?? document.activeElement!;
        const barTop = document.querySelector('.sticky-actions')!.getBoundingClientRect().top;
        const box = focused.getBoundingClientRect();
        return { top: box.top, bottom: box.bottom, barTop };
      });
    const expectClear = async (label: string) => {
      // The browser scrolls on focus; give it the frame it takes.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const { top, bottom, barTop } = await clearance();
      expect(bottom, label).toBeLessThanOrEqual(barTop);
      expect(top, label).toBeGreaterThanOrEqual(0);
    };

    // With Tab, as a keyboard moves through the form.
    await page.getByLabel('Which week are you checking in for?').focus();
    for (const practice of PRACTICES) {
      await page.keyboard.press('Tab');
      await expectClear(`Tab to ${practice.name}`);
      await page.keyboard.press('ArrowRight');
    }
    // Back to the top, then each group by its own focus (a phone's "next" key, a tap on a label).
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const practice of PRACTICES) {
      await page
        .getByRole('group', { name: new RegExp(`^${practice.name}`) })
        .locator('input')
        .first()
        .focus();
      await expectClear(`focus on ${practice.name}`);
    }

    // A taller bar (it now says what is missing) still leaves the focused rating in sight.
    await page.reload();
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await page.getByText('10 practices still need a rating.').waitFor();
    expect((await bar.boundingBox())!.height).toBeGreaterThan(100);
    await expectClear('the first missing practice, with the message in the bar');
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const practice of PRACTICES.slice(1)) {
      await page
        .getByRole('group', { name: new RegExp(`^${practice.name}`) })
        .locator('input')
        .first()
        .focus();
      await expectClear(`focus on ${practice.name}, with the message in the bar`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('long text', () => {
  it('counts as you type, tells a screen reader after a pause, and refuses text over the limit without cutting it', async () => {
    const lee = await signUp('Lee');
    const { context, page, problems, requests } = await windowFor(lee);
    await goTo(page, '/check-in');
    for (const practice of PRACTICES)
      await page
        .getByRole('group', { name: new RegExp(`^${practice.name}`) })
        .getByLabel('5 of 10', { exact: true })
        .check();

    const note = page.getByLabel('Private note (optional)');
    const field = page.locator('.field').filter({ has: note });
    const counter = field.getByTestId('char-count');
    const spoken = field.locator('[aria-live="polite"]');
    await note.pressSequentially('A quiet week.');
    await expect(counter.textContent()).resolves.toBe(`13 of ${NOTE_MAX_LENGTH.toLocaleString('en')} characters`);
    // Not on every keystroke: the live region speaks only once typing pauses.
    await expect(spoken.textContent()).resolves.toBe('');
    await page.waitForTimeout(1500);
    await expect(spoken.textContent()).resolves.toBe(await counter.textContent());
    expect(await counter.getAttribute('aria-hidden')).toBe('true');

    // Ten thousand characters pasted: all of them stay in the field, and saving is refused with the reason.
    const pasted = 'All of this stays. '.repeat(527).slice(0, 10_000);
    await note.fill(pasted);
    await expect(note.inputValue()).resolves.toHaveLength(10_000);
    expect(await note.getAttribute('maxlength')).toBeNull();
    await expect(counter.textContent()).resolves.toBe('8,000 characters too many');
    const saves = () => requests.filter((url) => url.includes('assessment.submit')).length;
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await field.getByText('This is 8,000 characters over the limit of 2,000. Shorten it to save').waitFor();
    await expect(note.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(note.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(page.url()).toContain('/check-in');
    expect(saves()).toBe(0);
    await note.fill(pasted.slice(0, NOTE_MAX_LENGTH));
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await page.waitForURL('**/dashboard?saved=*');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('collapses a long reflection in the list, shows all of it on request, and reads right-to-left text its own way', async () => {
    const noor = await signUp('Noor');
    const { context, page, problems } = await windowFor(noor);
    await goTo(page, '/practices/trust');
    const answer = page.getByLabel('Your answer', { exact: true });
    await answer.fill('x'.repeat(REFLECTION_MAX_LENGTH + 1));
    await page.getByRole('button', { name: 'Save answer' }).click();
    await page.getByText('This is 1 character over the limit of 4,000').waitFor();
    await expect(answer.inputValue()).resolves.toHaveLength(REFLECTION_MAX_LENGTH + 1);

    const long = `${'I trust you with the small things first. '.repeat(30)}The last sentence.`;
    await answer.fill(long);
    await page.getByRole('button', { name: 'Save answer' }).click();
    const list = page.getByRole('list', { name: 'Your answers' });
    const body = list.locator('.reflection-body');
    await body.waitFor();
    await expect(body.textContent()).resolves.not.toContain('The last sentence.');
    const showAll = list.getByRole('button', { name: 'Show all' });
    await expect(showAll.getAttribute('aria-expanded')).resolves.toBe('false');
    await showAll.click();
    await expect(body.textContent()).resolves.toBe(long);
    await expect(list.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).resolves.toBe('true');

    await answer.fill('أثق بك في الأشياء الصغيرة أولاً');
    await page.getByRole('button', { name: 'Save answer' }).click();
    const arabic = list.locator('.reflection-body', { hasText: 'أثق بك' });
    await arabic.waitFor();
    expect(await arabic.getAttribute('dir')).toBe('auto');
    expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await body.filter({ hasText: 'I trust' }).evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    await checkPage(page, 'practice page with long answers');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('inviting a partner', () => {
  it('gives a link to copy or share, offers a new one after a reload, and the link leads a newcomer through sign-up to joining', async () => {
    const alex = await signUp('Alex');
    const { context, page, problems } = await windowFor(alex);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: live.server.baseUrl });
    // A phone's share sheet, as the browser offers it there.
    await context.addInitScript(() => {
      const shared: unknown[] = [];
      Object.assign(window, { sharedData: shared });
      Object.defineProperty(navigator, 'share', { value: (data: unknown) => (shared.push(data), Promise.resolve()) });
      Object.defineProperty(navigator, 'canShare', { value: () => true });
    });
    await goTo(page, '/settings');
    await page.getByRole('button', { name: 'Create our couple' }).click();
    const link = (await page.getByTestId('invite-link').textContent())!;
    const code = (await page.getByTestId('invite-code').textContent())!;
    expect(link).toBe(`${live.server.baseUrl}/join/${code}`);
    await page.getByText('Send it to your partner however you like.').waitFor();

    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('The link is copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await page.getByRole('button', { name: 'Share…' }).click();
    expect(await page.evaluate(() => (window as unknown as { sharedData: { url: string }[] }).sharedData)).toEqual([
      expect.objectContaining({ url: link }),
    ]);
    await checkPage(page, 'settings with an invite link');

    // After a reload the code cannot be shown again (only a hash is kept): a new one is offered instead.
    await page.reload();
    await page.getByText("Tandem keeps only a scrambled copy of it, so it can't be shown again.").waitFor();
    expect(await page.getByTestId('invite-link').count()).toBe(0);
    await page.getByRole('button', { name: 'Make a new invite link' }).click();
    const newLink = (await page.getByTestId('invite-link').textContent())!;
    expect(newLink).not.toBe(link);

    // Blake has no account yet: the link takes him to sign up, and back to the join.
    const blake = await windowFor(null);
    await blake.page.goto(newLink);
    await blake.page.waitForURL('**/signup?redirect=*');
    await blake.page.getByText('Your partner invited you.').waitFor();
    await blake.page.getByLabel('Your name').fill('Blake');
    await blake.page.getByLabel('Email').fill(uniqueEmail('blake'));
    await blake.page.getByLabel('Password').fill(PASSWORD);
    await blake.page.getByRole('button', { name: 'Create account' }).click();
    await blake.page.waitForURL('**/join/*');
    await blake.page.getByRole('heading', { name: 'Join your partner' }).waitFor();
    await expect(blake.page.getByLabel('Invite code').inputValue()).resolves.toBe(newLink.split('/join/')[1]);
    await checkPage(blake.page, 'join page');
    // Joining refreshes who Blake is before the move to the dashboard: the page must not say he was already in one.
    const saidAlreadyInCouple = await watchForText(blake.page, "You're already in a couple");
    await blake.page.getByRole('button', { name: 'Join my partner' }).click();
    await blake.page.waitForURL('**/dashboard');
    expect(await saidAlreadyInCouple()).toBe(false);
    await blake.page.getByRole('status').getByText("You've joined Alex.").waitFor();
    // The notice belongs to that screen: it is gone on the next.
    await blake.page.getByRole('button', { name: 'Menu' }).click();
    await blake.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await blake.page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await blake.page.getByText("You've joined Alex.").count()).toBe(0);

    // The first link was replaced; and Alex, now in a full couple, is told so by any invite link.
    await page.goto(link);
    await page.getByRole('heading', { name: "You're already in a couple" }).waitFor();
    expect(problems).toEqual([]);
    expect(blake.problems).toEqual([]);
    await blake.context.close();
    await context.close();
  });
});

describe('coaching, in the settings and in what you share', () => {
  it('offers "our coach" only once there is one, says when they joined, and asks before ending their access', async () => {
    const [ana, ben, kim] = [await signUp('Ana'), await signUp('Ben'), await signUp('Kim', 'coach')];
    await pair(ana, ben);
    const { context, page, problems } = await windowFor(ana);
    await goTo(page, '/practices/trust');
    const audiences = page.getByRole('group', { name: 'Who can read it' }).getByRole('radio');
    await expect
      .poll(() => audiences.evaluateAll((radios) => radios.map((r) => r.parentElement!.textContent)))
      .toEqual(['Only me', 'Me and Ben']);

    await inviteCoach(ana, kim);
    await page.reload();
    await page.getByRole('radio', { name: 'Me, Ben and our coach' }).waitFor();
    await page
      .getByText(/^Your coach Kim joined on .+ Answers you share with “our coach” from then on reach Kim/)
      .waitFor();

    // The coach code card speaks of the coach.
    await goTo(page, '/settings');
    const access = page.getByRole('region', { name: 'Coach access' });
    await access.getByRole('button', { name: 'Make a coach code' }).click();
    await access.getByText('Send it to your coach however you like.').waitFor();

    // Ending access asks first, starting on the safe choice; Escape and "Keep access" keep it.
    await access.getByRole('button', { name: "End Kim's access" }).click();
    const dialog = page.getByRole('dialog', { name: "End Kim's access?" });
    await dialog.waitFor();
    await expect(focusedIs(page, 'Keep access')).resolves.toBe(true);
    await checkPage(page, 'end access dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await access.getByRole('button', { name: "End Kim's access" }).click();
    await dialog.getByRole('button', { name: 'Keep access' }).click();
    expect((await ana.client.query('couple.get')).body.result.data.coaches).toHaveLength(1);
    await access.getByRole('button', { name: "End Kim's access" }).click();
    await dialog.getByRole('button', { name: 'End access' }).click();
    await access.getByText('Done. Kim can no longer see anything of yours.').waitFor();
    await access.getByText('No coach has access to your check-ins.').waitFor();

    // Without a coach, "our coach" is no longer offered.
    await goTo(page, '/practices/trust');
    await page.getByRole('radio', { name: 'Me and Ben' }).waitFor();
    expect(await page.getByRole('radio', { name: /our coach/ }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('settings', () => {
  it('puts coach access above leaving and deleting, and changes the name and the email in place', async () => {
    const [ana, ben] = [await signUp('Ana'), await signUp('Ben')];
    await pair(ana, ben);
    const { context, page, problems } = await windowFor(ana);
    await goTo(page, '/settings');
    // The cards' headings in page order (a dialog's title is not one of them).
    const headings = await page.locator('main h2:not(dialog h2)').allTextContents();
    const at = (name: string) => headings.indexOf(name);
    expect(at('Coach access')).toBeGreaterThan(-1);
    expect(at('Coach access')).toBeLessThan(at('Leave your couple'));
    expect(at('Coach access')).toBeLessThan(at('Delete your account'));
    expect(at('Delete your account')).toBe(headings.length - 1);

    const account = page.getByRole('region', { name: 'Your account', exact: true });
    await account.getByRole('button', { name: 'Change name' }).click();
    await account.getByLabel('Your name').fill('Ana María');
    await account.getByRole('button', { name: 'Save name' }).click();
    await account.getByText('Your name is now Ana María.').waitFor();
    expect((await ben.client.query('couple.get')).body.result.data.partners[0].displayName).toBe('Ana María');
    // A new problem clears the old success.
    await account.getByRole('button', { name: 'Change name' }).click();
    await account.getByLabel('Your name').fill('   ');
    await account.getByRole('button', { name: 'Save name' }).click();
    await account.getByText('Tell us what to call you.').waitFor();
    expect(await account.getByText('Your name is now').count()).toBe(0);
    await account.getByRole('button', { name: 'Cancel' }).click();

    const newEmail = uniqueEmail('ana-moved');
    await account.getByRole('button', { name: 'Change email' }).click();
    await account.getByLabel('New email').fill(ben.email);
    await account.getByLabel('Your password').fill('not my password');
    await account.getByRole('button', { name: 'Save email' }).click();
    await account.getByRole('alert').getByText("That isn't your current password. Your email is unchanged.").waitFor();
    await account.getByLabel('Your password').fill(PASSWORD);
    await account.getByRole('button', { name: 'Save email' }).click();
    await account.getByRole('alert').getByText('Another account already uses this email.').waitFor();
    await account.getByLabel('New email').fill(newEmail);
    await account.getByRole('button', { name: 'Save email' }).click();
    await account.getByText(`You log in with ${newEmail} from now on.`).waitFor();
    await account.getByText(newEmail, { exact: true }).waitFor();
    await checkPage(page, 'settings');

    // Stale success: the password change's "changed" goes when a new problem appears.
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password').fill('an even newer password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.').waitFor();
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Use at least 10 characters.').waitFor();
    expect(await page.getByText('Your password is changed.').count()).toBe(0);

    // An import says the server's reason in words, without the field's name in front.
    await page.getByLabel('Export file (.json)').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello":"world"}'),
    });
    await page.getByRole('button', { name: 'Import this file' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe("This file isn't a Tandem export.");
    expect(problems.filter((p) => !/40[039]/.test(p))).toEqual([]);
    await context.close();
  });

  it('says what happened after leaving (asked with "Stay" in focus), logging out and deleting the account', async () => {
    const [ana, ben] = [await signUp('Ana'), await signUp('Ben')];
    await pair(ana, ben);
    const { context, page, problems } = await windowFor(ana);
    await goTo(page, '/settings');
    await page.getByRole('button', { name: 'Leave the couple…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave your couple?' });
    await dialog.waitFor();
    await expect(focusedIs(page, 'Stay')).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Leave the couple' }).click();
    await page.getByRole('heading', { name: 'Pair up with your partner' }).waitFor();
    await page.getByRole('status').getByText("You've left the couple. You keep everything you wrote").waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('status').getByText("You're logged out.").waitFor();
    await checkPage(page, 'login after logging out');

    await page.getByLabel('Email').fill(ana.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/dashboard');
    expect(await page.getByText("You're logged out.").count()).toBe(0);
    await goTo(page, '/settings');
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const remove = page.getByRole('dialog', { name: 'Delete your account for good?' });
    await expect(remove.getByLabel('Your password').evaluate((el) => el === document.activeElement)).resolves.toBe(
      true,
    );
    await remove.getByLabel('Your password').fill(PASSWORD);
    await remove.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('status').getByText('Your account is deleted, with everything you wrote.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the login page', () => {
  it('says what to do about a forgotten password, in words', async () => {
    const { context, page } = await windowFor(null);
    await goTo(page, '/login');
    const help = page.getByText(/^Forgot your password\?/);
    await expect(help.textContent()).resolves.toContain('ask whoever runs your Tandem server');
    await expect(help.textContent()).resolves.not.toContain('npm');
    await context.close();
  });

  it('shows "Setting up the demo…" while the demo is made, never the header over the login form', async () => {
    const { context, page, problems } = await windowFor(null);
    await goTo(page, '/login');
    // Watches every change of the page from the click on: the menu and the login form must never share a screen.
    await page.evaluate(() => {
      const seen = { both: false, settingUp: false };
      Object.assign(window, { demoWatch: seen });
      const look = () => {
        const nav = document.querySelector('nav[aria-label="Main"]');
        const form = [...document.querySelectorAll('h1')].some((h) => h.textContent === 'Welcome back');
        if (nav && form) seen.both = true;
        if ([...document.querySelectorAll('h1')].some((h) => h.textContent === 'Setting up the demo…'))
          seen.settingUp = true;
      };
      new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Explore the demo' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { name: 'Hello, Alex' }).waitFor();
    const seen = await page.evaluate(() => (window as unknown as { demoWatch: object }).demoWatch);
    expect(seen).toEqual({ both: false, settingUp: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the header', () => {
  /** The header's height, and whether its items all sit on one row. */
  const headerRow = (page: Page) =>
    page.evaluate(() => {
      const header = document.querySelector('.site-header')!;
      const items = [header.querySelector('.brand')!, ...header.querySelectorAll('.site-nav > *')]
        .map((el) => el.getBoundingClientRect())
        .filter((box) => box.width > 0);
      const centres = items.map((box) => box.top + box.height / 2);
      return { height: header.getBoundingClientRect().height, spread: Math.max(...centres) - Math.min(...centres) };
    });

  async function partnerWindow(width: number): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const pat = await signUp('Pat');
    return windowFor(pat, { width, height: 800 });
  }

  it('fits one row on a phone, with a menu that works from the keyboard and marks the current page', async () => {
    const { context, page, problems } = await partnerWindow(390);
    await goTo(page, '/check-in');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const menu = nav.getByRole('button', { name: 'Menu' });
    await menu.waitFor();
    const row = await headerRow(page);
    expect(row.height).toBeLessThan(72);
    expect(row.spread).toBeLessThan(4);
    await expect(nav.getByRole('link', { name: 'Dashboard' }).isVisible()).resolves.toBe(false);
    await nav.getByRole('button', { name: 'Log out' }).waitFor();

    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    const current = nav.getByRole('link', { name: 'Check in' });
    await current.waitFor();
    await expect(current.getAttribute('aria-current')).resolves.toBe('page');
    await expect(nav.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).resolves.toBeNull();
    await checkPage(page, 'phone menu open');
    await page.keyboard.press('Tab');
    await expect(focusedIs(page, 'Dashboard')).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(focusedIs(page, 'Menu')).resolves.toBe(true);

    // Choosing a page closes the menu.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(focusedIs(page, 'Settings')).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/settings');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await checkPage(page, 'settings, phone');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows every page in the row on a wide screen, with no menu button', async () => {
    const { context, page, problems } = await partnerWindow(1440);
    await goTo(page, '/settings');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Settings' }).waitFor();
    await expect(nav.getByRole('button', { name: 'Menu' }).isVisible()).resolves.toBe(false);
    await expect(nav.getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).resolves.toBe('page');
    expect((await headerRow(page)).spread).toBeLessThan(4);
    await checkPage(page, 'settings, wide');
    expect(problems).toEqual([]);
    await context.close();
  });
});
