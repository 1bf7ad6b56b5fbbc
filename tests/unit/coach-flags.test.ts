import { describe, expect, it } from 'vitest';
import {
  connectionTrend,
  dropFlags,
  gapFlags,
  missedCheckInFlags,
  missedWeeks,
  noFocusFlag,
  rosterFlags,
  urgencyOf,
  type RosterPartner,
} from '#shared/domain/coach-flags';
import type { Ratings } from '#shared/schemas/common.schema';
import { ratingsOf } from '../helpers/ratings';

const THIS_WEEK = '2026-W48';

function partner(displayName: string, entries: [string, Ratings][], extra: Partial<RosterPartner> = {}): RosterPartner {
  return {
    id: displayName.toLowerCase(),
    displayName,
    lastCheckInWeek:
      entries
        .map(([w]) => w)
        .sort()
        .at(-1) ?? null,
    joinedWeek: '2026-W01',
    entries: entries.map(([week, r]) => ({ week, ratings: r })),
    ...extra,
  };
}

describe('missedWeeks and the missed check-ins flag', () => {
  it.each<[string, string | null, string, number]>([
    ['checked in this week', '2026-W48', '2026-W01', 0],
    ['checked in last week: this week is not over', '2026-W47', '2026-W01', 0],
    ['one ended week missed', '2026-W46', '2026-W01', 1],
    ['two ended weeks missed', '2026-W45', '2026-W01', 2],
    ['across a year boundary', '2025-W52', '2025-W01', 47],
    ['never, joined this week', null, '2026-W48', 0],
    ['never, joined two weeks ago', null, '2026-W46', 2],
    ['missed weeks are not counted from before joining', '2026-W30', '2026-W47', 1],
  ])('%s', (_label, last, joined, expected) => {
    expect(missedWeeks({ lastCheckInWeek: last, joinedWeek: joined }, THIS_WEEK)).toBe(expected);
  });

  it.each<[string, string | null, string | null]>([
    ['no flag for one missed week', '2026-W46', null],
    ['a flag from two', '2026-W45', 'Ben has missed the last 2 weekly check-ins.'],
    ['a flag for someone who never checked in', null, 'Ben has not checked in yet, 47 weeks after joining.'],
  ])('%s', (_label, last, detail) => {
    const flags = missedCheckInFlags([partner('Ben', [], { lastCheckInWeek: last })], THIS_WEEK);
    expect(flags).toEqual(detail ? [{ kind: 'missed-check-ins', detail }] : []);
  });
});

const THREE_DROPS = (['trust', 'empathy', 'rituals'] as const).map((practiceId) => ({
  kind: 'practice-drop',
  practiceId,
}));

describe('dropFlags', () => {
  it.each<[string, [string, Ratings][], { kind: string; practiceId?: string }[]]>([
    ['no history', [], []],
    ['a single check-in', [['2026-W47', ratingsOf(5)]], []],
    [
      'trust 8 to 5 in three weeks',
      [
        ['2026-W44', ratingsOf(6, { trust: 8 })],
        ['2026-W47', ratingsOf(6, { trust: 5 })],
      ],
      [{ kind: 'practice-drop', practiceId: 'trust' }],
    ],
    [
      'trust 8 to 6: not enough',
      [
        ['2026-W44', ratingsOf(6, { trust: 8 })],
        ['2026-W47', ratingsOf(6, { trust: 6 })],
      ],
      [],
    ],
    [
      'a fall over four weeks is outside the window',
      [
        ['2026-W43', ratingsOf(6, { trust: 9 })],
        ['2026-W47', ratingsOf(6, { trust: 3 })],
      ],
      [],
    ],
    [
      'the highest value in the window counts',
      [
        ['2026-W45', ratingsOf(6, { trust: 9 })],
        ['2026-W46', ratingsOf(6, { trust: 6 })],
        ['2026-W47', ratingsOf(6, { trust: 6 })],
      ],
      [{ kind: 'practice-drop', practiceId: 'trust' }],
    ],
    [
      'a rise is never a drop',
      [
        ['2026-W45', ratingsOf(2)],
        ['2026-W47', ratingsOf(9)],
      ],
      [],
    ],
    [
      'connection index 7 to 5.5',
      [
        ['2026-W46', ratingsOf(7)],
        ['2026-W47', ratingsOf(7, { trust: 2, empathy: 2, rituals: 2 })],
      ],
      [{ kind: 'connection-drop' }, ...THREE_DROPS],
    ],
    [
      'connection index 7 to 5.6: under 1.5',
      [
        ['2026-W46', ratingsOf(7)],
        ['2026-W47', ratingsOf(7, { trust: 2, empathy: 2, rituals: 3 })],
      ],
      THREE_DROPS,
    ],
  ])('%s', (_label, entries, expected) => {
    const flags = dropFlags(partner('Ana', entries));
    expect(flags.map(({ kind, practiceId }) => (practiceId ? { kind, practiceId } : { kind }))).toEqual(expected);
  });

  it('explains with the numbers', () => {
    const [flag] = dropFlags(
      partner('Ana', [
        ['2026-W44', ratingsOf(6, { trust: 8 })],
        ['2026-W47', ratingsOf(6, { trust: 4 })],
      ]),
    );
    expect(flag!.detail).toBe("Ana's rating of trust fell from 8 to 4 within 3 weeks.");
  });
});

describe('gapFlags', () => {
  it.each<[string, number, number, boolean]>([
    ['3 apart: no flag', 8, 5, false],
    ['4 apart: a flag', 8, 4, true],
    ['4 apart the other way', 2, 6, true],
  ])('%s', (_label, a, b, flagged) => {
    const flags = gapFlags([
      partner('Ana', [['2026-W47', ratingsOf(5, { trust: a })]]),
      partner('Ben', [['2026-W47', ratingsOf(5, { trust: b })]]),
    ]);
    expect(flags).toEqual(
      flagged
        ? [{ kind: 'gap', practiceId: 'trust', detail: `On trust, Ana's own rating is ${a} and Ben's is ${b}.` }]
        : [],
    );
  });

  it('needs both partners with a check-in, and compares each one’s latest', () => {
    expect(gapFlags([partner('Ana', [['2026-W47', ratingsOf(9)]])])).toEqual([]);
    expect(gapFlags([partner('Ana', [['2026-W47', ratingsOf(9)]]), partner('Ben', [])])).toEqual([]);
    const flags = gapFlags([
      partner('Ana', [
        ['2026-W40', ratingsOf(1)],
        ['2026-W47', ratingsOf(9)],
      ]),
      partner('Ben', [['2026-W46', ratingsOf(5)]]),
    ]);
    expect(flags).toHaveLength(10);
  });
});

describe('noFocusFlag', () => {
  it.each<[string, string | null, string | null, string, string | null]>([
    ['a focus now: no flag', 'trust', null, '2026-W01', null],
    ['never one, couple three weeks old', null, null, '2026-W45', null],
    ['never one, couple four weeks old', null, null, '2026-W44', 'No focus adopted yet, 4 weeks after starting.'],
    ['the last ended three weeks ago', null, '2026-W45', '2026-W01', null],
    ['the last ended five weeks ago', null, '2026-W43', '2026-W01', 'No focus adopted for 5 weeks.'],
  ])('%s', (_label, current, lastWeek, sinceWeek, detail) => {
    expect(
      noFocusFlag({ thisWeek: THIS_WEEK, sinceWeek, adoptedFocus: { current: current as 'trust' | null, lastWeek } }),
    ).toEqual(detail ? [{ kind: 'no-focus', detail }] : []);
  });
});

describe('rosterFlags and urgency', () => {
  it('orders the flags by kind and sums their weight', () => {
    const flags = rosterFlags({
      thisWeek: THIS_WEEK,
      oldestUnendedWeek: THIS_WEEK,
      sinceWeek: '2026-W01',
      adoptedFocus: { current: null, lastWeek: null },
      partners: [
        partner('Ana', [
          ['2026-W44', ratingsOf(6, { trust: 9 })],
          ['2026-W47', ratingsOf(6, { trust: 5 })],
        ]),
        partner('Ben', [['2026-W45', ratingsOf(6, { trust: 9 })]]),
      ],
    });
    expect(flags.map((f) => f.kind)).toEqual(['practice-drop', 'missed-check-ins', 'gap', 'no-focus']);
    expect(urgencyOf(flags)).toBe(3 + 3 + 2 + 1);
    expect(urgencyOf([])).toBe(0);
  });
});

describe('connectionTrend', () => {
  it('gives the last four weeks, a mean of who logged, gaps as null, and the latest value as now', () => {
    const result = connectionTrend(
      [
        partner('Ana', [
          ['2026-W45', ratingsOf(6)],
          ['2026-W46', ratingsOf(8)],
          ['2026-W40', ratingsOf(1)],
        ]),
        partner('Ben', [['2026-W46', ratingsOf(5)]]),
      ],
      THIS_WEEK,
    );
    expect(result).toEqual({
      weeks: ['2026-W45', '2026-W46', '2026-W47', '2026-W48'],
      trend: [6, 6.5, null, null],
      now: 6.5,
    });
    expect(connectionTrend([], THIS_WEEK).now).toBeNull();
  });
});
