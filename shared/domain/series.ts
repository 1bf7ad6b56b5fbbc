import { addWeeks, compareWeeks, weekStart, type Week } from '#shared/week';
import { round1 } from './numbers';

/** Trailing mean over `window` periods of the values that exist; a missing period stays missing. */
export function movingAverage(values: readonly (number | null)[], window = 4): (number | null)[] {
  return values.map((value, index) => {
    if (value === null) return null;
    const present = values.slice(Math.max(0, index - window + 1), index + 1).filter((v): v is number => v !== null);
    return round1(present.reduce((sum, v) => sum + v, 0) / present.length);
  });
}

/** The calendar month an ISO week belongs to: the month of its Thursday, as ISO weeks assign years. */
export function monthOfWeek(week: Week): string {
  return monthOfMonday(weekStart(week));
}

/** The same, from the week's Monday (00:00 UTC), for callers that already step through dates. */
export function monthOfMonday(monday: Date): string {
  const thursday = new Date(monday.getTime() + 3 * 24 * 60 * 60 * 1000);
  return `${thursday.getUTCFullYear()}-${String(thursday.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The couple's streak: weeks in a row in which every partner checked in, counting back from this week. A week still
 * under way somewhere (from `unendedFrom`, the oldest week not yet over everywhere, through this week) that not
 * everyone has logged is passed over rather than breaking it: until Monday noon UTC a partner in UTC-12 may still log
 * last week. `earliest` is the oldest week counted (null for no streak), where a longer run may go on in weeks not read.
 */
export function streakRun(
  loggedWeeks: readonly ReadonlySet<Week>[],
  thisWeek: Week,
  unendedFrom: Week = thisWeek,
): { streak: number; earliest: Week | null } {
  if (loggedWeeks.length === 0) return { streak: 0, earliest: null };
  let streak = 0;
  let earliest: Week | null = null;
  for (let week = thisWeek; ; week = addWeeks(week, -1)) {
    if (loggedWeeks.every((weeks) => weeks.has(week))) {
      streak += 1;
      earliest = week;
    } else if (compareWeeks(week, unendedFrom) < 0) {
      return { streak, earliest };
    }
  }
}

/** Weeks in a row in which every partner checked in (see `streakRun`). */
export function coupleStreak(
  loggedWeeks: readonly ReadonlySet<Week>[],
  thisWeek: Week,
  unendedFrom: Week = thisWeek,
): number {
  return streakRun(loggedWeeks, thisWeek, unendedFrom).streak;
}
