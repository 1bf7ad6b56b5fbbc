import { describe, expect, it } from 'vitest';
import { coupleStreak, isoDate, monthOfWeek, movingAverage } from '#shared/domain/series';

describe('movingAverage', () => {
  it.each<[string, (number | null)[], number | undefined, (number | null)[]]>([
    ['no values', [], undefined, []],
    ['a single value', [4], undefined, [4]],
    ['a full series, default window of 4', [1, 2, 3, 4, 5], undefined, [1, 1.5, 2, 2.5, 3.5]],
    ['a series shorter than the window', [2, 4, 9], 4, [2, 3, 5]],
    ['a gap: stays null, neighbours average the logged values only', [2, null, 4], 4, [2, null, 3]],
    ['a gap is never treated as a zero', [8, null, null, 8], 4, [8, null, null, 8]],
    ['leading gaps', [null, null, 6, 8], 4, [null, null, 6, 7]],
    ['trailing gaps are not filled in', [6, 8, null, null], 4, [6, 7, null, null]],
    ['window edge: a value 3 periods back is still inside', [10, null, null, 2], 4, [10, null, null, 6]],
    ['window edge: a value 4 periods back has dropped out', [10, null, null, null, 2], 4, [10, null, null, null, 2]],
    ['window edge, full window sliding', [10, 0, 0, 0, 0], 4, [10, 5, 3.3, 2.5, 0]],
    ['all null', [null, null, null], 4, [null, null, null]],
    ['rounding to one decimal, up', [1, 2, 2], 4, [1, 1.5, 1.7]],
    ['rounding to one decimal, down', [1, 1, 2], 4, [1, 1, 1.3]],
    ['rounding a half up', [1, 1.5], 4, [1, 1.3]],
    ['window of 1 returns the values', [3, null, 7.25], 1, [3, null, 7.3]],
    ['window of 2', [2, 4, 8, null, 6], 2, [2, 3, 6, null, 6]],
  ])('%s', (_label, values, window, expected) => {
    const result = window === undefined ? movingAverage(values) : movingAverage(values, window);
    expect(result).toEqual(expected);
    expect(result).toHaveLength(values.length);
  });

  it('does not change its input', () => {
    const values = [1, null, 3];
    movingAverage(values, 2);
    expect(values).toEqual([1, null, 3]);
  });
});

describe('monthOfWeek: the month of the ISO week’s Thursday', () => {
  it.each([
    ['2026-W48', '2026-11', 'Mon 23 Nov, Thu 26 Nov'],
    ['2026-W01', '2026-01', 'starts Mon 29 Dec 2025, Thu 1 Jan'],
    ['2025-W01', '2025-01', 'starts Mon 30 Dec 2024, Thu 2 Jan'],
    ['2020-W53', '2020-12', 'Thu 31 Dec 2020, ends Sun 3 Jan 2021'],
    ['2026-W53', '2026-12', 'Thu 31 Dec 2026, ends in 2027'],
    ['2015-W53', '2015-12', 'Thu 31 Dec 2015'],
    ['2021-W01', '2021-01', 'Mon 4 Jan'],
    ['2026-W27', '2026-07', 'starts Mon 29 Jun, Thu 2 Jul'],
    ['2026-W40', '2026-10', 'starts Mon 28 Sep, Thu 1 Oct'],
    ['2026-W18', '2026-04', 'Thu 30 Apr, ends Sun 3 May'],
    ['2026-W44', '2026-10', 'Thu 29 Oct, ends Sun 1 Nov'],
    ['2026-W45', '2026-11', 'Mon 2 Nov'],
  ])('%s is in %s (%s)', (week, month) => {
    expect(monthOfWeek(week)).toBe(month);
  });
});

describe('isoDate', () => {
  it.each([
    ['2026-11-23T00:00:00.000Z', '2026-11-23'],
    ['2024-12-30T23:59:59.999Z', '2024-12-30'],
    ['2020-02-29T12:00:00.000Z', '2020-02-29'],
  ])('%s is %s', (iso, day) => {
    expect(isoDate(new Date(iso))).toBe(day);
  });
});

describe('coupleStreak', () => {
  const THIS = '2026-W48';
  const logs = (...partners: string[][]) => partners.map((weeks) => new Set(weeks));

  it.each<[string, Set<string>[], string, number]>([
    ['no partners', [], THIS, 0],
    ['one partner who never logged', logs([]), THIS, 0],
    ['one partner, this week and the two before', logs(['2026-W48', '2026-W47', '2026-W46']), THIS, 3],
    ['one partner, not yet this week: counts from last week', logs(['2026-W47', '2026-W46']), THIS, 2],
    ['one partner, this week only', logs(['2026-W48']), THIS, 1],
    ['one partner, a gap last week and this week not logged', logs(['2026-W46', '2026-W45']), THIS, 0],
    [
      'both, every week up to this one',
      logs(['2026-W46', '2026-W47', '2026-W48'], ['2026-W46', '2026-W47', '2026-W48']),
      THIS,
      3,
    ],
    [
      'both up to last week, only one this week: this week does not break it, nor count',
      logs(['2026-W46', '2026-W47', '2026-W48'], ['2026-W46', '2026-W47']),
      THIS,
      2,
    ],
    [
      'a gap stops the count',
      logs(['2026-W45', '2026-W47', '2026-W48'], ['2026-W45', '2026-W47', '2026-W48']),
      THIS,
      2,
    ],
    [
      'a week only one of them logged is a gap for the couple',
      logs(['2026-W45', '2026-W46', '2026-W47'], ['2026-W45', '2026-W47']),
      THIS,
      1,
    ],
    ['both this week, nobody last week', logs(['2026-W48', '2026-W46'], ['2026-W48', '2026-W46']), THIS, 1],
    ['nobody this week or last week', logs(['2026-W46'], ['2026-W46']), THIS, 0],
    ['one partner logged nothing at all', logs(['2026-W47', '2026-W48'], []), THIS, 0],
    [
      'across a year boundary, through a 53-week year',
      logs(
        ['2021-W01', '2020-W53', '2020-W52', '2020-W50'],
        ['2021-W02', '2021-W01', '2020-W53', '2020-W52', '2020-W50'],
      ),
      '2021-W02',
      3,
    ],
    ['a week logged ahead of this one is ignored', logs(['2026-W49', '2026-W47'], ['2026-W49', '2026-W47']), THIS, 1],
  ])('%s', (_label, loggedWeeks, thisWeek, expected) => {
    expect(coupleStreak(loggedWeeks, thisWeek)).toBe(expected);
  });

  it.each<[string, Set<string>[], number]>([
    [
      'one partner has yet to log last week, still under way in UTC-12',
      logs(['2026-W47', '2026-W46'], ['2026-W46']),
      1,
    ],
    ['both logged last week', logs(['2026-W47', '2026-W46'], ['2026-W47', '2026-W46']), 2],
    ['both logged this week too', logs(['2026-W48', '2026-W47', '2026-W46'], ['2026-W48', '2026-W47', '2026-W46']), 3],
    ['the weeks before last have a gap', logs(['2026-W45'], ['2026-W45']), 0],
    // Checking in this week must not shorten it: last week, still open, is passed over, not a break.
    [
      'both logged this week, one has yet to log last week',
      logs(['2026-W48', '2026-W47', '2026-W46'], ['2026-W48', '2026-W46']),
      2,
    ],
  ])('on Monday morning UTC (last week not over everywhere): %s', (_label, loggedWeeks, expected) => {
    // This week is 2026-W48; 2026-W47 ends everywhere at noon UTC.
    expect(coupleStreak(loggedWeeks, THIS, '2026-W47')).toBe(expected);
  });
});
