import { addWeeks, weekOf, weekStart, type Week } from '#shared/week';

/** The week the person is in on their own calendar, which is what "this week" means to them. */
export function localWeek(date = new Date()): Week {
  return weekOf(new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate())));
}

const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayMonthYear = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Week of 23 Nov" (with the year when it is not this year). */
export function weekLabel(week: Week, today = localWeek()): string {
  const start = weekStart(week);
  const sameYear = start.getUTCFullYear() === weekStart(today).getUTCFullYear();
  return `Week of ${(sameYear ? dayMonth : dayMonthYear).format(start)}`;
}

/** "This week", "Last week", or "Week of …". */
export function relativeWeekLabel(week: Week, today = localWeek()): string {
  if (week === today) return 'This week';
  if (week === addWeeks(today, -1)) return 'Last week';
  return weekLabel(week, today);
}
