import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRACTICE_IDS } from '#shared/practice-ids';
import { addWeeks } from '#shared/week';
import { pairedCouple, THIS_WEEK, WEDNESDAY, type Couple } from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
let couple: Couple;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
  couple = await pairedCouple(app, ['Ana', 'Ben']);
});
afterEach(() => app.close());

async function logWeeks(person: Couple['a'], weeksBack: number[], ratings: Parameters<typeof ratingsOf>[0]) {
  const api = await person.api();
  for (const back of weeksBack)
    await api.assessment.submit({ week: addWeeks(THIS_WEEK, -back), ratings: ratingsOf(ratings) });
}

describe('suggestion.next', () => {
  it('answers the contract shape: the ten practices ranked, the first one suggested, with reasons', async () => {
    await logWeeks(couple.a, [1, 2, 3], { ...ratingsOf(7), trust: 2 });
    await logWeeks(couple.b, [1, 2, 3], { ...ratingsOf(7), trust: 3 });
    const result = await (await couple.a.api()).suggestion.next();
    expect(result.practiceId).toBe('trust');
    expect(result.ranking).toHaveLength(10);
    expect(new Set(result.ranking.map((r) => r.practiceId))).toEqual(new Set(PRACTICE_IDS));
    expect(result.ranking[0]!.practiceId).toBe(result.practiceId);
    expect(result.reasons.length).toBeGreaterThan(0);
    expect(result).toEqual(await (await couple.b.api()).suggestion.next({ coupleId: couple.coupleId }));
  });

  it('starts a couple with no check-ins at communication', async () => {
    const result = await (await couple.b.api()).suggestion.next();
    expect(result.practiceId).toBe('communication');
    expect(result.reasons.join(' ')).toMatch(/communication/i);
  });

  it("ignores a partner's check-in that is still hidden from the other, and names no hidden number", async () => {
    await logWeeks(couple.a, [1, 2], 7);
    await logWeeks(couple.b, [1, 2], 7);
    await (await couple.a.api()).assessment.submit({ week: THIS_WEEK, ratings: { ...ratingsOf(7), empathy: 1 } });
    const before = await (await couple.b.api()).suggestion.next();
    expect(before.practiceId).not.toBe('empathy');
    expect(await (await couple.a.api()).suggestion.next()).toEqual(before);

    await (await couple.b.api()).assessment.submit({ week: THIS_WEEK, ratings: { ...ratingsOf(7), empathy: 2 } });
    const after = await (await couple.b.api()).suggestion.next();
    expect(after.practiceId).toBe('empathy');
  });
});
