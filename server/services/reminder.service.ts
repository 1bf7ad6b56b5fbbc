import type * as z from 'zod/mini';
import {
  canonicalTimeZone,
  EMAIL_OPTIONS_BY_ROLE,
  type ReminderEmailOptions,
  type ReminderSettings,
  type reminderSettingsSchema,
  type Weekday,
} from '#shared/schemas/reminder.schema';
import type { AppDeps } from '#server/deps';
import { Invalid } from '#server/errors';
import { readReminderSettings, writeReminderSettings } from '#server/repositories/reminders.repository';
import type { Caller } from './caller';

const OPTION_NAMES: Record<keyof ReminderEmailOptions, string> = {
  weeklyReminder: 'the weekly reminder',
  partnerCheckedIn: 'news that your partner checked in',
  bothAnswered: 'news that you have both answered',
  coachDigest: "the coach's weekly summary",
};

/** The caller's own reminder settings, the defaults when they never saved any. */
export function getReminderSettings(deps: AppDeps, caller: Caller): Promise<ReminderSettings> {
  return readReminderSettings(deps.db, caller.id);
}

/**
 * Saves the caller's settings whole and returns them as stored. An email option that does not belong to the caller's
 * role (a coach has no partner to hear about; a partner gets no coach's summary) may be off, never on: asking for it
 * refuses the whole change, so nothing is half-saved.
 */
export async function setReminderSettings(
  deps: AppDeps,
  caller: Caller,
  input: z.output<typeof reminderSettingsSchema>,
): Promise<ReminderSettings> {
  await writeReminderSettings(
    deps.db,
    caller.id,
    checkedReminderSettings(caller.role, input),
    deps.now().toISOString(),
  );
  return readReminderSettings(deps.db, caller.id);
}

/** The settings as they are stored, judged for a person of this role; `Invalid` for an option the role is not offered. */
export function checkedReminderSettings(
  role: Caller['role'],
  input: z.output<typeof reminderSettingsSchema>,
): ReminderSettings {
  const allowed: readonly string[] = EMAIL_OPTIONS_BY_ROLE[role];
  for (const [option, on] of Object.entries(input.email) as [keyof ReminderEmailOptions, boolean][]) {
    if (on && !allowed.includes(option)) {
      throw new Invalid(`email.${option}: ${OPTION_NAMES[option]} is not offered to your account.`);
    }
  }
  // The schema let the name through only if this runtime knows it; an alias is stored as the name it stands for.
  const timeZone = canonicalTimeZone(input.timeZone);
  if (!timeZone) throw new Invalid('timeZone: Choose a time zone from the list, such as Europe/Berlin.');
  return {
    enabled: input.enabled,
    weekday: input.weekday as Weekday,
    time: input.time,
    timeZone,
    email: { ...input.email },
  };
}

/** Whether two settings say the same; `null` (never saved) differs from any, so saving them writes the row. */
export function sameReminderSettings(a: ReminderSettings, b: ReminderSettings | null): boolean {
  if (!b) return false;
  const options = Object.keys(a.email) as (keyof ReminderEmailOptions)[];
  return (
    a.enabled === b.enabled &&
    a.weekday === b.weekday &&
    a.time === b.time &&
    a.timeZone === b.timeZone &&
    options.every((option) => a.email[option] === b.email[option])
  );
}
