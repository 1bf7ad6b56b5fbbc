import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeNextReminder, nextReminderAt, previousReminderAt } from '#shared/reminder-time';
import { canonicalTimeZone, reminderSettingsSchema } from '#shared/schemas/reminder.schema';

const at = (iso: string) => new Date(iso);
const sundayEvening = (timeZone: string) => ({ weekday: 7, time: '19:00', timeZone });

/** The wall clock in a zone, "Sun 19:00", as an independent reading of an instant. */
function wallClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

describe('nextReminderAt and previousReminderAt', () => {
  it('keeps 19:00 local in Berlin across the change to summer time (29 March 2026)', () => {
    const berlin = sundayEvening('Europe/Berlin');
    // The Sunday before the change is UTC+1, the Sunday of the change already UTC+2 by the evening.
    expect(nextReminderAt(berlin, at('2026-03-20T12:00:00Z')).toISOString()).toBe('2026-03-22T18:00:00.000Z');
    expect(nextReminderAt(berlin, at('2026-03-27T12:00:00Z')).toISOString()).toBe('2026-03-29T17:00:00.000Z');
    expect(previousReminderAt(berlin, at('2026-03-29T16:59:59Z')).toISOString()).toBe('2026-03-22T18:00:00.000Z');
    expect(previousReminderAt(berlin, at('2026-03-29T17:00:00Z')).toISOString()).toBe('2026-03-29T17:00:00.000Z');
  });

  it('keeps 19:00 local in Berlin across the change back (25 October 2026)', () => {
    const berlin = sundayEvening('Europe/Berlin');
    expect(nextReminderAt(berlin, at('2026-10-20T12:00:00Z')).toISOString()).toBe('2026-10-25T18:00:00.000Z');
    expect(previousReminderAt(berlin, at('2026-10-26T00:00:00Z')).toISOString()).toBe('2026-10-25T18:00:00.000Z');
    expect(nextReminderAt(berlin, at('2026-10-25T18:00:00Z')).toISOString()).toBe('2026-11-01T18:00:00.000Z');
  });

  it('keeps 19:00 local in New York across both changes', () => {
    const newYork = sundayEvening('America/New_York');
    expect(nextReminderAt(newYork, at('2026-03-02T12:00:00Z')).toISOString()).toBe('2026-03-08T23:00:00.000Z');
    expect(nextReminderAt(newYork, at('2026-02-26T12:00:00Z')).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(nextReminderAt(newYork, at('2026-10-27T12:00:00Z')).toISOString()).toBe('2026-11-02T00:00:00.000Z');
  });

  it('reads a time skipped by the clocks as the moment an hour on, and a doubled time as its first reading', () => {
    // 02:30 does not exist in Berlin on 29 March 2026: the reminder comes at 03:30 summer time.
    const skipped = { weekday: 7, time: '02:30', timeZone: 'Europe/Berlin' };
    expect(nextReminderAt(skipped, at('2026-03-28T00:00:00Z')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first, still in summer time.
    expect(nextReminderAt(skipped, at('2026-10-24T00:00:00Z')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    const newYork = { weekday: 7, time: '01:30', timeZone: 'America/New_York' };
    expect(nextReminderAt(newYork, at('2026-10-31T00:00:00Z')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('works east of UTC, where the local day differs from the UTC day', () => {
    const auckland = { weekday: 1, time: '07:15', timeZone: 'Pacific/Auckland' };
    // Monday 07:15 in Auckland (UTC+13 in December) is Sunday 18:15 UTC.
    expect(nextReminderAt(auckland, at('2026-12-02T00:00:00Z')).toISOString()).toBe('2026-12-06T18:15:00.000Z');
    const kolkata = { weekday: 3, time: '00:00', timeZone: 'Asia/Kolkata' };
    expect(nextReminderAt(kolkata, at('2026-12-01T12:00:00Z')).toISOString()).toBe('2026-12-01T18:30:00.000Z');
  });

  it('always lands on the chosen weekday and time, with the previous one a week before the next', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC', 'America/Santiago'];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }),
        (weekday, hour, minute, timeZone, nowMs) => {
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const timing = { weekday, time, timeZone };
          const now = new Date(nowMs);
          const next = nextReminderAt(timing, now);
          const previous = previousReminderAt(timing, now);
          expect(next.getTime()).toBeGreaterThan(nowMs);
          expect(previous.getTime()).toBeLessThanOrEqual(nowMs);
          // A week apart, give or take the hour a daylight-saving change adds or takes.
          expect(Math.abs(next.getTime() - previous.getTime() - 7 * 86_400_000)).toBeLessThanOrEqual(3_600_000);
          const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
          const reading = wallClock(next, timeZone);
          expect(reading.startsWith(days[weekday - 1]!)).toBe(true);
          // Equal, unless the time was skipped by the clocks that night (then an hour later).
          if (!reading.endsWith(time)) {
            const shifted = `${String((hour + 1) % 24).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
            expect(reading.endsWith(shifted)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('describeNextReminder', () => {
  it('says today, tomorrow, or the weekday, with the local time', () => {
    const berlin = sundayEvening('Europe/Berlin');
    expect(describeNextReminder(berlin, at('2026-11-29T10:00:00Z'))).toMatchObject({ day: 'today', time: '19:00' });
    expect(describeNextReminder(berlin, at('2026-11-28T10:00:00Z'))).toMatchObject({ day: 'tomorrow', time: '19:00' });
    expect(describeNextReminder(berlin, at('2026-11-25T10:00:00Z'))).toMatchObject({ day: 'Sunday', time: '19:00' });
    // Just after this Sunday's reminder, the next is a week on.
    expect(describeNextReminder(berlin, at('2026-11-29T18:00:01Z'))).toMatchObject({ day: 'Sunday', time: '19:00' });
  });
});

describe('reminder settings schema', () => {
  const valid = {
    enabled: true,
    weekday: 7,
    time: '19:00',
    timeZone: 'Europe/Berlin',
    email: { weeklyReminder: false, partnerCheckedIn: false, bothAnswered: false, coachDigest: false },
  };

  it('accepts valid settings, UTC and the edges of the day', () => {
    expect(reminderSettingsSchema.safeParse(valid).success).toBe(true);
    for (const time of ['00:00', '23:59', '09:05']) {
      expect(reminderSettingsSchema.safeParse({ ...valid, time }).success).toBe(true);
    }
    expect(reminderSettingsSchema.safeParse({ ...valid, timeZone: 'UTC' }).success).toBe(true);
  });

  it.each([
    ['time 24:00', { time: '24:00' }],
    ['time 7:5', { time: '7:5' }],
    ['time 19:60', { time: '19:60' }],
    ['an unknown zone', { timeZone: 'Mars/Base' }],
    ['an offset for a zone', { timeZone: '+02:00' }],
    ['weekday 0', { weekday: 0 }],
    ['weekday 8', { weekday: 8 }],
    ['weekday 1.5', { weekday: 1.5 }],
    ['an extra key', { extra: true }],
    ['an email option missing', { email: { weeklyReminder: true } }],
    ['an extra email option', { email: { ...valid.email, sms: true } }],
  ])('refuses %s', (_, change) => {
    expect(reminderSettingsSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('reads an alias as the zone it stands for, and knows no made-up one', () => {
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    const listed = new Set(Intl.supportedValuesOf('timeZone'));
    const kolkata = canonicalTimeZone('Asia/Calcutta');
    expect(kolkata === null ? false : listed.has(kolkata)).toBe(true);
    expect(canonicalTimeZone('Mars/Base')).toBeNull();
  });
});
