import { useId, useMemo, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { UserDto } from '#shared/schemas/auth.schema';
import {
  canonicalTimeZone,
  DEFAULT_REMINDER_SETTINGS,
  EMAIL_OPTIONS_BY_ROLE,
  listedTimeZones,
  WEEKDAY_NAMES,
  WEEKDAYS,
  reminderSettingsSchema,
  type ReminderEmailOptions,
  type ReminderSettings,
} from '#shared/schemas/reminder.schema';
import { FormError } from '#client/components/form-error';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { flattenFieldErrors } from '#client/lib/validation';
import { trpc } from '#client/trpc';
import { useSignedIn } from '#client/lib/use-signed-in';
import { CalendarLink } from './calendar-link';
import { nextReminderText } from './next-reminder';

/** The zone this browser is in, as the server will read it; UTC when the browser does not say or is not understood. */
function browserTimeZone(): string {
  try {
    return canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone) ?? 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Settings nobody saved read as the defaults; then the zone is taken from this browser rather than UTC. */
function initialForm(stored: ReminderSettings): ReminderSettings {
  const untouched = JSON.stringify(stored) === JSON.stringify(DEFAULT_REMINDER_SETTINGS);
  return untouched ? { ...stored, timeZone: browserTimeZone() } : stored;
}

function emailLabel(option: keyof ReminderEmailOptions, role: UserDto['role']): string {
  switch (option) {
    case 'weeklyReminder':
      return role === 'coach'
        ? 'A weekly email when it is time for your review'
        : 'A weekly email when it is time to check in';
    case 'partnerCheckedIn':
      return 'An email when your partner has checked in';
    case 'bothAnswered':
      return 'An email when you have both answered for the week';
    case 'coachDigest':
      return 'A Monday overview by email: which of your couples may need attention, and why in a few words';
  }
}

/**
 * When Tandem nudges the person: a weekly moment (day, time, their time zone), the emails that fit their role, and
 * a private calendar link. Nothing is on until they turn it on.
 */
export function ReminderSettingsSection({ me }: { me: UserDto }) {
  const settings = useQuery({ ...trpc.reminder.get.queryOptions(), enabled: useSignedIn() });
  return (
    <section className="card stack" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">Reminders</h2>
      <p className="muted small">
        {me.role === 'coach'
          ? 'A gentle nudge for your weekly look at the couples you work with. Off unless you turn it on.'
          : 'A gentle nudge for your weekly check-in, at a moment that suits you. Off unless you turn it on.'}
      </p>
      {settings.data ? (
        <ReminderForm me={me} stored={settings.data} />
      ) : settings.isError ? (
        <FormError error={settings.error} />
      ) : (
        <div className="skeleton" style={{ height: '8rem' }} />
      )}
      <CalendarLink me={me} />
    </section>
  );
}

function ReminderForm({ me, stored }: { me: UserDto; stored: ReminderSettings }) {
  const [form, setForm] = useState<ReminderSettings>(() => initialForm(stored));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState('');
  const id = useId();
  const zones = useMemo(() => {
    const list = listedTimeZones();
    return list.includes(form.timeZone) ? list : [...list, form.timeZone].sort();
  }, [form.timeZone]);
  const offered = EMAIL_OPTIONS_BY_ROLE[me.role];

  const save = useGuardedMutation(
    trpc.reminder.set.mutationOptions({
      onSuccess: (result) => {
        if (!result.enabled) return setSaved('Saved. Reminders are off.');
        const next = nextReminderText(result);
        setSaved(next ? `Saved. Your next reminder: ${next}.` : 'Saved.');
      },
    }),
  );
  // A change after saving makes "Saved" untrue until the next save.
  const change = <K extends keyof ReminderSettings>(key: K, value: ReminderSettings[K]) => {
    setSaved('');
    setForm((current) => ({ ...current, [key]: value }));
  };
  const changeEmail = (option: keyof ReminderEmailOptions, on: boolean) => {
    setSaved('');
    setForm((current) => ({ ...current, email: { ...current.email, [option]: on } }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = reminderSettingsSchema.safeParse(form);
    if (!parsed.success) {
      save.reset();
      return setErrors(flattenFieldErrors(parsed.error));
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  return (
    <form onSubmit={submit} noValidate className="stack">
      <div className="field">
        <label className="choice" htmlFor={`${id}-enabled`}>
          <input
            id={`${id}-enabled`}
            type="checkbox"
            role="switch"
            checked={form.enabled}
            onChange={(e) => change('enabled', e.target.checked)}
          />
          <span>
            <strong>Weekly reminder</strong>
            <br />
            <span className="muted small">
              {form.enabled
                ? 'On: Tandem shows when the next one is due.'
                : 'Off: no weekly reminder. The emails below follow their own boxes.'}
            </span>
          </span>
        </label>
      </div>
      <div className="field">
        <label htmlFor={`${id}-weekday`}>Day</label>
        <select
          id={`${id}-weekday`}
          value={form.weekday}
          onChange={(e) => change('weekday', Number(e.target.value) as ReminderSettings['weekday'])}
        >
          {WEEKDAYS.map((day) => (
            <option key={day} value={day}>
              {WEEKDAY_NAMES[day]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-time`}>Time</label>
        <input
          id={`${id}-time`}
          type="time"
          value={form.time}
          required
          aria-describedby={errors.time ? `${id}-time-error` : undefined}
          onChange={(e) => change('time', e.target.value)}
        />
        {errors.time && (
          <span id={`${id}-time-error`} className="field-error">
            {errors.time}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-zone`}>Time zone</label>
        <span className="field-hint" id={`${id}-zone-hint`}>
          The reminder follows your local time, summer and winter.
        </span>
        <select
          id={`${id}-zone`}
          value={form.timeZone}
          aria-describedby={`${id}-zone-hint`}
          onChange={(e) => change('timeZone', e.target.value)}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>Email</legend>
        <p className="field-hint">
          Email goes only to an address you have confirmed, and only if this Tandem server is set up to send it. It
          never holds your ratings or notes.
        </p>
        <div className="choice-list">
          {offered.map((option) => (
            <label key={option} className="choice" htmlFor={`${id}-${option}`}>
              <input
                id={`${id}-${option}`}
                type="checkbox"
                checked={form.email[option]}
                onChange={(e) => changeEmail(option, e.target.checked)}
              />
              <span>{emailLabel(option, me.role)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormError error={save.error} />
      <div className="button-row">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save reminders'}
        </button>
      </div>
      <p className="small" role="status">
        {saved}
      </p>
    </form>
  );
}
