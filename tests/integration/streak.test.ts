import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertAssessment } from '#server/repositories/assessments.repository';
import { fullWeeksBefore } from '#server/services/streak.service';
import { addWeeks, weekRange, type Week } from '#shared/week';
import { pairedCouple, signUpPartner, THIS_WEEK, WEDNESDAY, type Person } from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({}, WEDNESDAY);
});
afterAll(async () => {
  await app.close();
});

const log = async (people: Person[], weeks: Week[]) => {
  await app.deps.db.transaction().execute(async (trx) => {
    for (const week of weeks) {
      for (const person of people) {
        await upsertAssessment(trx, {
          id: randomUUID(),
          userId: person.user.id,
          week,
          ratings: ratingsOf(6),
          note: null,
          nowIso: WEDNESDAY.toISOString(),
        });
      }
    }
  });
};

describe('fullWeeksBefore: a streak followed back in the database', () => {
  // Lengths on each side of the stretches' edges (16, then 32, 64 and 128 more, then 128 at a time).
  it.each([0, 1, 15, 16, 17, 47, 48, 49, 111, 112, 113, 239, 240, 241, 367, 368, 369, 520])(
    'counts %i weeks in a row before the given week, stopping at the week only one partner logged',
    async (length) => {
      const couple = await pairedCouple(app);
      const before = addWeeks(THIS_WEEK, -10);
      const lastFull = addWeeks(before, -1);
      const broken = addWeeks(before, -(length + 1));
      await log([couple.a, couple.b], length === 0 ? [] : weekRange(addWeeks(lastFull, -(length - 1)), lastFull));
      // Only one partner logged the week that breaks it; both logged the weeks before that, and the weeks after `before`.
      await log([couple.a], [broken]);
      await log(
        [couple.a, couple.b],
        [...weekRange(addWeeks(broken, -30), addWeeks(broken, -1)), ...weekRange(before, THIS_WEEK)],
      );
      const ids = [couple.a.user.id, couple.b.user.id];
      expect(await fullWeeksBefore(app.deps.db, ids, before)).toBe(length);
      // The other partner's weeks alone, and one partner alone: a single person's streak counts the same way.
      expect(await fullWeeksBefore(app.deps.db, [couple.a.user.id], before)).toBe(length + 1 + 30);
    },
  );

  it('ends at the first check-in, and is nothing for someone who never checked in', async () => {
    const loner = await signUpPartner(app);
    const newcomer = await signUpPartner(app);
    await log([newcomer], weekRange(addWeeks(THIS_WEEK, -40), THIS_WEEK));
    expect(await fullWeeksBefore(app.deps.db, [newcomer.user.id], THIS_WEEK)).toBe(40);
    expect(await fullWeeksBefore(app.deps.db, [loner.user.id], THIS_WEEK)).toBe(0);
    expect(await fullWeeksBefore(app.deps.db, [newcomer.user.id, loner.user.id], THIS_WEEK)).toBe(0);
    expect(await fullWeeksBefore(app.deps.db, [], THIS_WEEK)).toBe(0);
  });

  // The couple's streak never reaches before its current membership: in the first stretch, and in a later one.
  it.each([5, 16, 40, 200])(
    'stops at a floor %i weeks back, however long the weeks logged before it',
    async (weeksBack) => {
      const couple = await pairedCouple(app);
      const ids = [couple.a.user.id, couple.b.user.id];
      await log([couple.a, couple.b], weekRange(addWeeks(THIS_WEEK, -300), addWeeks(THIS_WEEK, -1)));
      const floor = addWeeks(THIS_WEEK, -weeksBack);
      expect(await fullWeeksBefore(app.deps.db, ids, THIS_WEEK, floor)).toBe(weeksBack);
      expect(await fullWeeksBefore(app.deps.db, ids, THIS_WEEK, THIS_WEEK)).toBe(0);
      expect(await fullWeeksBefore(app.deps.db, ids, THIS_WEEK)).toBe(300);
    },
  );

  it('counts across a year with 53 weeks', async () => {
    const couple = await pairedCouple(app);
    // 2026 has 53 ISO weeks: W53 lies between 2026-W52 and 2027-W01.
    const weeks = weekRange('2026-W40', '2027-W10');
    expect(weeks).toContain('2026-W53');
    await log([couple.a, couple.b], weeks);
    expect(await fullWeeksBefore(app.deps.db, [couple.a.user.id, couple.b.user.id], '2027-W11')).toBe(weeks.length);
  });
});
