import { WEEKDAY_NAMES, type Weekday } from '#shared/schemas/reminder.schema';

/** What a reminder's timing depends on: an ISO weekday (Monday 1), a local "HH:MM" and the IANA zone it is local to. */
export interface ReminderTiming {
  weekday: number;
  time: string;
  timeZone: string;
}

// Built with Intl alone: a reminder needs only "which instant is this wall-clock time in that zone", which Intl answers
// through the offsets it knows; a date library would add weight to the browser bundle for one conversion.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in `timeZone` at the instant `ms`. Throws a RangeError for a zone this runtime does not know. */
export function wallClockAt(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** How far the zone's clocks are ahead of UTC at the instant `ms`, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClockAt(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant the zone's clocks read the given local date and time. A time skipped when clocks go forward (02:30 on
 * the night of the change in Europe) is read as the same moment an hour on (03:30): the reminder still comes that
 * day, right after the change. A time that happens twice when clocks go back is the first of the two.
 */
function instantOfWallClock(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const candidates = [asUtc - before, asUtc - after].filter(
    (t, i) => offsetAt(t, timeZone) === (i === 0 ? before : after),
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return asUtc - before;
}

/** ISO weekday (Monday 1 … Sunday 7) of a civil date. */
function isoWeekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
}

function parseTime(time: string): { hour: number; minute: number } {
  const [hour, minute] = time.split(':').map(Number);
  return { hour: hour!, minute: minute! };
}

/** The reminder instants of the weeks around `now`, in order: enough to hold the one before and the one after. */
function occurrencesAround(timing: ReminderTiming, now: Date): number[] {
  const today = wallClockAt(now.getTime(), timing.timeZone);
  const { hour, minute } = parseTime(timing.time);
  const instants: number[] = [];
  for (let k = -8; k <= 8; k++) {
    // Civil-date arithmetic in UTC, where every day has 24 hours.
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + k));
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (isoWeekday(y, m, d) !== timing.weekday) continue;
    instants.push(instantOfWallClock(y, m, d, hour, minute, timing.timeZone));
  }
  return instants;
}

/** The first reminder strictly after `now`: the given weekday and local time in the person's zone. */
export function nextReminderAt(timing: ReminderTiming, now: Date): Date {
  const t = now.getTime();
  return new Date(occurrencesAround(timing, now).find((instant) => instant > t)!);
}

/** The latest reminder at or before `now` (the one that is due, or was last due). */
export function previousReminderAt(timing: ReminderTiming, now: Date): Date {
  const t = now.getTime();
  return new Date(
    occurrencesAround(timing, now)
      .filter((instant) => instant <= t)
      .at(-1)!,
  );
}

/**
 * The next reminder as a person reads it, in their own zone: "today", "tomorrow" or the weekday's name, and the local
 * time ("Sunday", "19:00").
 */
export function describeNextReminder(timing: ReminderTiming, now: Date): { day: string; time: string; at: Date } {
  const at = nextReminderAt(timing, now);
  const then = wallClockAt(at.getTime(), timing.timeZone);
  const today = wallClockAt(now.getTime(), timing.timeZone);
  const daysAhead = Math.round(
    (Date.UTC(then.year, then.month - 1, then.day) - Date.UTC(today.year, today.month - 1, today.day)) / DAY_MS,
  );
  const day =
    daysAhead === 0
      ? 'today'
      : daysAhead === 1
        ? 'tomorrow'
        : WEEKDAY_NAMES[isoWeekday(then.year, then.month, then.day) as Weekday];
  const time = `${String(then.hour).padStart(2, '0')}:${String(then.minute).padStart(2, '0')}`;
  return { day, time, at };
}
