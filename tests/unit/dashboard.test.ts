import { PRACTICE_IDS } from '#shared/practice-ids';
import { describe, expect, it } from 'vitest';
import {
  buildDashboard,
  CHANGE_WEEKS,
  CONVERSATION_GAP,
  MONTHLY_THRESHOLD_WEEKS,
  rangeBounds,
  TREND_WINDOW,
  type DashboardEntry,
  type DashboardSource,
} from '#shared/domain/dashboard';
import type { PracticeId } from '#shared/practices';
import type { Ratings } from '#shared/schemas/common.schema';
import type { FocusPeriod } from '#shared/domain/focus-bands';
import type { DashboardDto, DashboardRange, FocusBand } from '#shared/schemas/dashboard.schema';
import { coupleStreak } from '#shared/domain/series';
import { addWeeks, weekRange, type Week } from '#shared/week';
import { ratingsOf } from '../helpers/ratings';

const THIS = '2026-W48';
const ANA = { userId: 'user-ana', displayName: 'Ana' };
const BEN = { userId: 'user-ben', displayName: 'Ben' };

// The contract's order, pinned word for word in tests/unit/practices.test.ts.
const CONTRACT_ORDER = PRACTICE_IDS;

const entry = (who: { userId: string }, week: Week, ratings: number | Ratings): DashboardEntry => ({
  userId: who.userId,
  week,
  ratings: typeof ratings === 'number' ? ratingsOf(ratings) : ratings,
});

/** A source in which every entry is visible, and logged weeks, the streak and the first week follow from the entries. */
function source(overrides: Partial<DashboardSource> = {}): DashboardSource {
  const partners = overrides.partners ?? [ANA, BEN];
  const entries = overrides.entries ?? [];
  const weeks = entries.map((e) => e.week).sort();
  const loggedWeeks =
    overrides.loggedWeeks ??
    partners.map((p) => new Set(entries.filter((e) => e.userId === p.userId).map((e) => e.week)));
  return {
    range: '12w',
    thisWeek: THIS,
    partners,
    entries,
    loggedWeeks,
    streak: coupleStreak(loggedWeeks, overrides.thisWeek ?? THIS),
    changedLate: partners.map(() => new Set<Week>()),
    firstWeek: weeks[0] ?? null,
    ...overrides,
  };
}

const pointAt = <T extends { period: string }>(points: T[], period: string): T => {
  const point = points.find((p) => p.period === period);
  if (!point) throw new Error(`No point for ${period}`);
  return point;
};
const practicePoints = (dto: DashboardDto, id: PracticeId) => dto.practices.find((p) => p.practiceId === id)!.points;
const row = (dto: DashboardDto, id: PracticeId) => dto.sideBySide.find((r) => r.practiceId === id)!;

describe('the constants the product issue names', () => {
  it('are a 4-week trend, a 4-week change, a gap of 3, months past 150 weeks', () => {
    expect([TREND_WINDOW, CHANGE_WEEKS, CONVERSATION_GAP, MONTHLY_THRESHOLD_WEEKS]).toEqual([4, 4, 3, 150]);
  });
});

describe('rangeBounds', () => {
  it.each<[DashboardRange, Week, Week | null, Week]>([
    ['12w', THIS, null, '2026-W37'],
    ['6m', THIS, null, '2026-W23'],
    ['1y', THIS, null, '2025-W49'],
    ['12w', '2026-W05', null, '2025-W46'],
    ['6m', '2021-W10', null, '2020-W38'],
    ['1y', '2021-W10', null, '2020-W12'],
    ['12w', THIS, '2010-W01', '2026-W37'],
    ['all', THIS, '2024-W10', '2024-W10'],
    ['all', THIS, '2026-W47', '2026-W47'],
    ['all', THIS, THIS, THIS],
    ['all', THIS, null, THIS],
    ['all', THIS, '2026-W49', THIS],
  ])('%s ending %s (first week %s) starts at %s', (range, thisWeek, firstWeek, fromWeek) => {
    expect(rangeBounds(range, thisWeek, firstWeek)).toEqual({ fromWeek, toWeek: thisWeek });
  });
});

describe('buildDashboard: weekly shapes', () => {
  it.each<[DashboardRange, Week | null, number, Week, string]>([
    ['12w', null, 12, '2026-W37', '2026-09-07'],
    ['6m', null, 26, '2026-W23', '2026-06-01'],
    ['1y', null, 52, '2025-W49', '2025-12-01'],
    ['all', '2026-W30', 19, '2026-W30', '2026-07-20'],
    ['all', THIS, 1, THIS, '2026-11-23'],
    ['all', addWeeks(THIS, -(MONTHLY_THRESHOLD_WEEKS - 1)), 150, '2024-W03', '2024-01-15'],
  ])('%s (first week %s): %i weekly points from %s', (range, firstWeek, length, fromWeek, firstStart) => {
    const entries = firstWeek ? [entry(ANA, firstWeek, 6)] : [entry(ANA, THIS, 6)];
    const dto = buildDashboard(source({ range, entries }));
    const periods = weekRange(fromWeek, THIS);
    expect(periods).toHaveLength(length);

    expect(dto).toMatchObject({ range, granularity: 'week', fromWeek, toWeek: THIS, partners: [ANA, BEN] });
    expect(dto.connection.map((p) => p.period)).toEqual(periods);
    expect(dto.connection[0]!.start).toBe(firstStart);
    expect(dto.connection.at(-1)!.start).toBe('2026-11-23');
    for (const point of dto.connection) {
      expect(new Date(`${point.start}T00:00:00Z`).getUTCDay()).toBe(1);
      expect(point.values).toHaveLength(2);
      expect(point.trend).toHaveLength(2);
    }
    expect(dto.practices.map((p) => p.practiceId)).toEqual(CONTRACT_ORDER);
    for (const practice of dto.practices) {
      expect(practice.points.map((p) => p.period)).toEqual(periods);
      expect(practice.points.map((p) => p.start)).toEqual(dto.connection.map((p) => p.start));
    }
    expect(dto.sideBySide.map((r) => r.practiceId)).toEqual(CONTRACT_ORDER);
    expect(dto.wheel).toHaveLength(2);
    expect(dto.rhythm.thisWeek).toBe(THIS);
  });
});

describe('buildDashboard: connection index, gaps, trend and couple mean', () => {
  // 12w covers 2026-W37 to W48; the trend of W37 also reads W34 to W36.
  const entries = [
    entry(ANA, '2026-W33', 1), // too early even for the trend of the range's first week
    entry(ANA, '2026-W34', 10), // in the trend's lead-in, not drawn
    entry(ANA, '2026-W37', 4),
    entry(ANA, '2026-W38', 6),
    entry(ANA, '2026-W40', 8),
    entry(ANA, '2026-W41', 2),
    entry(BEN, '2026-W37', 5),
    entry(BEN, '2026-W38', 7),
    entry(BEN, '2026-W41', 3),
    entry(BEN, THIS, ratingsOf(5, { trust: 10 })), // mean of ten ratings: 5.5
  ];
  const dto = buildDashboard(source({ entries }));

  it.each<[Week, (number | null)[], (number | null)[], number | null]>([
    // week, values [Ana, Ben], trend [Ana, Ben], couple mean
    ['2026-W37', [4, 5], [7, 5], 4.5], // Ana's trend: (10 + 4) / 2 from the lead-in; W33 is outside the window
    ['2026-W38', [6, 7], [5, 6], 6.5],
    ['2026-W39', [null, null], [null, null], null], // a gap: null, never zero, never interpolated
    ['2026-W40', [8, null], [6, null], null], // (4 + 6 + 8) / 3; Ben's gap stays a gap
    ['2026-W41', [2, 3], [5.3, 5], 2.5], // Ana (6 + 8 + 2) / 3 = 5.33; Ben (7 + 3) / 2
    ['2026-W42', [null, null], [null, null], null],
    ['2026-W47', [null, null], [null, null], null],
    [THIS, [null, 5.5], [null, 5.5], null], // Ben's W41 is 7 weeks back: out of the window
  ])('%s: values %j, trend %j, couple mean %s', (week, values, trend, coupleMean) => {
    expect(pointAt(dto.connection, week)).toMatchObject({ values, trend, coupleMean });
  });

  it('draws the range only, not the lead-in weeks', () => {
    expect(dto.connection[0]!.period).toBe('2026-W37');
    expect(dto.connection).toHaveLength(12);
    expect(dto.connection.filter((p) => p.values.some((v) => v === 0))).toEqual([]);
  });

  it('carries each practice’s own rating in the practice series', () => {
    expect(pointAt(practicePoints(dto, 'trust'), THIS).values).toEqual([null, 10]);
    expect(pointAt(practicePoints(dto, 'communication'), THIS).values).toEqual([null, 5]);
    expect(pointAt(practicePoints(dto, 'patience'), '2026-W40').values).toEqual([8, null]);
    expect(pointAt(practicePoints(dto, 'patience'), '2026-W39').values).toEqual([null, null]);
  });

  it('takes the connection index as the mean of all ten ratings', () => {
    const ratings = ratingsOf((_, index) => index + 1); // 1 … 10
    const one = buildDashboard(
      source({ entries: [entry(ANA, THIS, ratings), entry(BEN, THIS, ratingsOf(2, { empathy: 9 }))] }),
    );
    expect(one.connection.at(-1)).toMatchObject({ values: [5.5, 2.7], coupleMean: 4.1 });
  });
});

describe('buildDashboard: months past 150 weeks', () => {
  it.each<[number, 'week' | 'month', number]>([
    [MONTHLY_THRESHOLD_WEEKS, 'week', 150],
    [MONTHLY_THRESHOLD_WEEKS + 1, 'month', 35], // 2024-W02 (Thursday 11 Jan 2024) to Nov 2026: 12 + 12 + 11 months
    [200, 'month', 46], // 2023-W05 (Thursday 2 Feb 2023) to Nov 2026: 11 + 12 + 12 + 11 months
  ])("'all' over %i weeks is drawn by %s: %i points", (weeks, granularity, points) => {
    const first = addWeeks(THIS, -(weeks - 1));
    const dto = buildDashboard(source({ range: 'all', entries: [entry(ANA, first, 5), entry(BEN, THIS, 5)] }));
    expect(dto).toMatchObject({ granularity, fromWeek: first, toWeek: THIS });
    expect(dto.connection).toHaveLength(points);
    for (const practice of dto.practices) expect(practice.points).toHaveLength(points);
  });

  describe("'all' over 200 weeks", () => {
    const entries = [
      entry(ANA, '2023-W05', 6), // the first week: Monday 30 Jan, Thursday 2 Feb 2023
      // October 2026 holds W40 (Thursday 1 Oct) to W44 (Thursday 29 Oct; it ends on 1 Nov).
      entry(ANA, '2026-W40', ratingsOf(2, { trust: 9 })),
      entry(ANA, '2026-W42', ratingsOf(6, { trust: 2 })),
      entry(ANA, '2026-W44', ratingsOf(8, { trust: 3 })),
      entry(BEN, '2026-W41', 9),
      entry(BEN, '2026-W43', 4),
      // November 2026: W45 to W48. September 2026 (W36 to W39): nobody.
      entry(ANA, THIS, 7),
    ];
    const dto = buildDashboard(source({ range: 'all', entries }));

    it('labels months by the Thursday of their weeks and starts them on the 1st', () => {
      expect(dto.granularity).toBe('month');
      expect(dto.connection).toHaveLength(46);
      expect(dto.connection[0]).toMatchObject({ period: '2023-02', start: '2023-02-01', values: [6, null] });
      expect(dto.connection.at(-1)).toMatchObject({ period: '2026-11', start: '2026-11-01' });
      const periods = dto.connection.map((p) => p.period);
      expect(new Set(periods).size).toBe(46);
      expect(periods).toEqual([...periods].sort());
      for (const point of dto.connection) expect(point.start).toBe(`${point.period}-01`);
    });

    it.each<[string, (number | null)[], number | null]>([
      // Ana's October connection indices: 2.7, 5.6 and 7.5 → 5.27; her W44 belongs to October, not November.
      ['2026-10', [5.3, 6.5], 5.9],
      ['2026-09', [null, null], null],
      ['2026-11', [7, null], null],
      ['2023-03', [null, null], null],
    ])('the connection value of %s is the monthly mean of logged weeks: %j', (period, values, coupleMean) => {
      const point = pointAt(dto.connection, period);
      expect(point).toMatchObject({ values, coupleMean });
      values.forEach((value, index) => {
        if (value === null) expect(point.trend[index]).toBeNull();
      });
    });

    it('averages each practice by month too', () => {
      expect(pointAt(practicePoints(dto, 'trust'), '2026-10').values).toEqual([4.7, 6.5]); // (9 + 2 + 3) / 3
      expect(pointAt(practicePoints(dto, 'empathy'), '2026-10').values).toEqual([5.3, 6.5]); // (2 + 6 + 8) / 3
      expect(pointAt(practicePoints(dto, 'empathy'), '2026-09').values).toEqual([null, null]);
    });
  });
});

describe('buildDashboard: wheel', () => {
  it('gives each partner their latest and first check-in in the range', () => {
    const ana38 = ratingsOf(3, { trust: 8 });
    const ana45 = ratingsOf(7, { presence: 2 });
    const ben44 = ratingsOf(9);
    const dto = buildDashboard(
      source({
        entries: [
          entry(ANA, '2026-W34', 1),
          entry(ANA, '2026-W38', ana38),
          entry(ANA, '2026-W45', ana45),
          entry(BEN, '2026-W44', ben44),
        ],
      }),
    );
    expect(dto.wheel).toEqual([
      { latest: { week: '2026-W45', ratings: ana45 }, earlier: { week: '2026-W38', ratings: ana38 } },
      { latest: { week: '2026-W44', ratings: ben44 }, earlier: null },
    ]);
  });

  it('ignores check-ins before the range', () => {
    const dto = buildDashboard(
      source({ entries: [entry(ANA, '2026-W35', 4), entry(BEN, '2026-W20', 4), entry(BEN, '2026-W47', 6)] }),
    );
    expect(dto.wheel[0]).toEqual({ latest: null, earlier: null });
    expect(dto.wheel[1]).toEqual({ latest: { week: '2026-W47', ratings: ratingsOf(6) }, earlier: null });
  });
});

describe('buildDashboard: side by side', () => {
  const anaLatest = ratingsOf(5, { communication: 4, vulnerability: 8, presence: 9, patience: 1, empathy: 7 });
  const benLatest = ratingsOf(5, { communication: 6, vulnerability: 5, presence: 2, patience: 10, empathy: 9 });
  const dto = buildDashboard(
    source({
      entries: [
        entry(ANA, '2026-W44', 5), // exactly 4 weeks before Ana's latest
        entry(ANA, THIS, anaLatest),
        entry(BEN, '2026-W42', 1),
        entry(BEN, '2026-W44', 1), // 3 weeks before Ben's latest: not the week to compare with
        entry(BEN, '2026-W47', benLatest), // W43, 4 weeks before, was not logged
      ],
    }),
  );

  it.each<[PracticeId, number, number, number, boolean, number]>([
    // practice, Ana, Ben, difference, worth a conversation, Ana's change since W44
    ['communication', 4, 6, 2, false, -1],
    ['vulnerability', 8, 5, 3, true, 3],
    ['presence', 9, 2, 7, true, 4],
    ['empathy', 7, 9, 2, false, 2],
    ['patience', 1, 10, 9, true, -4],
    ['trust', 5, 5, 0, false, 0],
  ])('%s: %i vs %i, difference %i, worth a conversation: %s', (practiceId, ana, ben, difference, worth, change) => {
    expect(row(dto, practiceId)).toEqual({
      practiceId,
      partners: [
        { latest: ana, week: THIS, change },
        { latest: ben, week: '2026-W47', change: null },
      ],
      difference,
      worthAConversation: worth,
    });
  });

  it('compares with the week exactly 4 weeks back even when it lies before the range', () => {
    // 12w starts at W37; W33 is 4 weeks before it.
    const early = buildDashboard(
      source({
        entries: [
          entry(ANA, '2026-W33', ratingsOf(3, { trust: 9 })),
          entry(ANA, '2026-W37', ratingsOf(7, { trust: 2 })),
        ],
      }),
    );
    expect(row(early, 'communication').partners[0]).toEqual({ latest: 7, week: '2026-W37', change: 4 });
    expect(row(early, 'trust').partners[0]).toEqual({ latest: 2, week: '2026-W37', change: -7 });
    expect(row(early, 'trust')).toMatchObject({ difference: null, worthAConversation: false });
  });
});

describe('buildDashboard: rhythm', () => {
  it('counts the streak and this week from every logged week, visible or not', () => {
    const dto = buildDashboard(
      source({
        entries: [entry(ANA, '2026-W47', 5), entry(BEN, '2026-W47', 5)],
        // Ben's entry for this week is hidden from the viewer, but he has logged it.
        loggedWeeks: [new Set(['2026-W46', '2026-W47', THIS]), new Set(['2026-W46', '2026-W47', THIS])],
      }),
    );
    expect(dto.rhythm).toEqual({ streak: 3, thisWeek: THIS, submittedThisWeek: [true, true] });
    expect(dto.connection.at(-1)!.values).toEqual([null, null]);
  });

  it('says who has submitted this week, in join order', () => {
    const dto = buildDashboard(
      source({ entries: [entry(BEN, THIS, 5), entry(ANA, '2026-W47', 5), entry(BEN, '2026-W47', 5)] }),
    );
    expect(dto.rhythm).toEqual({ streak: 1, thisWeek: THIS, submittedThisWeek: [false, true] });
  });

  it('names, per partner, the latest week side by side shows when its ratings changed after both had answered', () => {
    const entries = [
      entry(ANA, '2026-W46', 5),
      entry(BEN, '2026-W46', 5),
      entry(ANA, '2026-W47', 6),
      entry(BEN, '2026-W47', 4),
    ];
    const changed = (ana: Week[], ben: Week[]) =>
      buildDashboard({ ...source({ entries }), changedLate: [new Set(ana), new Set(ben)] }).changedAfterBothAnswered;
    expect(changed([], [])).toEqual([null, null]);
    expect(changed([], ['2026-W47'])).toEqual([null, '2026-W47']);
    // An older week changed late is not the one side by side compares.
    expect(changed(['2026-W46'], [])).toEqual([null, null]);
  });

  it('reports the streak it is given, which may reach back before the weeks read', () => {
    const dto = buildDashboard({
      ...source({ entries: [entry(ANA, '2026-W47', 5), entry(BEN, '2026-W47', 5)] }),
      streak: 208,
    });
    expect(dto.rhythm.streak).toBe(208);
  });
});

/** The same dashboard with the two partner slots exchanged everywhere. */
function swapSlots(dto: DashboardDto): DashboardDto {
  const swap = <T>(pair: T[]) => [...pair].reverse();
  return {
    ...dto,
    partners: swap(dto.partners),
    connection: dto.connection.map((p) => ({ ...p, values: swap(p.values), trend: swap(p.trend) })),
    practices: dto.practices.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, values: swap(p.values) })) })),
    wheel: swap(dto.wheel),
    sideBySide: dto.sideBySide.map((r) => ({ ...r, partners: swap(r.partners) })),
    rhythm: { ...dto.rhythm, submittedThisWeek: swap(dto.rhythm.submittedThisWeek) },
  };
}

describe('buildDashboard: partner slots', () => {
  const entries = [
    entry(ANA, '2026-W34', 10),
    entry(ANA, '2026-W40', ratingsOf(2, { trust: 9 })),
    entry(ANA, '2026-W44', 4),
    entry(ANA, THIS, ratingsOf(8, { presence: 1 })),
    entry(BEN, '2026-W40', 6),
    entry(BEN, '2026-W43', ratingsOf(3, { patience: 10 })),
    entry(BEN, '2026-W47', 7),
    entry(BEN, THIS, 5),
  ];

  it.each<DashboardRange>(['12w', '6m', '1y', 'all'])(
    '%s: swapping the partners swaps the slots and nothing else',
    (range) => {
      const forward = buildDashboard(source({ range, entries, partners: [ANA, BEN] }));
      const backward = buildDashboard(source({ range, entries, partners: [BEN, ANA] }));
      expect(backward).not.toEqual(forward);
      expect(backward).toEqual(swapSlots(forward));
    },
  );

  it('does not depend on the order of the entries', () => {
    expect(buildDashboard(source({ entries: [...entries].reverse() }))).toEqual(buildDashboard(source({ entries })));
  });
});

describe('buildDashboard: empty and lone', () => {
  it.each<DashboardRange>(['12w', '6m', '1y', 'all'])('%s with no history at all: empty, every value null', (range) => {
    const dto = buildDashboard(source({ range }));
    expect(dto.isEmpty).toBe(true);
    expect(dto.connection.length).toBeGreaterThan(0);
    for (const point of dto.connection)
      expect(point).toMatchObject({ values: [null, null], trend: [null, null], coupleMean: null });
    for (const practice of dto.practices)
      for (const point of practice.points) expect(point.values).toEqual([null, null]);
    expect(dto.wheel).toEqual([
      { latest: null, earlier: null },
      { latest: null, earlier: null },
    ]);
    for (const r of dto.sideBySide) {
      expect(r).toEqual({
        practiceId: r.practiceId,
        partners: [
          { latest: null, week: null, change: null },
          { latest: null, week: null, change: null },
        ],
        difference: null,
        worthAConversation: false,
      });
    }
    expect(dto.rhythm).toEqual({ streak: 0, thisWeek: THIS, submittedThisWeek: [false, false] });
  });

  it('is not empty once one partner has logged one week in the range', () => {
    expect(buildDashboard(source({ entries: [entry(BEN, '2026-W40', 3)] })).isEmpty).toBe(false);
  });

  it('one partner only: one slot everywhere, no couple mean, no difference', () => {
    const dto = buildDashboard(
      source({
        partners: [ANA],
        entries: [entry(ANA, '2026-W44', 4), entry(ANA, '2026-W47', 6), entry(ANA, THIS, ratingsOf(9, { trust: 1 }))],
      }),
    );
    expect(dto.partners).toEqual([ANA]);
    expect(dto.isEmpty).toBe(false);
    expect(pointAt(dto.connection, '2026-W47')).toMatchObject({ values: [6], trend: [5], coupleMean: null });
    expect(pointAt(dto.connection, THIS)).toMatchObject({ values: [8.2], trend: [7.1], coupleMean: null });
    for (const point of dto.connection) {
      expect(point.values).toHaveLength(1);
      expect(point.coupleMean).toBeNull();
    }
    expect(dto.wheel).toHaveLength(1);
    expect(row(dto, 'trust')).toEqual({
      practiceId: 'trust',
      partners: [{ latest: 1, week: THIS, change: -3 }],
      difference: null,
      worthAConversation: false,
    });
    expect(dto.rhythm).toEqual({ streak: 2, thisWeek: THIS, submittedThisWeek: [true] });
  });
});

describe('buildDashboard: focus bands', () => {
  const bandsOf = (overrides: Partial<DashboardSource>) => buildDashboard(source(overrides)).focusBands;

  it.each<[string, FocusPeriod[], DashboardRange, Partial<FocusBand>[]]>([
    ['no focus', [], '12w', []],
    [
      'a current focus runs to this week',
      [{ practiceId: 'trust', startWeek: '2026-W45', endWeek: null }],
      '12w',
      [{ practiceId: 'trust', fromWeek: '2026-W45', toWeek: null, fromPeriod: '2026-W45', toPeriod: THIS }],
    ],
    [
      'an ended focus stops the week before it ended',
      [{ practiceId: 'empathy', startWeek: '2026-W40', endWeek: '2026-W43' }],
      '12w',
      [{ fromWeek: '2026-W40', toWeek: '2026-W42', fromPeriod: '2026-W40', toPeriod: '2026-W42' }],
    ],
    [
      'a focus that began before the range is clipped to its first week, keeping its real start',
      [{ practiceId: 'rituals', startWeek: '2026-W20', endWeek: '2026-W40' }],
      '12w',
      [{ fromWeek: '2026-W20', toWeek: '2026-W39', fromPeriod: '2026-W37', toPeriod: '2026-W39' }],
    ],
    [
      'a focus that ended before the range draws nothing',
      [{ practiceId: 'rituals', startWeek: '2026-W20', endWeek: '2026-W30' }],
      '12w',
      [],
    ],
    [
      'a focus replaced in the week it began covers no week',
      [{ practiceId: 'presence', startWeek: '2026-W44', endWeek: '2026-W44' }],
      '12w',
      [],
    ],
    [
      'several, oldest first whatever order they arrive in',
      [
        { practiceId: 'celebration', startWeek: '2026-W46', endWeek: null },
        { practiceId: 'trust', startWeek: '2026-W41', endWeek: '2026-W46' },
      ],
      '12w',
      [
        { practiceId: 'trust', fromPeriod: '2026-W41', toPeriod: '2026-W45' },
        { practiceId: 'celebration', fromPeriod: '2026-W46', toPeriod: THIS },
      ],
    ],
  ])('%s', (_label, focuses, range, expected) => {
    const bands = bandsOf({ range, focuses });
    expect(bands).toHaveLength(expected.length);
    expected.forEach((band, i) => expect(bands[i]).toMatchObject(band));
  });

  it('places every band on periods the charts have', () => {
    const dto = buildDashboard(
      source({
        range: '6m',
        focuses: [
          { practiceId: 'trust', startWeek: '2026-W10', endWeek: '2026-W30' },
          { practiceId: 'patience', startWeek: '2026-W30', endWeek: null },
        ],
      }),
    );
    const periods = dto.connection.map((p) => p.period);
    expect(dto.practices[0]!.points.map((p) => p.period)).toEqual(periods);
    expect(dto.focusBands.map((b) => [b.fromPeriod, b.toPeriod])).toEqual([
      [periods[0], '2026-W29'],
      ['2026-W30', THIS],
    ]);
  });

  it('maps bands onto months on a monthly chart, by the month each week belongs to', () => {
    const dto = buildDashboard(
      source({
        range: 'all',
        entries: [entry(ANA, '2023-W05', 6), entry(ANA, THIS, 7)],
        focuses: [
          // W36 (Thursday 3 Sep) to W41 (Thursday 8 Oct): September and October.
          { practiceId: 'trust', startWeek: '2026-W36', endWeek: '2026-W42' },
          // From W42 (Thursday 15 Oct): October to November, sharing October with the one before.
          { practiceId: 'empathy', startWeek: '2026-W42', endWeek: null },
          // Before the first logged week: outside the range.
          { practiceId: 'rituals', startWeek: '2022-W10', endWeek: '2022-W20' },
        ],
      }),
    );
    expect(dto.granularity).toBe('month');
    expect(dto.focusBands).toEqual([
      { practiceId: 'trust', fromWeek: '2026-W36', toWeek: '2026-W41', fromPeriod: '2026-09', toPeriod: '2026-10' },
      { practiceId: 'empathy', fromWeek: '2026-W42', toWeek: null, fromPeriod: '2026-10', toPeriod: '2026-11' },
    ]);
  });
});

describe('buildDashboard: weeks held back from the reader', () => {
  it('names the periods a partner logged that the reader may not see yet, and no others', () => {
    const entries = [entry(ANA, '2026-W46', 6), entry(BEN, '2026-W46', 5), entry(BEN, '2026-W47', 4)];
    // Ana logged W47 and this week too; neither is visible to Ben yet.
    const loggedWeeks = [new Set<Week>(['2026-W46', '2026-W47', THIS]), new Set<Week>(['2026-W46', '2026-W47'])];
    const dto = buildDashboard(source({ entries, loggedWeeks }));
    expect(dto.heldBack).toEqual([['2026-W47', THIS], []]);
    expect(pointAt(dto.connection, '2026-W47').values).toEqual([null, 4]);
  });

  it('leaves out weeks outside the range, and a month that shows other weeks', () => {
    const entries = [entry(ANA, '2023-W05', 6), entry(ANA, '2026-W46', 6), entry(BEN, THIS, 5)];
    const loggedWeeks = [new Set<Week>(['2023-W05', '2026-W46', THIS, '2026-W49']), new Set<Week>([THIS, '2026-W45'])];
    // W45 to W48 all belong to November, where each partner has a week the reader sees: the monthly chart holds nothing
    // back. The weekly one does, week by week; W49 is past the range either way.
    const monthly = buildDashboard(source({ range: 'all', entries, loggedWeeks }));
    expect(monthly.granularity).toBe('month');
    expect(monthly.heldBack).toEqual([[], []]);
    const weekly = buildDashboard(source({ range: '12w', entries, loggedWeeks }));
    expect(weekly.heldBack).toEqual([[THIS], ['2026-W45']]);
  });
});

describe('buildDashboard: the first weeks', () => {
  it.each<[string, Week[], number | null]>([
    ['nothing yet', [], 0],
    ['one week', [THIS], 1],
    ['two weeks, both partners', ['2026-W40', THIS], 2],
    ['three weeks', ['2026-W40', '2026-W44', THIS], null],
    ['two weeks, the first before the last twelve', ['2026-W36', THIS], null],
  ])('%s', (_label, weeks, firstWeeks) => {
    const entries = weeks.flatMap((week, i) => [entry(i % 2 ? BEN : ANA, week, 6)]);
    for (const range of ['12w', '6m', '1y', 'all'] as const) {
      const dto = buildDashboard(source({ range, entries }));
      expect(dto).toMatchObject({ firstWeeks, firstWeek: weeks[0] ?? null });
    }
  });

  it('counts a week both partners logged once', () => {
    const entries = [entry(ANA, '2026-W47', 6), entry(BEN, '2026-W47', 5), entry(ANA, THIS, 6)];
    expect(buildDashboard(source({ entries })).firstWeeks).toBe(2);
  });
});
