import * as z from 'zod/mini';

/** ISO weekdays: Monday 1 … Sunday 7. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  1: 'Monday',
  2: 'Tuesday',
  3: 'Wednesday',
  4: 'Thursday',
  5: 'Friday',
  6: 'Saturday',
  7: 'Sunday',
};

let knownZones: Set<string> | null = null;

/** The IANA zones this runtime knows, plus "UTC" (which some runtimes leave out of the list). Built on first use. */
function zoneSet(): Set<string> {
  // A browser too old to list its zones (Safari before 15.4) lists none: see canonicalTimeZone.
  const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  knownZones ??= new Set([...listed, 'UTC']);
  return knownZones;
}

/** The zones to choose from, sorted; just UTC where the runtime cannot list them. */
export function listedTimeZones(): string[] {
  return [...zoneSet()].sort();
}

/**
 * The zone's name as this runtime lists it, or null for a name it does not know. A browser may report an older alias
 * ("Asia/Calcutta", "Europe/Kiev") of a listed zone; it is accepted and read as the listed one, so that what is stored
 * is always a name every part of the app (the calendar feed included) understands.
 */
export function canonicalTimeZone(name: string): string | null {
  const zones = zoneSet();
  if (zones.has(name)) return name;
  // Only names shaped like zones go near Intl: no offsets ("+02:00"), no odd characters.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(name)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    // Where the runtime lists nothing but UTC, any zone Intl understands passes here; the server checks it again.
    return zones.has(resolved) || zones.size === 1 ? resolved : null;
  } catch {
    return null;
  }
}

export const weekdaySchema = z
  .int('Choose a day of the week.')
  .check(z.minimum(1, 'Choose a day from Monday to Sunday.'), z.maximum(7, 'Choose a day from Monday to Sunday.'));

/** 24-hour "HH:MM", 00:00 to 23:59, always two digits each. */
export const reminderTimeSchema = z
  .string()
  .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time looks like 19:00 (24-hour, 00:00 to 23:59).'));

export const timeZoneSchema = z.string().check(
  z.maxLength(64, 'That time zone name is too long.'),
  z.refine((name) => canonicalTimeZone(name) !== null, 'Choose a time zone from the list, such as Europe/Berlin.'),
);

export const reminderEmailSchema = z.strictObject({
  weeklyReminder: z.boolean(),
  partnerCheckedIn: z.boolean(),
  bothAnswered: z.boolean(),
  coachDigest: z.boolean(),
});
export type ReminderEmailOptions = z.infer<typeof reminderEmailSchema>;

export const reminderSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  weekday: weekdaySchema,
  time: reminderTimeSchema,
  timeZone: timeZoneSchema,
  email: reminderEmailSchema,
});

/** A person's reminder settings: what `reminder.get` returns, and `reminder.set` takes and returns. */
export interface ReminderSettings {
  enabled: boolean;
  weekday: Weekday;
  time: string;
  timeZone: string;
  email: ReminderEmailOptions;
}

/** What settings nobody has saved read as: nothing is sent or shown until the person turns it on. */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: false,
  weekday: 7,
  time: '19:00',
  timeZone: 'UTC',
  email: { weeklyReminder: false, partnerCheckedIn: false, bothAnswered: false, coachDigest: false },
};

/** Which email options each role may turn on: a partner hears about their couple, a coach gets a digest. */
export const EMAIL_OPTIONS_BY_ROLE: Record<'partner' | 'coach', readonly (keyof ReminderEmailOptions)[]> = {
  partner: ['weeklyReminder', 'partnerCheckedIn', 'bothAnswered'],
  coach: ['weeklyReminder', 'coachDigest'],
};
