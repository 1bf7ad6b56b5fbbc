import { useEffect, useRef, type MouseEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { DueMeasureDto } from '#shared/schemas/measure.schema';
import { listNames } from '#shared/wording';
import { showsAnswer } from '#client/lib/errors';
import { trpc } from '#client/trpc';
import { CheckInMeasureSection } from './check-in-measure-section';
import { measureSectionId } from './partner-measure-format';

/** Takes the person to a measure's section: its heading gets the focus (and so comes into view). */
function goToSection(due: Pick<DueMeasureDto, 'assignmentId' | 'period'>) {
  document.getElementById(`${measureSectionId(due)}-heading`)?.focus();
}

/**
 * The measures a coach asked this partner to answer now, each its own section after the ten practices. Nothing at all
 * while none is due: most weeks the check-in page is the ten practices alone.
 */
export function CheckInMeasures({ userId }: { userId: string }) {
  const due = useQuery(trpc.measure.due.queryOptions());
  const arrived = useRef(false);

  // A link from elsewhere (the dashboard's reminder) names a section in the address: go there once it is drawn.
  useEffect(() => {
    if (arrived.current || !due.data) return;
    arrived.current = true;
    const target = due.data.find((d) => `#${measureSectionId(d)}` === window.location.hash);
    if (target) goToSection(target);
  }, [due.data]);

  if (!showsAnswer(due)) {
    if (!due.isError) return null;
    return (
      <p className="notice notice-error" role="alert">
        We couldn't load the questions your coach asked you to answer. Reload the page to try again.
      </p>
    );
  }
  if (due.data.length === 0) return null;
  return (
    <div className="stack check-in-measures">
      {due.data.map((d) => (
        <CheckInMeasureSection key={`${d.assignmentId}:${d.period}`} due={d} userId={userId} />
      ))}
    </div>
  );
}

/**
 * A line at the top of the check-in page when a measure is still to be answered: the ten practices' own save leads
 * away to the dashboard, so the person learns first that there is something more further down.
 */
export function CheckInMeasuresPointer() {
  const due = useQuery(trpc.measure.due.queryOptions());
  const waiting = due.data?.filter((d) => d.status === 'open') ?? [];
  const first = waiting[0];
  if (!first) return null;
  const names = listNames([...new Set(waiting.map((d) => d.measure.name))]);
  const onClick = (event: MouseEvent) => {
    event.preventDefault();
    goToSection(first);
  };
  return (
    <p className="notice check-in-measure-pointer">
      Your coach also asked you to answer <bdi>{names}</bdi> this time. It has its own section and its own button, after
      the ten practices.{' '}
      <a href={`#${measureSectionId(first)}`} onClick={onClick}>
        Go to {waiting.length === 1 ? 'it' : 'the first'}
      </a>
    </p>
  );
}
