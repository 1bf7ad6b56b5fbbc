import type { LogEvent } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectCoach,
  LAST_WEEK,
  pairedCouple,
  signUpCoach,
  THIS_WEEK,
  WEDNESDAY,
  type Couple,
  type Person,
} from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type TestApp } from '../helpers/test-app';

const WEEK = 7 * 24 * 60 * 60 * 1000;

let app: TestApp;
let queries = 0;

async function start(now = WEDNESDAY) {
  queries = 0;
  const log = (event: LogEvent) => {
    if (event.level === 'query') queries += 1;
  };
  app = await createTestApp({}, now, { log });
}
afterEach(async () => {
  await app.close();
});

async function coachedCouple(coach: Person, names: [string, string]): Promise<Couple> {
  const couple = await pairedCouple(app, names);
  await connectCoach(couple, coach);
  return couple;
}

const flagsOf = (
  rows: { partners: { displayName: string }[]; flags: { kind: string; practiceId?: string }[] }[],
  name: string,
) =>
  rows
    .find((r) => r.partners.some((p) => p.displayName === name))!
    .flags.map((f) => (f.practiceId ? `${f.kind}:${f.practiceId}` : f.kind));

describe('coach.roster', () => {
  it('lists only consenting couples, with each partner’s last check-in, flags and urgency order', async () => {
    // The couples started four weeks ago (sessions still live), so missed weeks and the lack of a focus can show.
    await start(new Date(WEDNESDAY.getTime() - 4 * WEEK));
    const coach = await signUpCoach(app, 'Coach Casey');
    const apart = await coachedCouple(coach, ['Ana', 'Ben']);
    const quiet = await coachedCouple(coach, ['Cleo', 'Dev']);
    const steady = await coachedCouple(coach, ['Eve', 'Finn']);
    await pairedCouple(app, ['Not', 'Mine']);
    await app.deps.db
      .insertInto('couple_focuses')
      .values({
        id: 'f1',
        couple_id: steady.coupleId,
        practice_id: 'trust',
        start_week: '2026-W43',
        end_week: null,
        adopted_by: steady.a.user.id,
        adopted_at: WEDNESDAY.toISOString(),
        ended_at: null,
      })
      .execute();
    app.setNow(WEDNESDAY);

    await (await apart.a.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(5, { trust: 9 }) });
    await (await apart.b.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(5, { trust: 3 }) });
    await (await quiet.a.api()).assessment.submit({ week: '2026-W44', ratings: ratingsOf(6) });
    await (await quiet.b.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(6) });
    for (const person of [steady.a, steady.b])
      await (await person.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(7) });
    // Only one partner has logged this week: a coach must not see it yet.
    await (await steady.a.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(1) });

    const roster = await (await coach.api()).coach.roster();
    expect(roster.map((r) => r.coupleId)).toEqual([quiet.coupleId, apart.coupleId, steady.coupleId]);
    expect(flagsOf(roster, 'Ana')).toEqual(['gap:trust', 'no-focus']);
    expect(flagsOf(roster, 'Cleo')).toEqual(['missed-check-ins', 'no-focus']);
    expect(flagsOf(roster, 'Eve')).toEqual([]);
    expect(roster.map((r) => r.urgency)).toEqual([4, 3, 0]);

    const quietRow = roster.find((r) => r.coupleId === quiet.coupleId)!;
    expect(Object.fromEntries(quietRow.partners.map((p) => [p.displayName, p.lastCheckInWeek]))).toEqual({
      Cleo: '2026-W44',
      Dev: LAST_WEEK,
    });
    expect(quietRow.flags[0]!.detail).toBe('Cleo has missed the last 3 weekly check-ins.');
    expect(Object.fromEntries(quietRow.partners.map((p) => [p.displayName, p.missedWeeks]))).toEqual({
      Cleo: 3,
      Dev: 0,
    });
    const steadyRow = roster.find((r) => r.coupleId === steady.coupleId)!;
    expect(steadyRow.connection).toEqual({
      weeks: ['2026-W45', '2026-W46', LAST_WEEK, THIS_WEEK],
      trend: [null, null, 7, null],
      now: 7,
    });
    expect(steadyRow.focus).toEqual({ practiceId: 'trust', by: 'couple' });
    expect(roster.find((r) => r.coupleId === apart.coupleId)!.flags[0]!.detail).toMatch(
      /^On trust, (Ana's own rating is 9 and Ben's is 3|Ben's own rating is 3 and Ana's is 9)\.$/,
    );
  });

  it('counts as missed only weeks that are over everywhere: on Monday morning UTC, last week is still open in Hawaii', async () => {
    // Three weeks ago: long enough for two missed weeks, recent enough for the sessions to last until Monday.
    await start(new Date(WEDNESDAY.getTime() - 3 * WEEK));
    const coach = await signUpCoach(app, 'Coach Casey');
    const couple = await coachedCouple(coach, ['Cleo', 'Dev']);
    app.setNow(WEDNESDAY);
    // Both last checked in two weeks before this one (2026-W46); this week, 2026-W48, ends on Monday 30 November.
    for (const person of [couple.a, couple.b])
      await (await person.api()).assessment.submit({ week: '2026-W46', ratings: ratingsOf(6) });
    const missed = async (at: string) => {
      app.setNow(new Date(at));
      return flagsOf(await (await coach.api()).coach.roster(), 'Cleo').filter((f) => f === 'missed-check-ins');
    };
    // Monday 07:00 UTC: still Sunday evening in UTC-12, so 2026-W48 is not over there; only 2026-W47 was missed.
    expect(await missed('2026-11-30T07:00:00.000Z')).toEqual([]);
    // From Monday noon UTC, 2026-W48 is over everywhere: two weeks missed.
    expect(await missed('2026-11-30T12:00:00.000Z')).toEqual(['missed-check-ins', 'missed-check-ins']);
  });

  it('shows the coach’s own focus, which wins over the couple’s', async () => {
    await start();
    const coach = await signUpCoach(app);
    const couple = await coachedCouple(coach, ['Ana', 'Ben']);
    await (await coach.api()).coach.assignFocus({ coupleId: couple.coupleId, practiceId: 'empathy' });
    expect((await (await coach.api()).coach.roster())[0]!.focus).toEqual({ practiceId: 'empathy', by: 'coach' });
    // Another coach of the same couple sees no focus of theirs.
    const other = await signUpCoach(app);
    await connectCoach(couple, other);
    expect((await (await other.api()).coach.roster())[0]!.focus).toBeNull();
  });

  it('is empty for a coach nobody invited, and refused to partners', async () => {
    await start();
    const coach = await signUpCoach(app);
    const couple = await pairedCouple(app);
    expect(await (await coach.api()).coach.roster()).toEqual([]);
    await expect((await couple.a.api()).coach.roster()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('runs a fixed number of queries whether the coach has 1 couple or 20', async () => {
    await start();
    const coach = await signUpCoach(app);
    const couples = [await coachedCouple(coach, ['A0', 'B0'])];
    const count = async () => {
      const api = await coach.api();
      const before = queries;
      const roster = await api.coach.roster();
      return { queries: queries - before, rows: roster.length };
    };
    for (const person of [couples[0]!.a, couples[0]!.b])
      await (await person.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(6) });
    const one = await count();
    for (let i = 1; i < 20; i += 1) {
      const couple = await coachedCouple(coach, [`A${i}`, `B${i}`]);
      for (const person of [couple.a, couple.b])
        await (await person.api()).assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(1 + (i % 10)) });
      couples.push(couple);
    }
    const twenty = await count();
    expect(one.rows).toBe(1);
    expect(twenty.rows).toBe(20);
    // Four reads (partners with their latest week, recent check-ins, adopted focuses, access that ended lately), one
    // read of measures, and one access-log write.
    expect(one.queries).toBe(6);
    expect(twenty.queries).toBe(one.queries);
  });
});
