import { useEffect, useRef, useState, type RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { MeasureAssignmentDto } from '#shared/schemas/measure.schema';
import { ConfirmButtons } from '#client/components/confirm-buttons';
import { ConfirmDialog } from '#client/components/confirm-dialog';
import { FormError } from '#client/components/form-error';
import { noteDate } from '#client/features/coach/coach-notes';
import { showsAnswer } from '#client/lib/errors';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { weekLabel } from '#client/lib/weeks';
import { trpc } from '#client/trpc';
import { CoachMeasureAssignForm } from './coach-measure-assign-form';
import { MeasureChart } from './measure-chart';
import { MeasurePartnerSummary } from './measure-partner-summary';
import { everyText } from './measure-wording';

/** The couple page's measures: assigning one, and each assignment's chart and reading, current ones first. */
export function CoachMeasuresSection({ coupleId }: { coupleId: string }) {
  const assignments = useQuery(trpc.measure.assignments.queryOptions({ coupleId }));
  const list = [...(assignments.data ?? [])].sort(
    (a, b) => Number(a.endedAt !== null) - Number(b.endedAt !== null) || b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <section className="stack measures-section" aria-labelledby="measures-heading">
      <div className="card stack">
        <h2 id="measures-heading">Measures</h2>
        <p className="muted small">
          Your own questionnaires for them, on a schedule. Each partner’s score is hidden from you and from the other
          until both have answered the period, or it has ended.
        </p>
        <CoachMeasureAssignForm coupleId={coupleId} />
      </div>
      {assignments.isPending ? (
        <div className="skeleton" style={{ height: '20rem' }} />
      ) : (
        list.map((assignment) => (
          <CoachMeasureAssignment key={assignment.assignmentId} coupleId={coupleId} assignment={assignment} />
        ))
      )}
    </section>
  );
}

/** Whether the element has come near the screen: a chart below the fold loads and mounts only then. */
function useNearScreen(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: '300px 0px',
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, ref]);
  return near;
}

function CoachMeasureAssignment({ coupleId, assignment: a }: { coupleId: string; assignment: MeasureAssignmentDto }) {
  const card = useRef<HTMLElement>(null);
  const near = useNearScreen(card);
  const results = useQuery({
    ...trpc.measure.results.queryOptions({ coupleId, assignmentId: a.assignmentId }),
    enabled: near,
  });
  const [asking, setAsking] = useState(false);
  const stop = useGuardedMutation(trpc.measure.unassign.mutationOptions({ onSuccess: () => setAsking(false) }));
  const ended = a.endedAt !== null;
  return (
    <article ref={card} className="card stack measure-assignment" aria-label={a.measureName}>
      <div className="chart-header">
        <h3>
          <bdi>{a.measureName}</bdi>
        </h3>
        {!ended && (
          <button type="button" className="button button-secondary" onClick={() => setAsking(true)}>
            Stop<span className="visually-hidden"> {a.measureName}</span>
          </button>
        )}
      </div>
      <p className="small muted">
        {everyText(a.everyWeeks).replace(/^e/, 'E')}, from the {weekLabel(a.startWeek).replace('Week', 'week')}.{' '}
        {a.visibleToCouple ? 'The couple sees their scores.' : 'Only you see the scores.'}
        {ended && a.endedAt && ` Stopped on ${noteDate(a.endedAt)}.`}
      </p>
      {!showsAnswer(results) ? (
        results.isError ? (
          <FormError error={results.error} />
        ) : (
          // Holds the reading's and the chart's room while they load, so the page does not jump.
          <div className="skeleton measure-placeholder" />
        )
      ) : (
        <>
          <MeasurePartnerSummary results={results.data} />
          <MeasureChart results={results.data} />
        </>
      )}
      <ConfirmDialog open={asking} title={`Stop “${a.measureName}” for them?`} onClose={() => setAsking(false)}>
        <p>They are no longer asked to answer it. Their past answers and this chart stay.</p>
        <FormError error={stop.error} />
        <ConfirmButtons
          keepLabel="Keep it going"
          actLabel="Stop"
          pendingLabel="Stopping…"
          pending={stop.isPending}
          onKeep={() => setAsking(false)}
          onAct={() => stop.mutate({ assignmentId: a.assignmentId })}
        />
      </ConfirmDialog>
    </article>
  );
}
