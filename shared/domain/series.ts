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
 * The week a couple's streak counts back from: the newest week everyone has logged, among those still under way
 * somewhere (from `unendedFrom`, the oldest week not yet over everywhere, through this week), so a missing entry
 * there does not break the streak; otherwise the newest week over everywhere. Until Monday noon UTC last week is
 * still under way in UTC-12, and a partner there may still log it.
 */
export function streakAnchor(
  loggedWeeks: readonly ReadonlySet<Week>[],
  thisWeek: Week,
  unendedFrom: Week = thisWeek,
): Week {
  let week = thisWeek;
  while (compareWeeks(week, unendedFrom) >= 0 && !loggedWeeks.every((weeks) => weeks.has(week))) {
    week = addWeeks(week, -1);
  }
  return week;
}

/** Weeks in a row in which every partner checked in, counting back from the `streakAnchor`. */
export function coupleStreak(
  loggedWeeks: readonly ReadonlySet<Week>[],
  thisWeek: Week,
  unendedFrom: Week = thisWeek,
): number {
  if (loggedWeeks.length === 0) return 0;
  let streak = 0;
  for (
    let week = streakAnchor(loggedWeeks, thisWeek, unendedFrom);
    loggedWeeks.every((weeks) => weeks.has(week));
    week = addWeeks(week, -1)
  ) {
    streak += 1;
  }
  return streak;
}
