/**
 * ISO-8601 weeks (`YYYY-Www`), computed in UTC so that the server and every browser agree on what a week is.
 * A week string sorts correctly as plain text, which lets the database compare weeks without date functions.
 */

export type Week = string;

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** The earliest time zone on Earth is UTC+14, the latest UTC-12. */
const EARLIEST_OFFSET_MS = 14 * HOUR_MS;
const LATEST_OFFSET_MS = 12 * HOUR_MS;

export interface WeekParts {
  year: number;
  week: number;
}

/** A year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a Wednesday. */
export function weeksInYear(year: number): 52 | 53 {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

export function parseWeek(value: string): WeekParts | null {
  const match = WEEK_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < 1970 || week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

export function isWeek(value: unknown): value is Week {
  return typeof value === 'string' && parseWeek(value) !== null;
}

export function formatWeek({ year, week }: WeekParts): Week {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week that contains the given instant, read on the UTC calendar. */
export function weekOf(date: Date): Week {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7; // Monday 1 … Sunday 7
  // The Thursday of this week decides which year the week belongs to.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const year = day.getUTCFullYear();
  const week = Math.ceil(((day.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7);
  return formatWeek({ year, week });
}

/** Monday 00:00 UTC of the week. */
export function weekStart(week: Week): Date {
  const parts = parseWeek(week);
  if (!parts) throw new RangeError(`Not an ISO week: ${week}`);
  // 4 January is always in week 1.
  const jan4 = new Date(Date.UTC(parts.year, 0, 4));
  const mondayOfWeek1 = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * DAY_MS;
  return new Date(mondayOfWeek1 + (parts.week - 1) * 7 * DAY_MS);
}

export function addWeeks(week: Week, count: number): Week {
  return weekOf(new Date(weekStart(week).getTime() + count * 7 * DAY_MS));
}

/** Whole weeks from `from` to `to` (negative when `to` is earlier). */
export function weeksBetween(from: Week, to: Week): number {
  return Math.round((weekStart(to).getTime() - weekStart(from).getTime()) / (7 * DAY_MS));
}

export function compareWeeks(a: Week, b: Week): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every week from `from` to `to`, both included, oldest first. Counts week numbers rather than stepping dates. */
export function weekRange(from: Week, to: Week): Week[] {
  let parts = parseWeek(from);
  if (!parts) throw new RangeError(`Not an ISO week: ${from}`);
  const weeks: Week[] = [];
  let yearLength = weeksInYear(parts.year);
  for (let week = formatWeek(parts); week <= to; week = formatWeek(parts)) {
    weeks.push(week);
    if (parts.week < yearLength) parts = { year: parts.year, week: parts.week + 1 };
    else {
      parts = { year: parts.year + 1, week: 1 };
      yearLength = weeksInYear(parts.year);
    }
  }
  return weeks;
}

/** The Monday (00:00 UTC) of every week from `from` to `to`, both included: stepping dates, not strings. */
export function weekStartsBetween(from: Week, to: Week): Date[] {
  const last = weekStart(to).getTime();
  const starts: Date[] = [];
  for (let t = weekStart(from).getTime(); t <= last; t += 7 * DAY_MS) starts.push(new Date(t));
  return starts;
}

/** The current week in UTC: the week most people are in. */
export function currentWeek(now: Date): Week {
  return weekOf(now);
}

/**
 * The newest week a person may log: the week that has begun somewhere on Earth. Someone in Auckland on Monday
 * morning is already in the next week while London is still on Sunday, so we judge by UTC+14.
 */
export function latestOpenWeek(now: Date): Week {
  return weekOf(new Date(now.getTime() + EARLIEST_OFFSET_MS));
}

/** A week has ended once it is over everywhere on Earth, that is, once Monday has begun in UTC-12. */
export function hasWeekEnded(week: Week, now: Date): boolean {
  return compareWeeks(week, newestEndedWeek(now)) <= 0;
}

/**
 * The newest week that has ended everywhere on Earth: every week up to it has ended, none after it. A week ends
 * 7 days and 12 hours after its Monday began in UTC, so it is the week that contains that instant, counted back.
 */
export function newestEndedWeek(now: Date): Week {
  return weekOf(new Date(now.getTime() - LATEST_OFFSET_MS - 7 * DAY_MS));
}

/**
 * The oldest week that has not ended everywhere yet: the week after `newestEndedWeek`. Until Monday noon UTC it is
 * last week (still Sunday in UTC-12); from then on, this week. What counts weeks someone has let pass counts up to
 * here, so that nobody is told they missed a week that is still open where they are.
 */
export function oldestUnendedWeek(now: Date): Week {
  return addWeeks(newestEndedWeek(now), 1);
}
