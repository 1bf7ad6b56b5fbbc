import { wallClockAt, type WallClock } from '#shared/reminder-time';
import { weekOf, type Week } from '#shared/week';

// A person's week is the ISO week of their own calendar date, as the app in their browser counts it (localWeek): at
// 23:30 on Sunday in Auckland, their week is still the one ending that night, whatever week UTC is in.

export interface LocalDay {
  /** The ISO week of the local date. */
  week: Week;
  /** ISO weekday of the local date, Monday 1 … Sunday 7. */
  weekday: number;
  hour: number;
  minute: number;
}

/** The local calendar day, its week and the hour in `timeZone` at `at`. A zone this runtime does not know reads as UTC. */
export function localDayOf(at: Date, timeZone: string): LocalDay {
  let clock: WallClock;
  try {
    clock = wallClockAt(at.getTime(), timeZone);
  } catch {
    clock = wallClockAt(at.getTime(), 'UTC');
  }
  // Noon of the local date, read on the UTC calendar: the same date whatever the zone.
  const date = new Date(Date.UTC(clock.year, clock.month - 1, clock.day, 12));
  return { week: weekOf(date), weekday: date.getUTCDay() || 7, hour: clock.hour, minute: clock.minute };
}

/**
 * `localDayOf(now, zone)` remembered per zone, for one pass: many people share a few zones, and asking Intl is the
 * costly part of working out what is due.
 */
export function localDaysAt(now: Date): (timeZone: string) => LocalDay {
  const known = new Map<string, LocalDay>();
  return (timeZone) => {
    let day = known.get(timeZone);
    if (!day) {
      day = localDayOf(now, timeZone);
      known.set(timeZone, day);
    }
    return day;
  };
}
