import { PRACTICE_IDS } from '#shared/practice-ids';
import { randomUUID } from 'node:crypto';
import type { LogEvent } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertAssessment } from '#server/repositories/assessments.repository';
import type { PracticeId } from '#shared/practices';
import type { Ratings } from '#shared/schemas/common.schema';
import type { DashboardDto, DashboardRange } from '#shared/schemas/dashboard.schema';
import { addWeeks, weekRange, type Week } from '#shared/week';
import { expectRefusedUnchanged } from '../helpers/assertions';
import {
  connectCoach,
  LAST_WEEK,
  pairedCouple,
  signUpCoach,
  signUpPartner,
  THIS_WEEK,
  WEDNESDAY,
  type Couple,
  type Person,
} from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type Caller, type TestApp } from '../helpers/test-app';
import { worldPerTest } from '../helpers/world-per-test';
import { sqlRun } from '../helpers/raw-sql';

// The contract's order, pinned word for word in tests/unit/practices.test.ts.
const PRACTICE_ORDER = PRACTICE_IDS;
const RANGES: DashboardRange[] = ['12w', '6m', '1y', 'all'];

let app: TestApp;
afterEach(async () => {
  await app.close();
});

const submit = (api: Caller, week: Week, ratings: number | Ratings, note?: string) =>
  api.assessment.submit({
    week,
    ratings: typeof ratings === 'number' ? ratingsOf(ratings) : ratings,
    ...(note === undefined ? {} : { note }),
  });

const dashboardOf = async (person: Person, input?: Parameters<Caller['dashboard']['get']>[0]) =>
  (await person.api()).dashboard.get(input);

const pointAt = (dto: DashboardDto, period: string) => {
  const point = dto.connection.find((p) => p.period === period);
  if (!point) throw new Error(`No point for ${period}`);
  return point;
};
const row = (dto: DashboardDto, id: PracticeId) => dto.sideBySide.find((r) => r.practiceId === id)!;

/** Both partners' values in one chart: every series, every slot. */
const allValues = (dto: DashboardDto) => [
  ...dto.connection.flatMap((p) => [...p.values, ...p.trend, p.coupleMean]),
  ...dto.practices.flatMap((s) => s.points.flatMap((p) => p.values)),
];

describe('with a couple that logged sixty weeks', () => {
  let couple: Couple;
  const FIRST = addWeeks(THIS_WEEK, -59); // 2025-W41
  const anaValue = (i: number) => 3 + (i % 5);
  const benValue = (i: number) => 9 - (i % 4);

  worldPerTest(
    { now: WEDNESDAY },
    async (built) => {
      const paired = await pairedCouple(built);
      const [ana, ben] = [await paired.a.api(), await paired.b.api()];
      for (const [i, week] of weekRange(FIRST, THIS_WEEK).entries()) {
        await submit(ana, week, anaValue(i), `ana wrote ${i}`);
        await submit(ben, week, benValue(i), `ben wrote ${i}`);
      }
      return paired;
    },
    (built, paired) => {
      app = built;
      couple = paired;
    },
  );

  it.each<[DashboardRange, number, Week]>([
    ['12w', 12, '2026-W37'],
    ['6m', 26, '2026-W23'],
    ['1y', 52, '2025-W49'],
    ['all', 60, '2025-W41'],
  ])('%s: %i weekly points from %s', async (range, length, fromWeek) => {
    const dto = await dashboardOf(couple.a, { range });
    const periods = weekRange(fromWeek, THIS_WEEK);
    expect(periods).toHaveLength(length);
    expect(FIRST).toBe('2025-W41');
    expect(dto).toMatchObject({
      range,
      granularity: 'week',
      fromWeek,
      toWeek: THIS_WEEK,
      partners: [
        { userId: couple.a.user.id, displayName: 'Ana' },
        { userId: couple.b.user.id, displayName: 'Ben' },
      ],
      isEmpty: false,
      rhythm: { streak: 60, thisWeek: THIS_WEEK, submittedThisWeek: [true, true] },
    });
    expect(dto.connection.map((p) => p.period)).toEqual(periods);
    expect(dto.practices.map((p) => p.practiceId)).toEqual(PRACTICE_ORDER);
    for (const practice of dto.practices) expect(practice.points.map((p) => p.period)).toEqual(periods);
    expect(dto.sideBySide.map((r) => r.practiceId)).toEqual(PRACTICE_ORDER);
    // Everyone logged every week: no gaps anywhere, and the values are the ones submitted.
    expect(allValues(dto)).not.toContain(null);
    const i = 59; // this week's index in the sixty
    expect(pointAt(dto, THIS_WEEK)).toMatchObject({
      values: [anaValue(i), benValue(i)],
      coupleMean: (anaValue(i) + benValue(i)) / 2,
    });
    expect(dto.wheel.map((w) => [w.earlier?.week, w.latest?.week])).toEqual([
      [fromWeek, THIS_WEEK],
      [fromWeek, THIS_WEEK],
    ]);
    expect(row(dto, 'trust').partners.map((p) => p.change)).toEqual([
      anaValue(i) - anaValue(i - 4),
      benValue(i) - benValue(i - 4),
    ]);
  });

  it.each<[string, () => Parameters<Caller['dashboard']['get']>[0]]>([
    ['no input at all', () => undefined],
    ['an empty object', () => ({})],
    ['the own coupleId only', () => ({ coupleId: couple.coupleId })],
  ])('defaults to 12w with %s', async (_label, input) => {
    const dto = await dashboardOf(couple.b, input());
    expect(dto).toEqual(await dashboardOf(couple.b, { range: '12w' }));
    expect(dto.range).toBe('12w');
    expect(dto.connection).toHaveLength(12);
  });

  it.each(RANGES)('%s: both partners get exactly the same dashboard, in join order', async (range) => {
    const seenByAna = await dashboardOf(couple.a, { range });
    const seenByBen = await dashboardOf(couple.b, { range, coupleId: couple.coupleId });
    expect(seenByBen).toEqual(seenByAna);
    expect(seenByAna.partners.map((p) => p.userId)).toEqual([couple.a.user.id, couple.b.user.id]);
  });

  it.each(RANGES)('%s: no note text, nor a note field, for either partner', async (range) => {
    for (const person of [couple.a, couple.b]) {
      const text = JSON.stringify(await dashboardOf(person, { range }));
      expect(text).not.toContain('wrote');
      expect(text).not.toContain('note');
    }
  });
});

describe('who sees what this week', () => {
  let couple: Couple;
  beforeEach(async () => {
    app = await createTestApp({}, WEDNESDAY);
    couple = await pairedCouple(app);
  });

  it.each(RANGES)("%s: a partner's entry for this week stays hidden until both have submitted", async (range) => {
    const { a, b } = couple;
    await submit(await a.api(), THIS_WEEK, ratingsOf(7, { trust: 2 }), 'only mine');

    const seenByBen = await dashboardOf(b, { range });
    expect(allValues(seenByBen).every((v) => v === null)).toBe(true);
    expect(seenByBen.wheel[0]).toEqual({ latest: null, earlier: null });
    expect(seenByBen.sideBySide.every((r) => r.partners[0]!.latest === null)).toBe(true);
    expect(seenByBen.isEmpty).toBe(true);
    // Who has submitted is visible, what they rated is not.
    expect(seenByBen.rhythm.submittedThisWeek).toEqual([true, false]);

    const seenByAna = await dashboardOf(a, { range });
    expect(pointAt(seenByAna, THIS_WEEK)).toMatchObject({ values: [6.5, null], coupleMean: null });
    expect(row(seenByAna, 'trust').partners[0]).toEqual({ latest: 2, week: THIS_WEEK, change: null });
    expect(JSON.stringify(seenByAna)).not.toContain('only mine');

    await submit(await b.api(), THIS_WEEK, 3, 'mine too');
    const after = await dashboardOf(b, { range });
    expect(pointAt(after, THIS_WEEK)).toMatchObject({ values: [6.5, 3], coupleMean: 4.8 });
    expect(after.wheel[0]!.latest).toEqual({ week: THIS_WEEK, ratings: ratingsOf(7, { trust: 2 }) });
    expect(row(after, 'trust')).toMatchObject({ difference: 1, worthAConversation: false });
    expect(after).toEqual(await dashboardOf(a, { range }));
    expect(JSON.stringify(after)).not.toMatch(/only mine|mine too/);
  });

  it('shows a lone entry once the week has ended everywhere', async () => {
    const { a, b } = couple;
    await submit(await a.api(), THIS_WEEK, 8, 'secret');
    // Monday in UTC (so 2026-W49 is this week) but still Sunday in UTC-12.
    app.setNow(new Date('2026-11-30T11:59:59.999Z'));
    const before = await dashboardOf(b);
    expect(before.rhythm.thisWeek).toBe('2026-W49');
    expect(pointAt(before, THIS_WEEK).values).toEqual([null, null]);
    expect(before.wheel[0]!.latest).toBeNull();

    app.setNow(new Date('2026-11-30T12:00:00.000Z'));
    const after = await dashboardOf(b);
    expect(pointAt(after, THIS_WEEK).values).toEqual([8, null]);
    expect(after.wheel[0]!.latest).toEqual({ week: THIS_WEEK, ratings: ratingsOf(8) });
    expect(after.isEmpty).toBe(false);
    expect(after).toEqual(await dashboardOf(a));
    expect(JSON.stringify(after)).not.toContain('secret');
  });

  it('shows a lone entry for a week that has already ended at once', async () => {
    await submit(await couple.a.api(), LAST_WEEK, 2, 'written a week too late');
    const seenByBen = await dashboardOf(couple.b);
    expect(pointAt(seenByBen, LAST_WEEK).values).toEqual([2, null]);
    expect(JSON.stringify(seenByBen)).not.toContain('written a week');
  });

  it("does not show a partner's early entry for next week", async () => {
    app.setNow(new Date('2026-11-29T12:00:00Z'));
    await submit(await couple.a.api(), '2026-W49', 9);
    const seenByBen = await dashboardOf(couple.b, { range: 'all' });
    expect(seenByBen.toWeek).toBe(THIS_WEEK);
    expect(allValues(seenByBen).every((v) => v === null)).toBe(true);
  });

  it("does not let the start of 'all' give away a partner's hidden entry", async () => {
    // Monday 05:00 UTC: last week (W48) has not ended in UTC-12, and only Ana logged it.
    await submit(await couple.a.api(), THIS_WEEK, 6);
    app.setNow(new Date('2026-11-30T05:00:00.000Z'));
    const seenByBen = await dashboardOf(couple.b, { range: 'all' });
    expect(seenByBen.fromWeek).toBe('2026-W49');
    expect(seenByBen.isEmpty).toBe(true);
    const seenByAna = await dashboardOf(couple.a, { range: 'all' });
    expect(seenByAna.fromWeek).toBe(THIS_WEEK);
  });

  it('compares the latest week with the one exactly 4 weeks before, even when that is before the range', async () => {
    // 12w runs from W37; Ana's latest in it is W37 itself, and she logged W33, 4 weeks before.
    const api = await couple.a.api();
    await submit(api, '2026-W33', ratingsOf(3, { trust: 9 }));
    await submit(api, '2026-W37', ratingsOf(7, { trust: 2 }));
    const dto = await dashboardOf(couple.b, { range: '12w' });
    expect(dto.fromWeek).toBe('2026-W37');
    expect(row(dto, 'communication').partners[0]).toEqual({ latest: 7, week: '2026-W37', change: 4 });
    expect(row(dto, 'trust').partners[0]).toEqual({ latest: 2, week: '2026-W37', change: -7 });
  });
});

describe('what the reader waits for, and where their history begins', () => {
  let couple: Couple;
  beforeEach(async () => {
    app = await createTestApp({}, WEDNESDAY);
    couple = await pairedCouple(app);
  });

  it("marks a partner's week held back from the reader, not as a week not logged, and nothing of its ratings", async () => {
    const coach = await signUpCoach(app, 'Kim');
    await connectCoach(couple, coach);
    await submit(await couple.a.api(), THIS_WEEK, 7);

    const seenByBen = await dashboardOf(couple.b);
    expect(seenByBen.heldBack).toEqual([[THIS_WEEK], []]);
    expect(pointAt(seenByBen, THIS_WEEK).values).toEqual([null, null]);
    // Ana's only week is still under wraps: it does not start Ben's history either.
    expect(seenByBen).toMatchObject({ firstWeek: null, firstWeeks: 0, isEmpty: true });
    const seenByKim = await dashboardOf(coach, { coupleId: couple.coupleId });
    expect(seenByKim.heldBack).toEqual([[THIS_WEEK], []]);
    expect(seenByKim.firstWeek).toBeNull();
    const seenByAna = await dashboardOf(couple.a);
    expect(seenByAna).toMatchObject({ heldBack: [[], []], firstWeek: THIS_WEEK, firstWeeks: 1 });

    await submit(await couple.b.api(), THIS_WEEK, 5);
    for (const dto of [await dashboardOf(couple.b), await dashboardOf(coach, { coupleId: couple.coupleId })])
      expect(dto).toMatchObject({ heldBack: [[], []], firstWeek: THIS_WEEK, firstWeeks: 1 });
  });

  it("holds back last week's lone answer while that week is under way somewhere, in every range", async () => {
    await submit(await couple.a.api(), LAST_WEEK, 6);
    await submit(await couple.b.api(), LAST_WEEK, 6);
    await submit(await couple.a.api(), THIS_WEEK, 7);
    // Monday 05:00 UTC: W48 has not ended in UTC-12, and only Ana logged it.
    app.setNow(new Date('2026-11-30T05:00:00.000Z'));
    for (const range of RANGES) {
      const dto = await dashboardOf(couple.b, { range });
      expect(dto.heldBack).toEqual([[THIS_WEEK], []]);
      expect(dto.firstWeek).toBe(LAST_WEEK);
    }
  });

  it.each<[string, number[], Week | null, number | null]>([
    ['no check-ins', [], null, 0],
    ['one week', [3], addWeeks(THIS_WEEK, -3), 1],
    ['two weeks', [10, 3], addWeeks(THIS_WEEK, -10), 2],
    ['two weeks, the first of them before the last twelve', [12, 3], addWeeks(THIS_WEEK, -12), null],
    ['three weeks', [30, 20, 3], addWeeks(THIS_WEEK, -30), null],
    ['three weeks, long ago', [80, 70, 60], addWeeks(THIS_WEEK, -80), null],
  ])('counts the first weeks and finds the first week in every range: %s', async (_label, weeksBack, first, count) => {
    for (const back of weeksBack) await submit(await couple.a.api(), addWeeks(THIS_WEEK, -back), 6);
    for (const range of RANGES) {
      for (const person of [couple.a, couple.b])
        expect(await dashboardOf(person, { range })).toMatchObject({ firstWeek: first, firstWeeks: count });
    }
  });

  it("starts a partner's history at the couple's own weeks, not the other's weeks before they paired", async () => {
    await submit(await couple.a.api(), addWeeks(THIS_WEEK, -5), 6);
    await submit(await couple.b.api(), LAST_WEEK, 4);
    // Paired this week: Ana's week of five weeks ago is hers alone, and Ben's last week his.
    await sqlRun(
      app,
      'update couple_members set joined_at = ? where couple_id = ?',
      WEDNESDAY.toISOString(),
      couple.coupleId,
    );
    expect((await dashboardOf(couple.a)).firstWeek).toBe(addWeeks(THIS_WEEK, -5));
    expect((await dashboardOf(couple.b)).firstWeek).toBe(LAST_WEEK);
    const coach = await signUpCoach(app, 'Kim');
    await connectCoach(couple, coach);
    expect((await dashboardOf(coach, { coupleId: couple.coupleId })).firstWeek).toBeNull();
  });
});

describe('access', () => {
  let couple: Couple;
  beforeEach(async () => {
    app = await createTestApp({}, WEDNESDAY);
    couple = await pairedCouple(app);
    await submit(await couple.a.api(), LAST_WEEK, 4, 'private note of Ana');
    await submit(await couple.b.api(), LAST_WEEK, 6, 'private note of Ben');
  });

  it.each([
    ['with the target coupleId', true],
    ['without input', false],
  ])('anonymous %s: UNAUTHORIZED', async (_label, named) => {
    const api = await (await app.client()).api();
    await expectRefusedUnchanged(
      app,
      () => api.dashboard.get(named ? { coupleId: couple.coupleId } : undefined),
      'UNAUTHORIZED',
    );
  });

  it.each<[string, () => string]>([
    ['the target', () => couple.coupleId],
    ['an unknown couple', () => 'no-such-couple'],
  ])('a partner of another couple naming %s: FORBIDDEN', async (_label, coupleId) => {
    const stranger = (await pairedCouple(app, ['Sam', 'Tess'])).a;
    const api = await stranger.api();
    const error = await expectRefusedUnchanged(
      app,
      () => api.dashboard.get({ coupleId: coupleId(), range: 'all' }),
      'FORBIDDEN',
    );
    expect(error.message).not.toContain('Ana');
  });

  it('an unpaired partner naming the target: FORBIDDEN', async () => {
    const api = await (await signUpPartner(app, 'Lone')).api();
    await expectRefusedUnchanged(app, () => api.dashboard.get({ coupleId: couple.coupleId }), 'FORBIDDEN');
  });

  it('a coach: FORBIDDEN with the coupleId (no consent yet), BAD_REQUEST without', async () => {
    const api = await (await signUpCoach(app)).api();
    await expectRefusedUnchanged(app, () => api.dashboard.get({ coupleId: couple.coupleId }), 'FORBIDDEN');
    await expectRefusedUnchanged(
      app,
      () => api.dashboard.get({ coupleId: couple.coupleId, range: 'all' }),
      'FORBIDDEN',
    );
    await expectRefusedUnchanged(app, () => api.dashboard.get(), 'BAD_REQUEST');
    await expectRefusedUnchanged(app, () => api.dashboard.get({ range: '6m' }), 'BAD_REQUEST');
  });

  it('an unpaired partner sees only their own data', async () => {
    const lone = await signUpPartner(app, 'Lone');
    await submit(await lone.api(), LAST_WEEK, 9, 'lonely note');
    await submit(await lone.api(), THIS_WEEK, 7);
    for (const range of RANGES) {
      const dto = await dashboardOf(lone, { range });
      expect(dto.partners).toEqual([{ userId: lone.user.id, displayName: 'Lone' }]);
      expect(pointAt(dto, LAST_WEEK)).toMatchObject({ values: [9], coupleMean: null });
      expect(pointAt(dto, THIS_WEEK)).toMatchObject({ values: [7], trend: [8], coupleMean: null });
      for (const point of dto.connection) expect(point.values).toHaveLength(1);
      expect(dto.wheel).toEqual([
        { latest: { week: THIS_WEEK, ratings: ratingsOf(7) }, earlier: { week: LAST_WEEK, ratings: ratingsOf(9) } },
      ]);
      expect(
        dto.sideBySide.every((r) => r.difference === null && !r.worthAConversation && r.partners.length === 1),
      ).toBe(true);
      expect(dto.rhythm).toEqual({ streak: 2, thisWeek: THIS_WEEK, submittedThisWeek: [true] });
      const text = JSON.stringify(dto);
      for (const secret of [couple.a.user.id, couple.b.user.id, 'Ana', 'Ben', 'note'])
        expect(text).not.toContain(secret);
    }
  });

  it.each<[string, unknown]>([
    ['range weekly', { range: 'weekly' }],
    ['range 3m', { range: '3m' }],
    ['range ALL', { range: 'ALL' }],
    ['an empty range', { range: '' }],
    ['a numeric range', { range: 12 }],
    ['a null range', { range: null }],
    ['an unknown key', { range: '12w', week: THIS_WEEK }],
    ['an unknown key alone', { userId: 'someone' }],
    ['an empty coupleId', { coupleId: '' }],
    ['a numeric coupleId', { coupleId: 7 }],
    ['a coupleId of 65 characters', { coupleId: 'x'.repeat(65) }],
    ['an array', ['12w']],
    ['a bare string', '12w'],
  ])('%s: BAD_REQUEST', async (_label, input) => {
    const api = await couple.a.api();
    await expectRefusedUnchanged(app, () => api.dashboard.get(input as never), 'BAD_REQUEST');
  });

  it('lets each partner name their own couple', async () => {
    for (const person of [couple.a, couple.b]) {
      const dto = await dashboardOf(person, { coupleId: couple.coupleId, range: '6m' });
      expect(pointAt(dto, LAST_WEEK)).toMatchObject({ values: [4, 6], coupleMean: 5 });
      expect(JSON.stringify(dto)).not.toContain('private note');
    }
  });
});

describe('the demo couple', () => {
  beforeEach(async () => {
    app = await createTestApp({}, WEDNESDAY);
  });

  it('has a dashboard worth looking at from the first visit', async () => {
    const client = await app.client();
    const user = await (await client.api()).demo.start();
    const api = await client.api();
    const dto = await api.dashboard.get({ range: '6m' });
    expect(dto.isEmpty).toBe(false);
    expect(dto.partners.map((p) => p.displayName)).toEqual(['Alex', 'Blake']);
    expect(dto.partners[0]!.userId).toBe(user.id);
    for (const slot of [0, 1]) {
      expect(dto.connection.filter((p) => p.values[slot] !== null).length).toBeGreaterThanOrEqual(15);
      expect(dto.wheel[slot]!.latest).not.toBeNull();
      expect(dto.wheel[slot]!.earlier).not.toBeNull();
    }
    expect(dto.connection.some((p) => p.coupleMean !== null)).toBe(true);
    expect(dto.sideBySide.every((r) => r.difference !== null)).toBe(true);
    // Blake has checked in this week, Alex (the visitor) not yet: Blake's answers wait for Alex's.
    expect(dto.rhythm.submittedThisWeek).toEqual([false, true]);
    expect(pointAt(dto, THIS_WEEK).values).toEqual([null, null]);
    expect(JSON.stringify(dto)).not.toMatch(/note|Long week at work|Sunday walk/);
    expect((await api.dashboard.get()).isEmpty).toBe(false);
  });
});

/** The app of `createTestApp`, with a record of the SQL it runs. */
async function createCountingApp(now: Date): Promise<TestApp & { queries(): string[] }> {
  const queries: string[] = [];
  const log = (event: LogEvent) => {
    if (event.level === 'query') queries.push(event.query.sql);
  };
  const app = await createTestApp({}, now, { log });
  return { ...app, queries: () => [...queries] };
}

describe('set-based reads', () => {
  let counting: Awaited<ReturnType<typeof createCountingApp>>;
  beforeEach(async () => {
    counting = await createCountingApp(WEDNESDAY);
    app = counting;
  });

  /** Queries run by the dashboard call alone: the session and user lookups of the context come before it. */
  const queriesOf = async (person: Person, range: DashboardRange) => {
    const api = await person.api();
    const before = counting.queries().length;
    const dto = await api.dashboard.get({ range });
    const sql = counting.queries().slice(before);
    return { count: sql.length, sql, dto };
  };

  it('makes a small number of queries whatever the length of the history, in every range', async () => {
    const veterans = await pairedCouple(app, ['Vera', 'Vic']);
    const newcomers = await pairedCouple(app, ['Nia', 'Ned']);
    const fiveYears = weekRange(addWeeks(THIS_WEEK, -259), THIS_WEEK);
    const nowIso = WEDNESDAY.toISOString();
    await app.deps.db.transaction().execute(async (trx) => {
      for (const [i, week] of fiveYears.entries()) {
        for (const person of [veterans.a, veterans.b]) {
          await upsertAssessment(trx, {
            id: randomUUID(),
            userId: person.user.id,
            week,
            ratings: ratingsOf(1 + (i % 10)),
            note: `n${i}`,
            nowIso,
          });
        }
      }
    });
    await submit(await newcomers.a.api(), LAST_WEEK, 5);
    await submit(await newcomers.b.api(), LAST_WEEK, 6);

    const lone = await signUpPartner(app, 'Lone');
    for (const range of RANGES) {
      const long = await queriesOf(veterans.b, range);
      const short = await queriesOf(newcomers.a, range);
      const solo = await queriesOf(lone, range);
      // The couple's partners came with the session, before the call. Then the dashboard's single set-based read
      // (with the answer times that tell a change made after both had answered) and the focus history; a fixed range
      // also looks up where the history begins (one min() on the index), which 'all' has read.
      const firstWeekReads = range === 'all' ? 0 : 1;
      expect({ range, short: short.count }).toEqual({ range, short: 2 + firstWeekReads });
      expect(short.sql.filter((q) => /from "couple_members"/.test(q))).toEqual([]);
      expect(short.sql.filter((q) => /min\("week"\)/.test(q))).toHaveLength(firstWeekReads);
      expect(short.sql.filter((q) => /"created_at" as "createdAt", "ratings_changed_at"/.test(q))).toHaveLength(1);
      // This couple has 260 weeks in a row. A fixed range reads only its own weeks, so the streak reaches past them
      // and is followed in stretches that double in length: the first is read (the weeks everyone logged), later
      // ones are counted, and the one where the streak ends is read. 'all' has read every week already.
      const counts = long.sql.filter((q) => /count\(\*\)/.test(q) && !/group by/.test(q));
      const stretchReads = long.sql.filter((q) => /group by "week"/.test(q));
      expect({ range, stretchReads: stretchReads.length }).toEqual({ range, stretchReads: range === 'all' ? 0 : 2 });
      expect(counts.length).toBeLessThanOrEqual(5);
      expect(long.count).toBe(2 + firstWeekReads + counts.length + stretchReads.length);
      // Before pairing there are no partners to look up and no focus: the dashboard's own read remains.
      expect(solo.count).toBe(1 + firstWeekReads);
      expect(long.dto.isEmpty).toBe(false);
      expect(long.dto.rhythm.streak).toBe(260);
    }
    expect((await queriesOf(veterans.a, 'all')).dto).toMatchObject({ granularity: 'month', fromWeek: fiveYears[0] });
  });

  it.each([15, 16, 17, 29, 30, 31, 59, 60, 61, 62, 90])(
    'counts a streak of %i weeks exactly in every range, however far back the reads must follow it',
    async (length) => {
      const couple = await pairedCouple(app, ['Sol', 'Tam']);
      const nowIso = WEDNESDAY.toISOString();
      // Last week back `length` weeks, both partners; then one week only one of them logged, then older weeks.
      const streak = weekRange(addWeeks(LAST_WEEK, -(length - 1)), LAST_WEEK);
      const broken = addWeeks(LAST_WEEK, -length);
      const older = weekRange(addWeeks(broken, -20), addWeeks(broken, -1));
      await app.deps.db.transaction().execute(async (trx) => {
        for (const week of [...older, ...streak]) {
          for (const person of [couple.a, couple.b]) {
            await upsertAssessment(trx, {
              id: randomUUID(),
              userId: person.user.id,
              week,
              ratings: ratingsOf(6),
              note: null,
              nowIso,
            });
          }
        }
        await upsertAssessment(trx, {
          id: randomUUID(),
          userId: couple.a.user.id,
          week: broken,
          ratings: ratingsOf(6),
          note: null,
          nowIso,
        });
      });
      for (const range of RANGES) {
        expect({ range, streak: (await queriesOf(couple.b, range)).dto.rhythm.streak }).toEqual({
          range,
          streak: length,
        });
      }
    },
  );
});

describe('the streak on a Monday morning', () => {
  it('does not break while last week is still under way somewhere, and does once it is over everywhere', async () => {
    app = await createTestApp({}, WEDNESDAY);
    const couple = await pairedCouple(app, ['Ana', 'Ben']);
    const [ana, ben] = [await couple.a.api(), await couple.b.api()];
    for (const week of ['2026-W46', '2026-W47'] as Week[]) {
      await submit(ana, week, 6);
      await submit(ben, week, 6);
    }
    // This week (2026-W48): Ana has logged it, Ben, in Hawaii, not yet.
    await submit(ana, THIS_WEEK, 6);
    const streakAt = async (at: string) => {
      app.setNow(new Date(at));
      return (await dashboardOf(couple.a, { range: '12w' })).rhythm.streak;
    };
    // Monday 07:00 UTC is Sunday evening in Hawaii: Ben may still log 2026-W48, so the two weeks before it stand.
    expect(await streakAt('2026-11-30T07:00:00.000Z')).toBe(2);
    // From Monday noon UTC, 2026-W48 is over everywhere without Ben's check-in: the streak is broken.
    expect(await streakAt('2026-11-30T12:00:00.000Z')).toBe(0);
  });
});
