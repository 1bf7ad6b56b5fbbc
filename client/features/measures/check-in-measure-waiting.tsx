import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { listNames } from '#shared/wording';
import { trpc } from '#client/trpc';
import { measureSectionId, periodLastDayText } from './partner-measure-format';

/**
 * On the dashboard, while a measure the coach asked for is still unanswered this period: one line and a way back to
 * it. Saving the ten practices leads here, so a measure below them on the check-in page is never quietly left behind.
 * Nothing while none is waiting.
 */
export function CheckInMeasureWaiting() {
  const due = useQuery(trpc.measure.due.queryOptions());
  const waiting = due.data?.filter((d) => d.status === 'open') ?? [];
  const first = waiting[0];
  if (!first) return null;
  const names = listNames([...new Set(waiting.map((d) => d.measure.name))]);
  return (
    <section className="card check-in-measure-waiting" aria-labelledby="measure-waiting-heading">
      <h2 id="measure-waiting-heading">
        {waiting.length === 1 ? 'A questionnaire for you' : 'Questionnaires for you'}
      </h2>
      <p>
        {first.coachName ? <bdi>{first.coachName}</bdi> : 'Your coach'} asked you to answer <bdi>{names}</bdi>, after
        the ten practices on the check-in page. You can answer until {periodLastDayText(first.periodEndWeek)}.
      </p>
      <Link className="button button-secondary" to="/check-in" hash={measureSectionId(first)}>
        {waiting.length === 1 ? 'Answer it now' : 'Answer them now'}
      </Link>
    </section>
  );
}
