import { previousReminderAt } from '#shared/reminder-time';
import type { AppDeps } from '#server/deps';
import { checkInKeys } from '#server/repositories/assessments.repository';
import type { DueEmail } from './due-email';
import { localDayOf, localDaysAt, type LocalDay } from './local-time';

/**
 * How late a weekly reminder may still go out. A server that was down at 19:00 and back at 20:30 still reminds; one
 * back the next morning does not: a reminder for an evening that has passed is noise, and after a long outage it
 * would arrive for everyone at once.
 */
export const WEEKLY_REMINDER_GRACE_MS = 3 * 60 * 60 * 1000;

/**
 * Weekly reminders due now: reminders on, the email option on, the person's weekday and local time passed less than
 * the grace window ago, and, for a partner, no check-in yet for the week (their own calendar's week) it falls in. A
 * coach's reminder is their weekly look at the roster, with nothing to check off.
 */
export async function dueWeeklyReminders(deps: AppDeps, now: Date): Promise<DueEmail[]> {
  const rows = await deps.db
    .selectFrom('reminder_settings as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.display_name', 'u.role', 'r.weekday', 'r.time', 'r.time_zone'])
    .where('r.enabled', '=', 1)
    .where('r.email_weekly_reminder', '=', 1)
    .where('u.is_demo', '=', 0)
    .execute();

  const localDay = localDaysAt(now);
  const due = rows.flatMap((row) => {
    if (!mayBeDue(row, localDay(row.time_zone))) return [];
    const at = previousReminderAt({ weekday: row.weekday, time: row.time, timeZone: row.time_zone }, now);
    if (now.getTime() - at.getTime() > WEEKLY_REMINDER_GRACE_MS) return [];
    return [{ row, week: localDayOf(at, row.time_zone).week }];
  });
  const partnerWeeks = due.filter((d) => d.row.role === 'partner');
  const done = await checkInKeys(
    deps.db,
    partnerWeeks.map((d) => d.row.id),
    partnerWeeks.map((d) => d.week),
  );

  return due
    .filter(({ row, week }) => row.role === 'coach' || !done.has(`${row.id} ${week}`))
    .map(({ row, week }) => ({
      userId: row.id,
      kind: 'weeklyReminder' as const,
      period: week,
      message: () => Promise.resolve({ kind: 'weeklyReminder' as const, role: row.role, name: row.display_name }),
    }));
}

const MINUTES_PER_WEEK = 7 * 24 * 60;
/** More than any daylight-saving shift: a reminder this far outside the window by the wall clock cannot be due. */
const SLACK_MINUTES = 3 * 60;

/**
 * A cheap first look by the local wall clock: is the reminder's weekday and time less than the grace window (plus
 * slack for a clock change in between) before now? Only those few are worked out exactly, since previousReminderAt
 * asks Intl dozens of times per person and a pass would otherwise hold the event loop for a large server.
 */
function mayBeDue(row: { weekday: number; time: string }, now: LocalDay): boolean {
  const [hour, minute] = row.time.split(':').map(Number);
  const reminder = (row.weekday - 1) * 24 * 60 + hour! * 60 + minute!;
  const current = (now.weekday - 1) * 24 * 60 + now.hour * 60 + now.minute;
  const since = (((current - reminder) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  return since <= WEEKLY_REMINDER_GRACE_MS / 60_000 + SLACK_MINUTES || since >= MINUTES_PER_WEEK - SLACK_MINUTES;
}
