import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import ical, { ICalEventRepeatingFreq, ICalWeekday } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { previousReminderAt } from '#shared/reminder-time';
import { DEFAULT_REMINDER_SETTINGS } from '#shared/schemas/reminder.schema';
import { consumeOrRefuse, limiterPerServer } from '#server/auth/rate-limits';
import { hashSecret, newSessionToken } from '#server/auth/secrets';
import type { AppDeps } from '#server/deps';
import { Forbidden } from '#server/errors';
import {
  deleteCalendarLink,
  findCalendarFeed,
  findCalendarLinkCreatedAt,
  replaceCalendarLink,
} from '#server/repositories/calendar-links.repository';
import type { Caller } from './caller';

/** Where a feed lives: `/calendar/<token>.ics`, outside /trpc so calendar apps can fetch it with nothing but the URL. */
export const CALENDAR_PATH = '/calendar';

/** New links per account: enough to replace a link a few times in a sitting, too few to churn tokens. */
const linksPerAccount = limiterPerServer({ keyPrefix: 'calendar-link', points: 10, duration: 60 * 60 });

/** The address people reach this server at: PUBLIC_URL when set, else the origin the request came to. */
export function baseUrlOf(deps: AppDeps, origin: string | null): string {
  return deps.config.publicUrl ?? origin ?? 'http://localhost';
}

/**
 * A new private link to the caller's calendar feed. The token is 256 random bits and only its hash is kept, so the
 * link is shown once, now; making another replaces it, and the old link answers 404 from then on. Demo accounts get
 * none: they last a day and belong to nobody, and a subscription would outlive them.
 */
export async function createCalendarLink(
  deps: AppDeps,
  caller: Caller,
  origin: string | null,
): Promise<{ url: string }> {
  if (caller.isDemo === 1) {
    throw new Forbidden('Calendar links are for accounts of your own. Sign up to make one.');
  }
  await consumeOrRefuse(
    linksPerAccount(deps),
    caller.id,
    "You've made several calendar links in the last hour. Try again a little later.",
  );
  const token = newSessionToken();
  await replaceCalendarLink(deps.db, caller.id, hashSecret(token), deps.now().toISOString());
  return { url: `${baseUrlOf(deps, origin)}${CALENDAR_PATH}/${token}.ics` };
}

/** Ends the caller's link, if any: calendars subscribed to it stop receiving the event. Saying it twice is fine. */
export async function revokeCalendarLink(deps: AppDeps, caller: Caller): Promise<{ ok: true }> {
  await deleteCalendarLink(deps.db, caller.id);
  return { ok: true };
}

/** Whether the caller has a live link, and since when (the link itself cannot be shown again). */
export async function calendarLinkStatus(
  deps: AppDeps,
  caller: Caller,
): Promise<{ active: boolean; createdAt: string | null }> {
  const createdAt = await findCalendarLinkCreatedAt(deps.db, caller.id);
  return { active: createdAt !== null, createdAt };
}

const ICAL_WEEKDAYS = [
  ICalWeekday.MO,
  ICalWeekday.TU,
  ICalWeekday.WE,
  ICalWeekday.TH,
  ICalWeekday.FR,
  ICalWeekday.SA,
  ICalWeekday.SU,
] as const;

const EVENT_MINUTES = 20;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The zone's VTIMEZONE block, or null for a zone the library does not describe. */
function vtimezoneOf(timeZone: string): string | null {
  const block = tzlib_get_ical_block(timeZone);
  if (!Array.isArray(block) || typeof block[0] !== 'string' || !block[0].startsWith('BEGIN:VTIMEZONE')) return null;
  // The library describes an alias (Africa/Accra) under the zone it links to (Africa/Abidjan); the event names the
  // person's zone, so the block is given that name too, or calendar apps would find no zone for the event.
  return block[0]
    .replace(/^TZID:.*$/m, `TZID:${timeZone}`)
    .replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${timeZone}`);
}

/** The wall-clock hour and minute of an instant in a zone, "HH:MM". */
function localTimeOf(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );
}

/**
 * The feed behind a token: one weekly event at the person's day and local time, or null when no link has this token.
 * Every call hashes the token and makes one lookup, whatever the token looks like, so an unknown or malformed token
 * costs the same as a known one and timing tells nothing about which exist.
 */
export async function calendarFeed(deps: AppDeps, token: string, baseUrl: string): Promise<string | null> {
  const tokenHash = hashSecret(token);
  const row = await findCalendarFeed(deps.db, tokenHash);
  if (!row) return null;

  const timing = {
    weekday: row.weekday ?? DEFAULT_REMINDER_SETTINGS.weekday,
    time: row.time ?? DEFAULT_REMINDER_SETTINGS.time,
    timeZone: row.timeZone ?? DEFAULT_REMINDER_SETTINGS.timeZone,
  };
  // The series starts at the occurrence before the link was made (stable from one fetch to the next), stepping back a
  // week if that one fell into a skipped hour of a daylight-saving change, where the clock never reads the time.
  let first = previousReminderAt(timing, new Date(row.createdAt));
  for (let step = 0; step < 4 && localTimeOf(first, timing.timeZone) !== timing.time; step++) {
    first = new Date(first.getTime() - WEEK_MS);
  }
  const vtimezone = vtimezoneOf(timing.timeZone);
  // UTC has no changes to describe; a zone the library lacks (none today) is given in UTC instants of that week.
  const zoned = vtimezone !== null && timing.timeZone !== 'UTC';
  // `first` reads as the chosen wall-clock time in the zone (checked above); as a TZDate it is written as such.
  const start = zoned ? new TZDate(first.getTime(), timing.timeZone) : first;
  // In the zone too: ical-generator writes a plain Date given with a zone in the server process's own local time.
  const endMs = start.getTime() + EVENT_MINUTES * 60 * 1000;
  const end = zoned ? new TZDate(endMs, timing.timeZone) : new Date(endMs);

  const firstName = row.displayName.trim().split(/\s+/)[0] ?? '';
  const coach = row.role === 'coach';
  const link = `${baseUrl}${coach ? '/coach' : '/check-in'}`;
  const summary = coach ? 'Tandem: your weekly review' : 'Tandem: your weekly check-in';
  const description = coach
    ? `${firstName ? `${firstName}, a` : 'A'} few minutes to look over the couples you work with: ${link}`
    : `${firstName ? `${firstName}, a` : 'A'} few quiet minutes for the two of you: ${link}`;

  const calendar = ical({
    name: 'Tandem',
    prodId: { company: 'Tandem', product: 'Tandem', language: 'EN' },
    // No calendar-wide zone, so DTSTAMP stays in UTC as RFC 5545 asks; the event names its own zone.
    timezone: { name: null, generator: (tz) => vtimezoneOf(tz) },
    ttl: 60 * 60 * 6,
  });
  calendar.createEvent({
    // Stable for the life of the link (so a refresh updates the event instead of adding one) and says nothing of who.
    id: `${createHash('sha256').update(`event:${tokenHash}`).digest('hex').slice(0, 32)}@tandem`,
    start,
    end,
    // When the event last changed (the link, or the settings since), so a calendar app knows to take the new one.
    stamp: new Date(
      row.settingsUpdatedAt && row.settingsUpdatedAt > row.createdAt ? row.settingsUpdatedAt : row.createdAt,
    ),
    timezone: zoned ? timing.timeZone : null,
    summary,
    description,
    url: link,
    repeating: { freq: ICalEventRepeatingFreq.WEEKLY, byDay: [ICAL_WEEKDAYS[timing.weekday - 1]!] },
  });
  return calendar.toString();
}
