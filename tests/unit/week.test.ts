import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWeeks,
  compareWeeks,
  currentWeek,
  formatWeek,
  hasWeekEnded,
  isWeek,
  latestOpenWeek,
  newestEndedWeek,
  parseWeek,
  weekOf,
  weekRange,
  weeksBetween,
  weekStart,
  weekStartsBetween,
  weeksInYear,
} from '#shared/week';

const at = (iso: string) => new Date(iso);

describe('weekOf', () => {
  it.each([
    ['2026-11-25T12:00:00Z', '2026-W48'],
    ['2026-11-23T00:00:00Z', '2026-W48'], // Monday, first instant
    ['2026-11-22T23:59:59.999Z', '2026-W47'], // Sunday, last instant
    ['2026-11-23T00:30:00+02:00', '2026-W47'], // read on the UTC calendar: still Sunday in UTC
    ['2021-01-03T12:00:00Z', '2020-W53'],
    ['2021-01-04T00:00:00Z', '2021-W01'],
    ['2020-12-31T23:59:59Z', '2020-W53'],
    ['2024-12-30T00:00:00Z', '2025-W01'],
    ['2024-12-29T23:59:59Z', '2024-W52'],
    ['2025-12-29T00:00:00Z', '2026-W01'],
    ['2027-01-01T00:00:00Z', '2026-W53'],
    ['2027-01-03T23:59:59Z', '2026-W53'],
    ['2027-01-04T00:00:00Z', '2027-W01'],
    ['2016-01-03T00:00:00Z', '2015-W53'],
    ['2023-01-01T00:00:00Z', '2022-W52'],
    ['2024-01-01T00:00:00Z', '2024-W01'],
  ])('%s is in %s', (iso, week) => {
    expect(weekOf(at(iso))).toBe(week);
  });

  it('currentWeek is the UTC week', () => {
    expect(currentWeek(at('2026-11-29T23:00:00-05:00'))).toBe('2026-W49');
  });
});

describe('weekStart', () => {
  it.each([
    ['2026-W48', '2026-11-23T00:00:00.000Z'],
    ['2026-W01', '2025-12-29T00:00:00.000Z'],
    ['2026-W53', '2026-12-28T00:00:00.000Z'],
    ['2025-W01', '2024-12-30T00:00:00.000Z'],
    ['2020-W53', '2020-12-28T00:00:00.000Z'],
    ['2021-W01', '2021-01-04T00:00:00.000Z'],
    ['2024-W01', '2024-01-01T00:00:00.000Z'],
  ])('%s starts on %s (a Monday)', (week, iso) => {
    const start = weekStart(week);
    expect(start.toISOString()).toBe(iso);
    expect(start.getUTCDay()).toBe(1);
    expect(weekOf(start)).toBe(week);
  });

  it.each(['2025-W53', '2026-W00', 'nonsense'])('throws on %s', (week) => {
    expect(() => weekStart(week)).toThrow(RangeError);
  });
});

describe('addWeeks and weeksBetween', () => {
  it.each([
    ['2020-W52', 1, '2020-W53'],
    ['2020-W53', 1, '2021-W01'],
    ['2021-W01', -1, '2020-W53'],
    ['2025-W52', 1, '2026-W01'],
    ['2026-W53', 1, '2027-W01'],
    ['2027-W01', -1, '2026-W53'],
    ['2026-W10', 0, '2026-W10'],
    ['2026-W10', 52, '2027-W09'], // 2026 has 53 weeks
    ['2025-W10', 52, '2026-W10'],
    ['2026-W48', -26, '2026-W22'],
    ['2024-W01', -1, '2023-W52'],
  ])('addWeeks(%s, %i) = %s, and weeksBetween agrees', (week, count, expected) => {
    expect(addWeeks(week, count)).toBe(expected);
    expect(weeksBetween(week, expected)).toBe(count);
    expect(weeksBetween(expected, week)).toBe(0 - count); // 0 - 0 is +0, unlike -0
  });

  it.each([
    ['2020-W50', '2021-W02', 5],
    ['2025-W01', '2026-W01', 52],
    ['2026-W01', '2027-W01', 53],
    ['2026-W48', '2026-W48', 0],
  ])('weeksBetween(%s, %s) = %i', (from, to, n) => {
    expect(weeksBetween(from, to)).toBe(n);
  });
});

describe('weekRange and compareWeeks', () => {
  it.each([
    ['2020-W52', '2021-W02', ['2020-W52', '2020-W53', '2021-W01', '2021-W02']],
    ['2026-W52', '2027-W01', ['2026-W52', '2026-W53', '2027-W01']],
    ['2025-W52', '2026-W01', ['2025-W52', '2026-W01']],
    ['2026-W48', '2026-W48', ['2026-W48']],
    ['2026-W49', '2026-W48', []],
  ])('weekRange(%s, %s)', (from, to, expected) => {
    expect(weekRange(from, to)).toEqual(expected);
  });

  it('covers a whole 53-week year without gaps', () => {
    const weeks = weekRange('2026-W01', '2026-W53');
    expect(weeks).toHaveLength(53);
    expect(new Set(weeks).size).toBe(53);
  });

  it('counts the same weeks as stepping Monday by Monday through the calendar', () => {
    const anyWeek = fc
      .date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true })
      .map(weekOf);
    fc.assert(
      fc.property(anyWeek, fc.integer({ min: 0, max: 400 }), (from, length) => {
        const to = addWeeks(from, length);
        expect(weekRange(from, to)).toEqual(weekStartsBetween(from, to).map(weekOf));
      }),
    );
  });

  it.each([
    ['2026-W09', '2026-W10', -1],
    ['2026-W10', '2026-W10', 0],
    ['2027-W01', '2026-W53', 1],
  ])('compareWeeks(%s, %s) = %i', (a, b, expected) => {
    expect(compareWeeks(a, b)).toBe(expected);
  });
});

describe('weeksInYear', () => {
  it.each([
    [2015, 53], // starts on a Thursday
    [2020, 53], // leap year starting on a Wednesday
    [2026, 53],
    [2032, 53],
    [2004, 53],
    [1992, 53],
    [2019, 52],
    [2021, 52],
    [2024, 52],
    [2025, 52],
    [2027, 52],
    [2008, 52], // leap year starting on a Tuesday
    [2100, 52],
  ])('%i has %i weeks', (year, weeks) => {
    expect(weeksInYear(year)).toBe(weeks);
    expect(weekOf(new Date(Date.UTC(year, 11, 28)))).toBe(`${year}-W${weeks}`);
  });
});

describe('parseWeek, isWeek and formatWeek', () => {
  it.each([
    ['2026-W48', { year: 2026, week: 48 }],
    ['2026-W01', { year: 2026, week: 1 }],
    ['2020-W53', { year: 2020, week: 53 }],
    ['2026-W53', { year: 2026, week: 53 }],
  ])('parses %s', (text, parts) => {
    expect(parseWeek(text)).toEqual(parts);
    expect(isWeek(text)).toBe(true);
    expect(formatWeek(parts)).toBe(text);
  });

  it.each([
    '2026-W00',
    '2025-W53',
    '2021-W53',
    '2026-W54',
    '2026-W1',
    '2026-W100',
    '2026W48',
    '2026-w48',
    'abcd-W10',
    ' 2026-W48',
    '2026-W48 ',
    '26-W48',
    '',
  ])('refuses %j', (text) => {
    expect(parseWeek(text)).toBeNull();
    expect(isWeek(text)).toBe(false);
  });

  it.each([202648, null, undefined, {}, ['2026-W48']])('isWeek(%j) is false for a non-string', (value) => {
    expect(isWeek(value)).toBe(false);
  });
});

describe('latestOpenWeek: the week that has begun in UTC+14', () => {
  it.each([
    ['2026-11-25T12:00:00Z', '2026-W48'], // Wednesday
    ['2026-11-29T09:00:00Z', '2026-W48'], // Sunday 23:00 in UTC+14
    ['2026-11-29T09:59:59.999Z', '2026-W48'],
    ['2026-11-29T10:00:00Z', '2026-W49'], // Monday 00:00 in UTC+14
    ['2026-11-29T12:00:00Z', '2026-W49'],
    ['2026-12-27T10:00:00Z', '2026-W53'],
    ['2027-01-03T12:00:00Z', '2027-W01'],
    ['2020-12-27T12:00:00Z', '2020-W53'],
  ])('at %s it is %s', (iso, week) => {
    expect(latestOpenWeek(at(iso))).toBe(week);
  });

  it('is never more than one week ahead of the UTC week', () => {
    for (let hour = 0; hour < 24 * 7; hour += 1) {
      const now = new Date(Date.UTC(2026, 10, 23, hour));
      expect(weeksBetween(currentWeek(now), latestOpenWeek(now))).toBeGreaterThanOrEqual(0);
      expect(weeksBetween(currentWeek(now), latestOpenWeek(now))).toBeLessThanOrEqual(1);
    }
  });
});

describe('hasWeekEnded: over once Monday has begun in UTC-12', () => {
  it.each([
    ['2026-W48', '2026-11-20T12:00:00Z', false], // before it began
    ['2026-W48', '2026-11-25T12:00:00Z', false],
    ['2026-W48', '2026-11-30T00:00:00Z', false], // Monday in UTC, still Sunday in UTC-12
    ['2026-W48', '2026-11-30T11:59:59.999Z', false],
    ['2026-W48', '2026-11-30T12:00:00Z', true],
    ['2026-W48', '2027-06-01T00:00:00Z', true],
    ['2020-W53', '2021-01-04T11:59:59Z', false],
    ['2020-W53', '2021-01-04T12:00:00Z', true],
    ['2026-W53', '2027-01-04T12:00:00Z', true],
    ['2026-W53', '2027-01-04T11:00:00Z', false],
  ])('%s at %s: %s', (week, iso, ended) => {
    expect(hasWeekEnded(week, at(iso))).toBe(ended);
  });

  it('agrees with the calendar: a week has ended exactly when Monday after it has begun in UTC-12', () => {
    const instant = fc.date({ min: new Date('2000-01-01'), max: new Date('2060-01-01'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, fc.integer({ min: -3, max: 3 }), (now, offset) => {
        const week = addWeeks(weekOf(now), offset);
        const endsAt = weekStart(addWeeks(week, 1)).getTime() + 12 * 60 * 60 * 1000;
        expect(hasWeekEnded(week, now)).toBe(now.getTime() >= endsAt);
        expect(compareWeeks(week, newestEndedWeek(now)) <= 0).toBe(now.getTime() >= endsAt);
      }),
    );
  });
});
