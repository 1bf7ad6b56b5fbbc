import { Link } from '@tanstack/react-router';
import type { WeekStatusDto } from '#shared/schemas/assessment.schema';
import { weekLabel } from '#client/lib/weeks';
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
  const partner = status.partners.find((p) => p.userId !== viewerId);
  const mineDone = me?.submitted ?? false;

  let message: string;
  if (!partner) message = mineDone ? "You've checked in this week." : "You haven't checked in this week yet.";
  else if (mineDone && partner.submitted)
    message = "You've both checked in this week. Your ratings are now visible to each other.";
  else if (mineDone)
    message = `You've checked in. ${partner.displayName}'s turn; you'll see each other's ratings once you both have.`;
  else if (partner.submitted)
    message = `${partner.displayName} has checked in. Their ratings show once you have too, so neither of you is swayed by the other.`;
  else message = 'Neither of you has checked in yet this week. It takes about two minutes.';

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
      <Link className={mineDone ? 'button button-secondary' : 'button'} to="/check-in" search={{ week: status.week }}>
        {mineDone ? 'Edit my check-in' : 'Check in now'}
      </Link>
    </section>
  );
}
