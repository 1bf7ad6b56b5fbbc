import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { addWeeks, currentWeek } from '#shared/week';
import { accessibilityViolations, horizontalOverflow, watchedPage } from '../helpers/browser';
import { serverAndBrowser } from '../helpers/e2e-setup';
import { HttpClient } from '../helpers/http-server';
import { pairedLongAgoByEmail } from '../helpers/paired-long-ago';
import { ratingsOf } from '../helpers/ratings';

// Many accounts are made from one address here; the limits per address are tested elsewhere.
const live = serverAndBrowser({ ipRateLimit: false });
const thisWeek = currentWeek(new Date());
const WIDTHS = [390, 1440] as const;

interface Person {
  client: HttpClient;
  email: string;
}

async function person(name: string, role: 'partner' | 'coach' = 'partner'): Promise<Person> {
  const client = new HttpClient(live.server.baseUrl);
  const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const { status } = await client.mutation('auth.signup', {
    email,
    password: 'a long password',
    displayName: name,
    role,
  });
  expect(status).toBe(200);
  return { client, email };
}

async function pair(a: Person, b: Person): Promise<string> {
  const { body } = await a.client.mutation('couple.create', {});
  expect((await b.client.mutation('couple.join', { inviteCode: body.result.data.inviteCode })).status).toBe(200);
  return body.result.data.coupleId as string;
}

async function checkIn(who: Person, week: string, ratings: ReturnType<typeof ratingsOf>) {
  expect((await who.client.mutation('assessment.submit', { week, ratings })).status).toBe(200);
}

async function coachOf(coupleMember: Person, coach: Person): Promise<string> {
  const { body } = await coupleMember.client.mutation('couple.inviteCoach', {});
  const accepted = await coach.client.mutation('coach.accept', { coachCode: body.result.data.coachCode });
  expect(accepted.status).toBe(200);
  return accepted.body.result.data.coupleId as string;
}

let alex: Person;
let blake: Person;
let sam: Person;
let riley: Person;
let solo: Person;
let kim: Person;
let yearCouple: string;
let firstWeekCouple: string;

/**
 * Alex and Blakeley-Montgomery (a long name, to test the columns) with a year of weekly check-ins, where Blake has
 * checked in this week and Alex not yet; Sam and Riley in their first week together, with many gaps; Solo, on their
 * own, checked in this week. Kim coaches both couples.
 */
beforeAll(async () => {
  alex = await person('Alex');
  blake = await person('Blakeley-Montgomery');
  yearCouple = await pair(alex, blake);
  await pairedLongAgoByEmail(live.server, [alex.email, blake.email]);
  for (let back = 52; back >= 1; back--) {
    const week = addWeeks(thisWeek, -back);
    await checkIn(
      alex,
      week,
      ratingsOf((_, i) => Math.min(10, 1 + ((i + back) % 10) + (back % 3))),
    );
    await checkIn(blake, week, ratingsOf(6));
  }
  await checkIn(blake, thisWeek, ratingsOf(7));

  sam = await person('Sam');
  riley = await person('Riley');
  firstWeekCouple = await pair(sam, riley);
  await checkIn(sam, thisWeek, ratingsOf(9));
  await checkIn(riley, thisWeek, ratingsOf(6, { trust: 2, rituals: 3, empathy: 4, presence: 5, patience: 5 }));

  solo = await person('Solo');
  await checkIn(solo, thisWeek, ratingsOf(5));

  kim = await person('Kim', 'coach');
  expect(await coachOf(alex, kim)).toBe(yearCouple);
  expect(await coachOf(sam, kim)).toBe(firstWeekCouple);
});

async function contextFor(who: Person, width: number): Promise<BrowserContext> {
  const context = await live.browser.newContext({ viewport: { width, height: 900 } });
  const [name, value] = who.client.cookie!.split('=') as [string, string];
  await context.addCookies([{ name, value, url: live.server.baseUrl }]);
  return context;
}

async function open(who: Person, width: number, path: string) {
  const context = await contextFor(who, width);
  const watched = await watchedPage(context, live.server.baseUrl);
  await watched.page.goto(`${live.server.baseUrl}${path}`);
  await watched.page.waitForLoadState('networkidle');
  return { ...watched, context };
}

/**
 * Every data cell under `container` that lies, left to right, outside the window or outside a box that clips or
 * scrolls it sideways: a column a reader would have to scroll to find, or could not see at all.
 */
function cellsOutOfSight(container: Locator): Promise<string[]> {
  return container.evaluate((root) => {
    const outside: string[] = [];
    for (const cell of root.querySelectorAll('td')) {
      const rect = cell.getBoundingClientRect();
      let hidden = rect.left < 0 || rect.right > document.documentElement.clientWidth;
      for (let box = cell.parentElement; box && box !== document.body && !hidden; box = box.parentElement) {
        const overflow = getComputedStyle(box).overflowX;
        if (overflow === 'visible') continue;
        const bounds = box.getBoundingClientRect();
        hidden = rect.left < bounds.left - 0.5 || rect.right > bounds.right + 0.5 || box.scrollWidth > box.clientWidth;
      }
      if (hidden) outside.push(`${cell.dataset.label ?? '?'}: ${cell.textContent ?? ''}`);
    }
    return outside;
  });
}

/** Opens every chart's table view on the page. */
async function showEveryTable(page: Page) {
  const buttons = page.getByRole('button', { name: 'Show as table' });
  while ((await buttons.count()) > 0) await buttons.first().click();
}

async function expectCleanPage(page: Page, label: string) {
  expect(await horizontalOverflow(page), label).toBe(0);
  expect(await accessibilityViolations(page), label).toEqual([]);
}

describe('both partners stay in sight', () => {
  it.each(WIDTHS)(
    'at %i px, every partner’s number of Side by side and of every table lies inside the window',
    async (width) => {
      const pages = [
        { who: alex, path: '/dashboard' },
        { who: kim, path: `/coach/couples/${yearCouple}` },
        { who: kim, path: `/coach/couples/${yearCouple}/report` },
        { who: sam, path: '/dashboard' },
      ];
      for (const { who, path } of pages) {
        const { page, problems, context } = await open(who, width, path);
        const label = `${path} at ${width}`;
        const side = page.getByRole('region', { name: 'Side by side' });
        await side.getByRole('table').waitFor();
        // Ten practices, two partners: twenty numbers, each with its owner's name in its column.
        expect(await side.locator('tbody td').count(), label).toBe(20);
        expect(await side.getByRole('cell').count(), label).toBe(20);
        expect(await cellsOutOfSight(side), label).toEqual([]);
        await expectCleanPage(page, label);

        await showEveryTable(page);
        const tables = page.locator('main table');
        expect(await tables.count(), label).toBeGreaterThanOrEqual(path === '/dashboard' && who === sam ? 2 : 3);
        expect(await cellsOutOfSight(page.locator('main')), label).toEqual([]);
        await expectCleanPage(page, `${label}, as tables`);
        expect(problems, label).toEqual([]);
        await context.close();
      }
    },
  );
});

describe('what the cards say', () => {
  it('says who has checked in the same way on every card, for a partner on their own, the first, the second and the coach', async () => {
    // Sam and Riley have both checked in; Blake alone, not Alex; Solo on their own.
    const cases = [
      {
        who: solo,
        path: '/dashboard',
        says: "You've checked in this week.",
        never: /haven't checked in|have not checked in|Neither of you/,
      },
      {
        who: alex,
        path: '/dashboard',
        says: 'Blakeley-Montgomery has checked in. Their ratings show once you have too',
        never: /Neither of you|have both checked in this week/,
      },
      {
        who: blake,
        path: '/dashboard',
        says: "You've checked in. Alex's turn",
        never: /Neither of you|haven't checked in/,
      },
      {
        who: kim,
        path: `/coach/couples/${yearCouple}`,
        says: 'Blakeley-Montgomery has checked in this week; Alex not yet.',
        never: /Neither|you both|Each of you/,
      },
    ];
    for (const { who, path, says, never } of cases) {
      const { page, problems, context } = await open(who, 1280, path);
      await page.getByText(says).waitFor();
      expect(await page.locator('main').textContent(), path).not.toMatch(never);
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('calls ratings self-ratings and, in a first week of many gaps, leads with the two largest and a way to start', async () => {
    const { page, problems, context } = await open(riley, 390, '/dashboard');
    const gaps = page.getByRole('region', { name: 'Two perspectives' });
    await gaps.getByRole('listitem').first().waitFor();
    await expect(gaps.getByRole('listitem').count()).resolves.toBe(2);
    await expect(gaps.getByRole('listitem').first().textContent()).resolves.toBe(
      "Building trust, gradually and consistentlyYour own rating: 2 · Sam's own rating: 9 (7 points apart)",
    );
    await gaps.getByText('A way to start:').waitFor();
    await gaps.getByText(/^Eight more practices are three or more points apart/).waitFor();
    // Side by side highlights those two only, however many are far apart.
    const side = page.getByRole('region', { name: 'Side by side' });
    await expect(side.locator('tr.row-highlight').count()).resolves.toBe(2);
    expect(await page.locator('main').textContent()).not.toMatch(/\bsees?\b/);
    await expectCleanPage(page, 'Riley in the first week');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('names a suggestion, the couple’s focus and the coach’s choice for what each is, with no adopt button for the last', async () => {
    const suggested = await open(alex, 1280, '/dashboard');
    const card = suggested.page.locator('.focus-card');
    await card.getByText('Suggested for this week', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Adopt as our focus' }).waitFor();
    await card.getByText(/^It rests on your check-ins before this week/).waitFor();
    await suggested.context.close();

    expect(
      (await kim.client.mutation('coach.assignFocus', { coupleId: yearCouple, practiceId: 'celebration' })).status,
    ).toBe(200);
    const chosen = await open(alex, 390, '/dashboard');
    const chosenCard = chosen.page.locator('.focus-card');
    await chosenCard.getByText('Chosen by your coach', { exact: true }).waitFor();
    await chosenCard.getByText(/^Your coach, Kim, chose celebration for you to focus on/).waitFor();
    expect(await chosenCard.getByRole('button', { name: /Adopt|our focus/ }).count()).toBe(0);
    await expectCleanPage(chosen.page, 'a coach’s choice');
    await chosen.context.close();

    const coach = await open(kim, 1280, `/coach/couples/${yearCouple}`);
    const coachCard = coach.page.locator('.focus-card');
    await coachCard.getByText('Chosen by their coach', { exact: true }).waitFor();
    await coachCard.getByText(/^You chose celebration for them to focus on/).waitFor();
    // The coach reads about the couple, not "you both".
    const main = coach.page.locator('main');
    await main.getByText('Each of them now (filled)', { exact: false }).waitFor();
    await main.getByText('mean of Alex and Blakeley-Montgomery').first().waitFor();
    expect(await main.textContent()).not.toMatch(/you both|Each of you|of you both/);
    expect(coach.problems).toEqual([]);
    await coach.context.close();
    expect((await kim.client.mutation('coach.assignFocus', { coupleId: yearCouple, practiceId: null })).status).toBe(
      200,
    );
  });

  it('says a week held back by the hiding rule is waiting, not "not logged", in the tables and the tooltips', async () => {
    const { page, problems, context } = await open(alex, 1280, '/dashboard');
    const connection = page.getByRole('region', { name: 'Connection over time' });
    // The tooltip of this week, at the chart's right edge.
    await connection.locator('.chart-box').scrollIntoViewIfNeeded();
    const chart = (await connection.locator('.chart-box').boundingBox())!;
    await page.mouse.move(chart.x + chart.width - 20, chart.y + chart.height / 2);
    const tooltip = connection.locator('.chart-tooltip');
    await tooltip.getByText('Blakeley-Montgomery: waiting for your check-in').waitFor();
    await tooltip.getByText('You: not logged').waitFor();
    await connection.getByRole('button', { name: 'Show as table' }).click();
    const newest = connection.locator('tbody tr').first();
    await expect(newest.locator('td').nth(0).textContent()).resolves.toBe('not logged');
    await expect(newest.locator('td').nth(1).textContent()).resolves.toBe('waiting for your check-in');
    await context.close();

    const coach = await open(kim, 1280, `/coach/couples/${yearCouple}`);
    const coachConnection = coach.page.getByRole('region', { name: 'Connection over time' });
    await coachConnection.getByRole('button', { name: 'Show as table' }).click();
    const row = coachConnection.locator('tbody tr').first();
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('shows once both have checked in');
    expect([...problems, ...coach.problems]).toEqual([]);
    await coach.context.close();
  });
});

describe('charts', () => {
  it('welcome a couple in its first weeks instead of drawing a dot or two, and offer only the periods the history reaches', async () => {
    const first = await open(sam, 390, '/dashboard');
    await first.page.getByRole('heading', { name: 'Your first weeks' }).waitFor();
    await first.page.getByRole('region', { name: 'The wheel' }).waitFor();
    for (const chart of ['Connection over time', 'The ten practices'])
      expect(await first.page.getByRole('region', { name: chart }).count(), chart).toBe(0);
    // One week of history: there is no other period to switch to.
    expect(await first.page.getByRole('navigation', { name: 'Period shown' }).count()).toBe(0);
    await expectCleanPage(first.page, 'first weeks');
    await first.context.close();

    const year = await open(alex, 1280, '/dashboard');
    const ranges = year.page.getByRole('navigation', { name: 'Period shown' }).getByRole('link');
    await expect
      .poll(() => ranges.allTextContents(), { timeout: 15_000 })
      .toEqual(['12 weeks', '6 months', '1 year', 'All']);
    await year.context.close();

    // The coach's report fits its period to the history: twelve weeks for the young couple, half a year otherwise.
    const young = await open(kim, 1280, `/coach/couples/${firstWeekCouple}/report`);
    await young.page.getByRole('heading', { name: 'Their first weeks' }).waitFor();
    await expect(young.page.getByLabel('Period').inputValue()).resolves.toBe('12w');
    await expect(young.page.getByLabel('Period').locator('option').count()).resolves.toBe(1);
    await young.page.getByText(/^Since their first check-in, the week of/).waitFor();
    await young.context.close();
    const long = await open(kim, 1280, `/coach/couples/${yearCouple}/report`);
    await expect(long.page.getByLabel('Period').inputValue()).resolves.toBe('6m');
    await long.page.getByText(/^The last 6 months, week of/).waitFor();
    expect([...year.problems, ...young.problems, ...long.problems]).toEqual([]);
    await long.context.close();
  });

  it('give each partner a marker shape as well as a colour, in the chart and the legend', async () => {
    const { page, problems, context } = await open(alex, 1440, '/dashboard');
    const connection = page.getByRole('region', { name: 'Connection over time' });
    await connection.locator('.recharts-line-dots').first().waitFor({ state: 'attached' });
    // Each line's markers, in the order drawn: Alex's weeks, Blake's, then the couple's mean (the trend has none).
    const dots = connection.locator('.recharts-line-dots');
    await expect(dots.count()).resolves.toBe(3);
    const markers = (index: number, selector: string) => dots.nth(index).locator(selector).count();
    // Alex's weeks are circles, Blake's squares (drawn as symbols): eleven weeks each are visible to Alex.
    await expect(markers(0, 'circle')).resolves.toBe(11);
    await expect(markers(1, 'path.recharts-symbols')).resolves.toBe(11);
    await expect(markers(1, 'circle')).resolves.toBe(0);
    const legendMarker = (slot: 'a' | 'b') =>
      connection
        .locator(`.chart-legend .partner-${slot} .partner-swatch`)
        .evaluate((swatch) => getComputedStyle(swatch, '::after').borderRadius);
    await expect(legendMarker('a')).resolves.toBe('50%');
    await expect(legendMarker('b')).resolves.not.toBe('50%');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps every practice’s name around the wheel inside it at 390 px', async () => {
    const { page, problems, context } = await open(kim, 390, `/coach/couples/${yearCouple}`);
    const wheel = page.getByRole('region', { name: 'The wheel' });
    await wheel.locator('svg.recharts-surface').first().waitFor();
    const cut = await wheel.locator('svg.recharts-surface').evaluateAll((svgs) =>
      svgs.flatMap((svg) => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')]
          .filter((text) => {
            const rect = text.getBoundingClientRect();
            return rect.left < box.left - 0.5 || rect.right > box.right + 0.5;
          })
          .map((text) => text.textContent ?? '');
      }),
    );
    expect(cut).toEqual([]);
    await wheel.getByText('moments').first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
