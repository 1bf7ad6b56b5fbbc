import { Link } from '@tanstack/react-router';
import { checkInSentence } from '#shared/domain/check-in-status';
import type { WeekStatusDto } from '#shared/schemas/assessment.schema';
import { weekLabel } from '#client/lib/weeks';
import { NextReminder } from '#client/features/reminders/next-reminder';
import { PartnerName } from './partner-identity';

/** Who has checked in this week, the couple's rhythm, and what to do next. Says nothing of what anyone rated. */
export function ThisWeekCard({
  status,
  viewerId,
  streak,
}: {
  status: WeekStatusDto;
  viewerId: string;
  streak: number;
}) {
  const me = status.partners.find((p) => p.userId === viewerId);
  const mineDone = me?.submitted ?? false;
  const message = checkInSentence(status.partners, { role: 'partner', userId: viewerId });

  return (
    <section className="card" aria-labelledby="this-week-heading">
      <h2 id="this-week-heading">This week</h2>
      <p className="muted small">{weekLabel(status.week)}</p>
      <ul className="status-list">
        {status.partners.map((p, index) => (
          <li key={p.userId}>
            <PartnerName index={index} name={p.userId === viewerId ? `${p.displayName} (you)` : p.displayName} />
            <span className={p.submitted ? '' : 'muted'}>{p.submitted ? 'checked in' : 'not yet'}</span>
          </li>
        ))}
      </ul>
      <p>{message}</p>
      {status.partners.length > 1 && (
        <p className="streak">
          {streak > 1
            ? `You have both checked in ${streak} weeks in a row.`
            : streak === 1
              ? 'You both checked in last time. Keep the rhythm going.'
              : 'A new rhythm starts with one week you both check in.'}
        </p>
      )}
      <NextReminder />
      <Link className={mineDone ? 'button button-secondary' : 'button'} to="/check-in" search={{ week: status.week }}>
        {mineDone ? 'Edit my check-in' : 'Check in now'}
      </Link>
    </section>
  );
}
