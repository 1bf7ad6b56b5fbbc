import type { DB } from '#server/db/database';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings, type Weekday } from '#shared/schemas/reminder.schema';

/**
 * A person's reminder settings, with the defaults (off, Sunday 19:00 UTC, no email) when they never saved any. The
 * email notifier reads this too.
 */
export async function readReminderSettings(db: DB, userId: string): Promise<ReminderSettings> {
  return (await findSavedReminderSettings(db, userId)) ?? structuredClone(DEFAULT_REMINDER_SETTINGS);
}

/** The settings a person saved; null when they never did (their export then carries none). */
export async function findSavedReminderSettings(db: DB, userId: string): Promise<ReminderSettings | null> {
  const row = await db
    .selectFrom('reminder_settings')
    .select([
      'enabled',
      'weekday',
      'time',
      'time_zone',
      'email_weekly_reminder',
      'email_partner_checked_in',
      'email_both_answered',
      'email_coach_digest',
    ])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    enabled: row.enabled === 1,
    weekday: row.weekday as Weekday,
    time: row.time,
    timeZone: row.time_zone,
    email: {
      weeklyReminder: row.email_weekly_reminder === 1,
      partnerCheckedIn: row.email_partner_checked_in === 1,
      bothAnswered: row.email_both_answered === 1,
      coachDigest: row.email_coach_digest === 1,
    },
  };
}

/** Stores the settings whole (insert or replace): saving the same twice leaves one row, the same. */
export async function writeReminderSettings(
  db: DB,
  userId: string,
  settings: ReminderSettings,
  updatedAt: string,
): Promise<void> {
  const values = {
    enabled: settings.enabled ? 1 : 0,
    weekday: settings.weekday,
    time: settings.time,
    time_zone: settings.timeZone,
    email_weekly_reminder: settings.email.weeklyReminder ? 1 : 0,
    email_partner_checked_in: settings.email.partnerCheckedIn ? 1 : 0,
    email_both_answered: settings.email.bothAnswered ? 1 : 0,
    email_coach_digest: settings.email.coachDigest ? 1 : 0,
    updated_at: updatedAt,
  };
  await db
    .insertInto('reminder_settings')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}
