import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  endedPeriods,
  hasPeriodEnded,
  isPeriodStart,
  openPeriods,
  periodEndWeek,
  periodOf,
  periodsThrough,
} from '#shared/domain/measure-periods';
import { addWeeks, compareWeeks, weeksBetween } from '#shared/week';

const RUNS = { numRuns: 300 };
/** 2026-W48 runs from Monday 23 November to Sunday 29 November 2026. */
const WEDNESDAY = new Date('2026-11-25T12:00:00.000Z');
const fortnightly = { startWeek: '2026-W40', everyWeeks: 2 };
const weekly = { startWeek: '2026-W40', everyWeeks: 1 };

describe('periodOf and isPeriodStart', () => {
  it.each([
    [fortnightly, '2026-W39', null],
    [fortnightly, '2026-W40', '2026-W40'],
    [fortnightly, '2026-W41', '2026-W40'],
    [fortnightly, '2026-W42', '2026-W42'],
    [fortnightly, '2026-W49', '2026-W48'],
    // Across a year's end (2026 has 53 weeks): still every other week.
    [fortnightly, '2026-W53', '2026-W52'],
    [fortnightly, '2027-W01', '2027-W01'],
    [{ startWeek: '2026-W48', everyWeeks: 12 }, '2027-W06', '2026-W48'],
    [{ startWeek: '2026-W48', everyWeeks: 12 }, '2027-W07', '2027-W07'],
  ])('%o: %s is in %s', (schedule, week, period) => {
    expect(periodOf(schedule, week)).toBe(period);
    expect(isPeriodStart(schedule, week)).toBe(period === week);
  });

  it('every week from the start falls in the one period that begins at most everyWeeks − 1 weeks before it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -60, max: 60 }),
        fc.integer({ min: 0, max: 300 }),
        (everyWeeks, startOffset, weekOffset) => {
          const schedule = { startWeek: addWeeks('2026-W48', startOffset), everyWeeks };
          const week = addWeeks(schedule.startWeek, weekOffset);
          const period = periodOf(schedule, week);
          expect(period).not.toBeNull();
          const back = weeksBetween(period!, week);
          expect(back).toBeGreaterThanOrEqual(0);
          expect(back).toBeLessThan(everyWeeks);
          expect(weeksBetween(schedule.startWeek, period!) % everyWeeks).toBe(0);
          expect(isPeriodStart(schedule, period!)).toBe(true);
          expect(compareWeeks(periodEndWeek(schedule, period!), week)).toBeGreaterThanOrEqual(0);
          expect(periodOf(schedule, addWeeks(schedule.startWeek, -1 - (weekOffset % 5)))).toBeNull();
        },
      ),
      RUNS,
    );
  });
});

describe('the clock of a period', () => {
  it('ends when its last week has ended everywhere', () => {
    expect(periodEndWeek(fortnightly, '2026-W46')).toBe('2026-W47');
    // Wednesday of W48: W47 has ended everywhere, so the period W46–W47 has; W48–W49 has not.
    expect(hasPeriodEnded(fortnightly, '2026-W46', WEDNESDAY)).toBe(true);
    expect(hasPeriodEnded(fortnightly, '2026-W48', WEDNESDAY)).toBe(false);
    // Monday 30 November 11:59 UTC: still Sunday 29 November in UTC-12, so W48 has not ended there.
    expect(hasPeriodEnded(weekly, '2026-W48', new Date('2026-11-30T11:59:00Z'))).toBe(false);
    expect(hasPeriodEnded(weekly, '2026-W48', new Date('2026-11-30T12:00:00Z'))).toBe(true);
  });

  it.each([
    ['a Wednesday, every week', weekly, WEDNESDAY, ['2026-W48']],
    ['a Wednesday, every two weeks', fortnightly, WEDNESDAY, ['2026-W48']],
    // Sunday noon UTC: Monday has begun in UTC+14, while W48 has not ended in UTC-12. Two periods are open.
    ['the turn of a week, every week', weekly, new Date('2026-11-29T12:00:00Z'), ['2026-W48', '2026-W49']],
    // The same instant in the middle of a fortnight: one.
    ['the turn of a week, every two weeks', fortnightly, new Date('2026-11-29T12:00:00Z'), ['2026-W48']],
    ['before the start', { startWeek: '2026-W50', everyWeeks: 2 }, WEDNESDAY, []],
  ])('open on %s', (_, schedule, now, open) => {
    expect(openPeriods({ ...schedule, endedAt: null }, now)).toEqual(open);
  });

  it('has nothing open once the assignment was stopped', () => {
    expect(openPeriods({ ...weekly, endedAt: '2026-11-24T10:00:00.000Z' }, WEDNESDAY)).toEqual([]);
  });

  it('lists the periods through a week and the ended ones, newest first', () => {
    expect(periodsThrough(fortnightly, '2026-W49')).toEqual([
      '2026-W40',
      '2026-W42',
      '2026-W44',
      '2026-W46',
      '2026-W48',
    ]);
    expect(periodsThrough(fortnightly, '2026-W39')).toEqual([]);
    expect(endedPeriods(fortnightly, WEDNESDAY, 2)).toEqual(['2026-W46', '2026-W44']);
    expect(endedPeriods(fortnightly, WEDNESDAY, 10)).toEqual(['2026-W46', '2026-W44', '2026-W42', '2026-W40']);
    expect(endedPeriods({ startWeek: '2026-W47', everyWeeks: 2 }, WEDNESDAY, 2)).toEqual([]);
  });

  it('every period is open, ended or not yet begun, and an open one has not ended', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -40, max: 2 }),
        fc.integer({ min: 0, max: 14 * 24 - 1 }),
        (everyWeeks, startOffset, hours) => {
          const schedule = { startWeek: addWeeks('2026-W48', startOffset), everyWeeks };
          const now = new Date(Date.UTC(2026, 10, 23) + hours * 3600_000);
          const open = openPeriods({ ...schedule, endedAt: null }, now);
          const ended = endedPeriods(schedule, now, 1000);
          expect(open.length).toBeLessThanOrEqual(2);
          for (const period of open) expect(hasPeriodEnded(schedule, period, now)).toBe(false);
          for (const period of ended) expect(hasPeriodEnded(schedule, period, now)).toBe(true);
          // Ended and open periods together are every period through the newest open one, without a gap.
          const all = [...ended].reverse().concat(open);
          expect(all).toEqual(all.length === 0 ? [] : periodsThrough(schedule, all.at(-1)!));
        },
      ),
      RUNS,
    );
  });
});
