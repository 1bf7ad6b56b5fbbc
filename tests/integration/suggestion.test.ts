import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRACTICE_IDS } from '#shared/practice-ids';
import { addWeeks } from '#shared/week';
import { pairedCouple, signUp, THIS_WEEK, WEDNESDAY, type Couple } from '../helpers/factories';
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
    // The same practice and ranking for both partners; each reads the reasons addressed to them.
    const { reasons: toAna, ...forAna } = result;
    const { reasons: toBen, ...forBen } = await (await couple.b.api()).suggestion.next({ coupleId: couple.coupleId });
    expect(forBen).toEqual(forAna);
    expect(toAna.join(' ')).toContain('for you');
    expect(toBen.join(' ')).toContain('for you');
    expect(toAna).not.toEqual(toBen);
  });

  it('starts a couple with no check-ins at communication', async () => {
    const result = await (await couple.b.api()).suggestion.next();
    expect(result.practiceId).toBe('communication');
    expect(result.reasons.join(' ')).toMatch(/communication/i);
  });

  it("stays the week's suggestion while the partners check in, and takes their answers from the next week on", async () => {
    await logWeeks(couple.a, [1, 2], 7);
    await logWeeks(couple.b, [1, 2], 7);
    const before = await (await couple.b.api()).suggestion.next();
    expect(before.practiceId).not.toBe('empathy');

    // One partner's answer, still hidden from the other, changes nothing and names no hidden number.
    await (await couple.a.api()).assessment.submit({ week: THIS_WEEK, ratings: { ...ratingsOf(7), empathy: 1 } });
    expect(await (await couple.b.api()).suggestion.next()).toEqual(before);
    expect((await (await couple.a.api()).suggestion.next()).practiceId).toBe(before.practiceId);
    // Both answers, now visible to both, still wait for the week to end.
    await (await couple.b.api()).assessment.submit({ week: THIS_WEEK, ratings: { ...ratingsOf(7), empathy: 2 } });
    expect(await (await couple.b.api()).suggestion.next()).toEqual(before);

    app.setNow(new Date(WEDNESDAY.getTime() + 7 * 24 * 60 * 60 * 1000));
    const nextWeek = await (await couple.b.api()).suggestion.next();
    expect(nextWeek.practiceId).toBe('empathy');
  });

  it('speaks to a partner on their own as "you", and never says they have not checked in beside their check-in', async () => {
    const solo = await signUp(app, 'partner', 'Solo');
    const api = await solo.api();
    await api.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(7) });
    expect((await api.suggestion.next()).reasons.join(' ')).not.toMatch(/not checked in|have not/i);
    await api.assessment.submit({ week: addWeeks(THIS_WEEK, -1), ratings: { ...ratingsOf(7), rituals: 2 } });
    const result = await api.suggestion.next();
    expect(result.practiceId).toBe('rituals');
    expect(result.reasons[0]).toBe('Rituals stood at 2 for you in the latest check-in, the lowest of the ten.');
  });
});
