// An assignment's schedule: every `everyWeeks` weeks from `startWeek`, each period named by its first week. A period
// is open to answers from when its first week has begun somewhere on Earth until its last week has ended everywhere,
// the same clock as weekly check-ins.

import { addWeeks, compareWeeks, hasWeekEnded, latestOpenWeek, weeksBetween, type Week } from '#shared/week';

export interface Schedule {
  startWeek: Week;
  everyWeeks: number;
}

/** The period a week falls in, or null before the schedule starts. */
export function periodOf(schedule: Schedule, week: Week): Week | null {
  const offset = weeksBetween(schedule.startWeek, week);
  if (offset < 0) return null;
  return addWeeks(schedule.startWeek, offset - (offset % schedule.everyWeeks));
}

/** Whether `period` is the first week of one of the schedule's periods. */
export function isPeriodStart(schedule: Schedule, period: Week): boolean {
  return periodOf(schedule, period) === period;
}

export function periodEndWeek(schedule: Schedule, period: Week): Week {
  return addWeeks(period, schedule.everyWeeks - 1);
}

export function hasPeriodEnded(schedule: Schedule, period: Week, now: Date): boolean {
  return hasWeekEnded(periodEndWeek(schedule, period), now);
}

/**
 * The periods open to answers now, oldest first: usually one; two for a few hours around a period's turn, while it
 * has ended nowhere yet but the next one has begun somewhere. `endedAt`, when the assignment was stopped, closes
 * every period from then on.
 */
export function openPeriods(schedule: Schedule & { endedAt: string | null }, now: Date): Week[] {
  if (schedule.endedAt !== null) return [];
  const newest = periodOf(schedule, latestOpenWeek(now));
  if (newest === null) return [];
  const open: Week[] = [];
  for (
    let period = newest;
    compareWeeks(period, schedule.startWeek) >= 0;
    period = addWeeks(period, -schedule.everyWeeks)
  ) {
    if (hasPeriodEnded(schedule, period, now)) break;
    open.unshift(period);
  }
  return open;
}

/** Every period from the start up to `lastWeek`'s period, oldest first. */
export function periodsThrough(schedule: Schedule, lastWeek: Week): Week[] {
  const last = periodOf(schedule, lastWeek);
  if (last === null) return [];
  const periods: Week[] = [];
  for (let period = schedule.startWeek; compareWeeks(period, last) <= 0; period = addWeeks(period, schedule.everyWeeks))
    periods.push(period);
  return periods;
}

/** The periods that have ended, newest first, at most `count` of them. */
export function endedPeriods(schedule: Schedule, now: Date, count: number, lastWeek?: Week): Week[] {
  const through = periodsThrough(schedule, lastWeek ?? latestOpenWeek(now));
  return through
    .filter((p) => hasPeriodEnded(schedule, p, now))
    .slice(-count)
    .reverse();
}
