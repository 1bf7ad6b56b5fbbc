import { useQuery } from '@tanstack/react-query';
import { describeNextReminder } from '#shared/reminder-time';
import { canonicalTimeZone, type ReminderSettings } from '#shared/schemas/reminder.schema';
import { trpc } from '#client/trpc';
import { useSignedIn } from '#client/lib/use-signed-in';

/**
 * "Sunday at 19:00", in the zone the reminder follows, naming that zone when this device is elsewhere; null when this
 * browser does not know the zone (an older one than the server's), rather than a wrong time.
 */
export function nextReminderText(settings: ReminderSettings, now = new Date()): string | null {
  try {
    const next = describeNextReminder(settings, now);
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const elsewhere = here !== settings.timeZone && canonicalTimeZone(here) !== settings.timeZone;
    return `${next.day} at ${next.time}${elsewhere ? ` (${settings.timeZone.replace(/_/g, ' ')} time)` : ''}`;
  } catch {
    return null;
  }
}

/** "Your next reminder: Sunday at 19:00.", when the person has turned reminders on; nothing otherwise. */
export function NextReminder() {
  const settings = useQuery({ ...trpc.reminder.get.queryOptions(), enabled: useSignedIn() });
  if (!settings.data?.enabled) return null;
  const text = nextReminderText(settings.data);
  if (!text) return null;
  return (
    <p className="muted small" data-testid="next-reminder">
      Your next reminder: {text}.
    </p>
  );
}
