import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { addWeeks } from '#shared/week';
import { accessibilityViolations, horizontalOverflow, watchedPage } from '../helpers/browser';
import { serverAndBrowser } from '../helpers/e2e-setup';
import { signUpOverHttp } from '../helpers/http-world';
import type { HttpClient } from '../helpers/http-server';
import { pairedLongAgo } from '../helpers/paired-long-ago';
import { sqlRow, sqlRun } from '../helpers/raw-sql';

const live = serverAndBrowser();

const QUESTIONS = [
  'I felt close to my partner',
  'We listened to each other',
  'I kept things to myself',
  'We made time for each other',
];

/** Ana and Ben, a couple since long ago, who have let their coach Casey in. */
async function setUp() {
  const ana = await signUpOverHttp(live.server, 'partner', 'Ana');
  const ben = await signUpOverHttp(live.server, 'partner', 'Ben');
  const casey = await signUpOverHttp(live.server, 'coach', 'Casey');
  const created = await ana.client.mutation('couple.create', {});
  const coupleId = created.body.result.data.coupleId as string;
  expect((await ben.client.mutation('couple.join', { inviteCode: created.body.result.data.inviteCode })).status).toBe(
    200,
  );
  await pairedLongAgo(live.server, coupleId, [ana.id, ben.id]);
  const invited = await ana.client.mutation('couple.inviteCoach', {});
  const accepted = await casey.client.mutation('coach.accept', { coachCode: invited.body.result.data.coachCode });
  expect(accepted.status).toBe(200);
  return { ana: ana.client, ben: ben.client, casey: casey.client, coupleId };
}

async function contextFor(client: HttpClient, width: number): Promise<BrowserContext> {
  const context = await live.browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const [name, value] = client.cookie!.split('=') as [string, string];
  await context.addCookies([{ name, value, url: live.server.baseUrl }]);
  return context;
}

/** No WCAG A/AA violation in light or dark, and no sideways scrolling on a phone. */
async function checkPage(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await accessibilityViolations(page), `${label} (${colorScheme})`).toEqual([]);
  }
  const { width, height } = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => horizontalOverflow(page), { message: label }).toBe(0);
  await page.setViewportSize({ width, height });
}

/** A partner answers the measure on their check-in page, one answer per question in order. */
async function answerOnCheckIn(page: Page, answers: number[]) {
  await page.goto(`${live.server.baseUrl}/check-in`);
  const section = page.getByRole('region', { name: 'Weekly closeness' });
  for (const [index, question] of QUESTIONS.entries()) {
    await section
      .getByRole('radiogroup', { name: question })
      .getByRole('radio', { name: String(answers[index]), exact: true })
      .check();
  }
  await section.getByRole('button', { name: 'Save answers' }).click();
  await section.getByText('Your answers are saved.').waitFor();
}

describe('a measure of the coach’s own', () => {
  it('is created, assigned every two weeks, answered by both, charted with its cut-off and flagged on a drop', async () => {
    const people = await setUp();
    const coach = await watchedPage(await contextFor(people.casey, 1440), live.server.baseUrl);

    // Casey writes a four-question measure: pasted, one question reversed, a cut-off with concern at 8 or less.
    await coach.page.goto(`${live.server.baseUrl}/coach`);
    await coach.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measures' }).click();
    await coach.page.getByRole('heading', { name: 'No measures yet' }).waitFor();
    await coach.page.getByRole('button', { name: 'New measure' }).click();
    const form = coach.page.getByRole('form', { name: 'New measure' });
    await form.getByLabel('Name').fill('Weekly closeness');
    await form.getByText('Paste the questions, one per line').click();
    await form.getByLabel('Questions, one per line').fill(QUESTIONS.map((q, i) => `${i + 1}. ${q}`).join('\n'));
    await form.getByRole('button', { name: 'Use these lines' }).click();
    await expect(form.getByLabel('Question 4: text').inputValue()).resolves.toBe(QUESTIONS[3]);
    await form.getByLabel('Lowest answer', { exact: true }).fill('0');
    await form.getByLabel('Label of the lowest answer').fill('Never');
    await form.getByLabel('Highest answer', { exact: true }).fill('4');
    await form.getByLabel('Label of the highest answer').fill('Always');
    await form
      .getByRole('group', { name: 'Question 3' })
      .getByLabel(/Reverse scored/)
      .check();
    await form.getByLabel('Cut-off score').fill('8');
    await form.getByLabel('Concern when the score is').selectOption('below');
    await form.getByLabel(/Reliable change/).fill('3');
    // Without the coach's word that they may use the questions, nothing is sent.
    await form.getByRole('button', { name: 'Create measure' }).click();
    await form.getByText('Confirm that you may use these questions with your clients.').waitFor();
    await checkPage(coach.page, 'measure form');
    await form.getByLabel(/I may use this questionnaire with my clients/).check();
    // The first try's answer is lost on the way back; Casey renames it and tries again. The server answers with the
    // measure the first try made, and the page names it as it was made.
    await coach.page.route(
      (url) => url.pathname.endsWith('/trpc/measure.create'),
      async (route) => {
        await route.fetch();
        await route.abort('internetdisconnected');
      },
      { times: 1 },
    );
    await form.getByRole('button', { name: 'Create measure' }).click();
    await form.getByText("We couldn't reach Tandem.", { exact: false }).waitFor();
    await form.getByLabel('Name').fill('Weekly closeness, renamed');
    await form.getByRole('button', { name: 'Create measure' }).click();
    await coach.page.getByRole('status').getByText('“Weekly closeness” is created.', { exact: false }).waitFor();
    const row = coach.page.getByRole('list', { name: 'Your measures' }).getByRole('listitem');
    await row.getByRole('heading', { name: 'Weekly closeness' }).waitFor();
    await row.getByText('4 (1 reverse scored)').waitFor();
    await row.getByText('8 or less means concern').waitFor();
    await checkPage(coach.page, 'measures list');

    // Assigned from the couple's page: every two weeks from this week, scores shown to the couple.
    await coach.page.goto(`${live.server.baseUrl}/coach/couples/${people.coupleId}`);
    const measures = coach.page.getByRole('region', { name: 'Measures' });
    await measures.getByLabel('Measure', { exact: true }).selectOption({ label: 'Weekly closeness' });
    await measures.getByLabel('How often').selectOption('2');
    await measures.getByLabel(/^This week/).check();
    await measures.getByLabel(/^Yes: each sees their own score/).check();
    await measures.getByRole('button', { name: 'Assign', exact: true }).click();
    await measures.getByText('“Weekly closeness” is assigned, every 2 weeks.').waitFor();

    // Their first period, answered over the API, is moved four weeks back: an earlier period, neither in concern
    // (Ana 16, Ben 12: the reversed third answer counts from the other end).
    const due = (await people.ana.query('measure.due', {})).body.result.data as { assignmentId: string }[];
    const assignmentId = due[0]!.assignmentId;
    const { start_week: start } = (await sqlRow<{ start_week: string }>(
      live.server,
      'select start_week from measure_assignments where id = ?',
      assignmentId,
    ))!;
    for (const [client, answers] of [
      [people.ana, [4, 4, 0, 4]],
      [people.ben, [3, 3, 1, 3]],
    ] as const) {
      const answered = await client.mutation('measure.answer', { assignmentId, period: start, answers });
      expect(answered.status).toBe(200);
    }
    const earlier = addWeeks(start, -4);
    await sqlRun(live.server, 'update measure_assignments set start_week = ? where id = ?', earlier, assignmentId);
    expect(
      await sqlRun(live.server, 'update measure_answers set period = ? where assignment_id = ?', earlier, assignmentId),
    ).toBe(2);

    // Now both answer this period on their check-in page, lower: Ana 4, Ben 8 (at the cut-off, which is concern).
    const ana = await watchedPage(await contextFor(people.ana, 390), live.server.baseUrl);
    await answerOnCheckIn(ana.page, [1, 1, 3, 1]);
    const ben = await watchedPage(await contextFor(people.ben, 1440), live.server.baseUrl);
    await answerOnCheckIn(ben.page, [2, 2, 2, 2]);

    // The couple sees their scores: both partners' periods, once both have answered.
    const seen = await people.ana.query('measure.results', { assignmentId });
    expect(seen.status).toBe(200);
    expect(
      (seen.body.result.data.partners as { entries: { score: number }[] }[]).map((p) => p.entries.map((e) => e.score)),
    ).toEqual([
      [16, 4],
      [12, 8],
    ]);

    // Casey's chart: two lines, the cut-off drawn and labelled, the side of concern shaded, each partner's reading.
    await coach.page.reload();
    const assignment = coach.page.getByRole('article', { name: 'Weekly closeness' });
    // Below the fold, the chart loads as it is scrolled to.
    await assignment.scrollIntoViewIfNeeded();
    const chart = assignment.getByRole('region', { name: 'Scores over time' });
    await chart.getByText('Cut-off 8', { exact: true }).waitFor();
    await expect(chart.locator('.recharts-reference-area').count()).resolves.toBe(1);
    await expect(chart.locator('.recharts-line').count()).resolves.toBe(2);
    const summary = assignment.getByRole('list', { name: /each partner's latest score/ });
    await summary.getByText('12 points lower than the first score (16): a reliable change, toward concern.').waitFor();
    await summary.getByText('4 points lower than the first score (12): a reliable change, toward concern.').waitFor();
    await expect(summary.getByText('On the side of concern.').count()).resolves.toBe(2);
    // The table view: every period (the one between, unanswered, too) and each question's answers.
    await chart.getByRole('button', { name: 'Show as table' }).click();
    const table = chart.getByRole('group', { name: 'Scores over time: the numbers' });
    await expect(table.getByRole('row').count()).resolves.toBeGreaterThanOrEqual(4);
    await table.getByRole('cell', { name: 'no score' }).first().waitFor();
    await table
      .getByRole('rowheader', { name: `3. ${QUESTIONS[2]!} (0 Never to 4 Always; reverse scored)` })
      .first()
      .waitFor();
    await checkPage(coach.page, 'couple page with a measure');
    const [csv] = await Promise.all([
      coach.page.waitForEvent('download'),
      coach.page.getByRole('button', { name: 'Download measures (CSV)' }).click(),
    ]);
    const csvLines = fs.readFileSync(await csv.path(), 'utf8').split('\r\n');
    expect(csvLines[0]).toBe(
      '\uFEFFmeasure,period,partner,score,version,changed_after_both_answered,item_1,item_2,item_3,item_4',
    );
    expect(csvLines.filter((line) => line.startsWith('Weekly closeness,'))).toEqual([
      `Weekly closeness,${earlier},Ana,16,1,no,4,4,0,4`,
      `Weekly closeness,${earlier},Ben,12,1,no,3,3,1,3`,
      `Weekly closeness,${start},Ana,4,1,no,1,1,3,1`,
      `Weekly closeness,${start},Ben,8,1,no,2,2,2,2`,
    ]);

    // The roster flags the couple: past the cut-off since the period before.
    await coach.page.goto(`${live.server.baseUrl}/coach`);
    const couple = coach.page
      .getByRole('listitem')
      .filter({ has: coach.page.getByRole('link', { name: 'Ana & Ben' }) });
    const flags = couple.locator('[data-flag="measure-cutoff"]');
    await flags.first().waitFor();
    await expect(flags.allTextContents()).resolves.toEqual([
      expect.stringContaining('Ana'),
      expect.stringContaining('Ben'),
    ]);

    // Only the lost answer of the first try.
    expect(coach.problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    for (const watched of [ana, ben]) expect(watched.problems).toEqual([]);
  });
});
