import { describe, expect, it } from 'vitest';
import { PRACTICES } from '#shared/practices';
import { accessibilityViolations, horizontalOverflow, watchedPage } from '../helpers/browser';
import { serverAndBrowser } from '../helpers/e2e-setup';
import { signUpOverHttp } from '../helpers/http-world';

// What a partner does with their coach's measures in the browser: the sections on the check-in page (required items,
// a wide scale, skipping, changing), the reminder on the dashboard, and "Your measures" there. The coach's side and
// the whole journey are in measures.test.ts.

const live = serverAndBrowser();

const EVENING = ['Felt calm when we talked', 'Felt listened to', 'Slept well', 'Looked forward to our evenings'];
const CLOSE = 'How close do you feel to your partner right now?';
const HOPE = 'How hopeful are you about the next month?';

async function setUp() {
  const alex = await signUpOverHttp(live.server, 'partner', 'Alex');
  const blake = await signUpOverHttp(live.server, 'partner', 'Blake');
  const jo = await signUpOverHttp(live.server, 'coach', 'Jo');
  const created = await alex.client.mutation('couple.create', {});
  const coupleId = created.body.result.data.coupleId as string;
  const inviteCode = created.body.result.data.inviteCode as string;
  expect((await blake.client.mutation('couple.join', { inviteCode })).status).toBe(200);
  const invited = await alex.client.mutation('couple.inviteCoach', {});
  expect((await jo.client.mutation('coach.accept', { coachCode: invited.body.result.data.coachCode })).status).toBe(
    200,
  );
  const scale = { min: 0, max: 3, minLabel: 'Not at all', maxLabel: 'Nearly every day' };
  const evening = await jo.client.mutation('measure.create', {
    name: 'Evening check',
    instructions: 'Over the last two weeks, how often?',
    items: EVENING.map((text, i) => ({ text, ...scale, reverse: i === 1 })),
    scoring: 'sum',
  });
  const closeness = await jo.client.mutation('measure.create', {
    name: 'Closeness',
    items: [
      { text: CLOSE, min: 0, max: 100, minLabel: 'Far apart', maxLabel: 'Very close' },
      { text: HOPE, min: 1, max: 10, minLabel: 'Not hopeful', maxLabel: 'Very hopeful' },
    ],
    scoring: 'mean',
  });
  const assign = (measureId: string, everyWeeks: number, visibleToCouple: boolean) =>
    jo.client.mutation('measure.assign', { coupleId, measureId, everyWeeks, visibleToCouple });
  const shown = await assign(evening.body.result.data.measureId as string, 2, true);
  expect(shown.status).toBe(200);
  expect((await assign(closeness.body.result.data.measureId as string, 1, false)).status).toBe(200);
  return { alex, blake, eveningAssignment: shown.body.result.data.assignmentId as string };
}

describe('a partner and their coach’s measures', () => {
  it('answers, changes and skips them on the check-in page, is reminded of one left open, and sees both scores', async () => {
    const { alex, blake, eveningAssignment } = await setUp();
    const context = await live.browser.newContext({ viewport: { width: 390, height: 844 } });
    const [name, value] = alex.client.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: live.server.baseUrl }]);
    const { page, problems } = await watchedPage(context, live.server.baseUrl);

    // The dashboard says two questionnaires wait, and leads to them.
    await page.goto(`${live.server.baseUrl}/dashboard`);
    await page
      .getByRole('region', { name: 'Questionnaires for you' })
      .getByRole('link', { name: 'Answer them now' })
      .click();
    await page.waitForURL('**/check-in#measure-*');
    const evening = page.getByRole('region', { name: 'Evening check' });
    await evening.getByText('Asked by Jo, for the two weeks from').waitFor();

    // Every item is required: the first one still open takes the focus.
    await evening.getByRole('button', { name: 'Save answers' }).click();
    await evening.getByText('4 items still need an answer.').waitFor();
    const first = evening.getByRole('radiogroup', { name: EVENING[0] });
    await expect(first.locator('input:focus').count()).resolves.toBe(1);
    for (const [index, answer] of [2, 1, 3, 0].entries())
      await evening
        .getByRole('radiogroup', { name: EVENING[index] })
        .getByRole('radio', { name: String(answer) })
        .check();
    await evening.getByRole('button', { name: 'Save answers' }).click();
    await evening.getByText('Your answers are saved.').waitFor();
    // The couple sees scores: 2 + (3 − 1) + 3 + 0, the second item reversed.
    await evening.getByText(/^Your score this time: 7\./).waitFor();
    await evening.getByRole('button', { name: 'Change answers' }).click();
    await expect(first.getByRole('radio', { name: '2', exact: true }).isChecked()).resolves.toBe(true);
    await first.getByRole('radio', { name: '3', exact: true }).check();
    await evening.getByRole('button', { name: 'Save answers' }).click();
    await evening.getByText(/^Your score this time: 8\./).waitFor();

    // Half an answer, then the practices saved: the dashboard leads back, and the choice is still there.
    const closeness = page.getByRole('region', { name: 'Closeness' });
    await closeness.getByRole('radiogroup', { name: HOPE }).getByRole('radio', { name: '7', exact: true }).check();
    for (const practice of PRACTICES)
      await page
        .getByRole('group', { name: new RegExp(`^${practice.name}`) })
        .getByLabel('6 of 10', { exact: true })
        .check();
    await page.getByRole('button', { name: 'Save my check-in' }).click();
    await page.waitForURL('**/dashboard?saved=*');
    await page
      .getByRole('region', { name: 'A questionnaire for you' })
      .getByRole('link', { name: 'Answer it now' })
      .click();
    await page.waitForURL('**/check-in#measure-*');
    const hope = closeness.getByRole('radiogroup', { name: HOPE });
    await expect(hope.getByRole('radio', { name: '7', exact: true }).isChecked()).resolves.toBe(true);

    // A wide scale is a number field; off the scale is refused on the spot. Skipped, it can still be answered.
    const close = closeness.getByRole('spinbutton', { name: CLOSE });
    await close.fill('140');
    await closeness.getByRole('button', { name: 'Save answers' }).click();
    await closeness.getByText("That isn't a whole number from 0 to 100.").waitFor();
    await closeness.getByRole('button', { name: 'Skip this time' }).click();
    await closeness.getByText(/^You skipped this one for this period\. You can still answer until .+\.$/).waitFor();
    await closeness.getByRole('button', { name: 'Answer now' }).click();
    await close.fill('70');
    await closeness.getByRole('button', { name: 'Save answers' }).click();
    await closeness.getByText('Your answers are saved.').waitFor();
    // The coach keeps this one's scores to themselves.
    await expect(closeness.getByText(/Your score/).count()).resolves.toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);

    // Once Blake has answered too, Alex's dashboard shows both scores of the measure the couple may see, and no other.
    const answered = await blake.client.mutation('measure.answer', {
      assignmentId: eveningAssignment,
      period: (await blake.client.query('measure.due', {})).body.result.data[0].period as string,
      answers: [1, 2, 2, 1],
    });
    expect(answered.status).toBe(200);
    await page.goto(`${live.server.baseUrl}/dashboard`);
    const mine = page.getByRole('region', { name: 'Your measures' });
    const card = mine.getByRole('region', { name: 'Evening check' });
    await card.scrollIntoViewIfNeeded();
    await card.getByText("Your latest score: 8 · Blake's latest score: 5").waitFor();
    await expect(mine.getByRole('region', { name: 'Closeness' }).count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: /^Questionnaires? for you$/ }).count()).resolves.toBe(0);
    await card.getByRole('button', { name: 'Show as table' }).click();
    const row = card.getByRole('row').nth(1);
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual(['8', '5']);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows in Settings the answers kept once the couple ended, and deletes them after a confirmation', async () => {
    const { alex, blake, eveningAssignment } = await setUp();
    const period = (await alex.client.query('measure.due', {})).body.result.data[0].period as string;
    // 3 + (3 − 0, the second item reversed) + 3 + 3
    const answered = await alex.client.mutation('measure.answer', {
      assignmentId: eveningAssignment,
      period,
      answers: [3, 0, 3, 3],
    });
    expect(answered.status).toBe(200);
    // The last one out ends the couple: each keeps their answers, under a measure of their own.
    expect((await blake.client.mutation('couple.leave', {})).status).toBe(200);
    expect((await alex.client.mutation('couple.leave', {})).status).toBe(200);

    for (const width of [390, 1440]) {
      const context = await live.browser.newContext({ viewport: { width, height: 900 } });
      const [name, value] = alex.client.cookie!.split('=') as [string, string];
      await context.addCookies([{ name, value, url: live.server.baseUrl }]);
      const { page, problems } = await watchedPage(context, live.server.baseUrl);
      await page.goto(`${live.server.baseUrl}/settings`);
      const kept = page.getByRole('listitem', { name: 'Evening check' });
      await kept
        .getByText(/^1 answer, the week of .+\. The sum of your answers, from 0 to 12\. First kept on /)
        .waitFor();
      await kept.getByText('Your scores').click();
      await expect(kept.locator('.kept-scores li').allTextContents()).resolves.toEqual([
        expect.stringMatching(/^Week of .+: 12$/),
      ]);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
      if (width === 1440) {
        // By keyboard: the question takes the focus to its safe answer, and "Keep them" brings it back.
        const focused = () => page.evaluate(() => document.activeElement?.textContent);
        await kept.getByRole('button', { name: 'Delete these answers…' }).focus();
        await page.keyboard.press('Enter');
        await expect.poll(focused).toBe('Keep them');
        await page.keyboard.press('Enter');
        await expect.poll(focused).toBe('Delete these answers…');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Shift+Tab');
        await expect.poll(focused).toBe('Yes, delete them for good');
        await page.keyboard.press('Enter');
        // The answers are gone, and the focus is on the line that says so.
        await expect.poll(focused).toBe('Your answers to “Evening check” are deleted.');
        await expect(kept.count()).resolves.toBe(0);
        const left = await alex.client.query('measure.kept', {});
        expect(left.body.result.data).toEqual([]);
      }
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
