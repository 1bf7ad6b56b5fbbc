import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { MeasureAssignmentDto, MeasureResultsDto } from '#shared/schemas/measure.schema';
import { useNearViewport } from '#client/components/near-viewport';
import { ChartFrame } from '#client/features/dashboard/charts/chart-frame';
import { ChartLegend } from '#client/features/dashboard/charts/chart-legend';
import { later } from '#client/features/dashboard/charts/chart-later';
import { partnerLabels, possessive, type PartnerLabels } from '#client/features/dashboard/viewer-names';
import { errorMessage } from '#client/lib/errors';
import { trpc } from '#client/trpc';
import { everyText, formatScore, measureRows, periodShortText } from './partner-measure-format';

/**
 * The chart and its table come with the charting library, fetched only once a measure's card nears the screen; the
 * card waits for both, so "Show as table" answers at once.
 */
const chart = later(() => import('./couple-measure-chart').then((m) => m.CoupleMeasureChart));
const table = later(() => import('./couple-measure-chart').then((m) => m.CoupleMeasureTable));
const { Later: CoupleMeasureChart } = chart;
const { Later: CoupleMeasureTable } = table;
const chartCodeLoaded = () => chart.isLoaded() && table.isLoaded();

/**
 * "Your measures" on a partner's dashboard: the questionnaires a coach asked the couple to answer and chose to show
 * them. The server lists only those (`measure.assignments` as a partner), so a couple without any sees nothing here and
 * asks for nothing more. Each measure's scores are fetched only as its card comes near the screen: the section sits
 * below the fold and must not hold up the dashboard's first paint.
 */
export function CoupleMeasuresSection({ viewerId }: { viewerId: string }) {
  const assignments = useQuery(trpc.measure.assignments.queryOptions());
  const list = [...(assignments.data ?? [])].sort(
    // Those still running first, then the newest.
    (a, b) => Number(a.endedAt !== null) - Number(b.endedAt !== null) || b.createdAt.localeCompare(a.createdAt),
  );
  if (list.length === 0) return null;
  return (
    <section className="couple-measures" aria-labelledby="your-measures-heading">
      <h2 id="your-measures-heading">Your measures</h2>
      <p className="muted couple-measures-intro">
        Questionnaires your coach asked you both to answer, shown here because they chose to share the scores with you.
        Each of you answers for yourself; a period's scores appear once you have both answered it, or once it has ended.
      </p>
      <div className="grid grid-2">
        {list.map((assignment) => (
          <CoupleMeasureCard key={assignment.assignmentId} assignment={assignment} viewerId={viewerId} />
        ))}
      </div>
    </section>
  );
}

function CoupleMeasureCard({ assignment, viewerId }: { assignment: MeasureAssignmentDto; viewerId: string }) {
  const placeholder = useRef<HTMLElement>(null);
  const near = useNearViewport(placeholder);
  const results = useQuery({
    ...trpc.measure.results.queryOptions({ assignmentId: assignment.assignmentId }),
    enabled: near,
  });
  const [codeReady, setCodeReady] = useState(chartCodeLoaded);
  useEffect(() => {
    if (!near || codeReady) return;
    let live = true;
    // A failed fetch still shows the card: its chart is tried again as it mounts, and the words are there meanwhile.
    const done = () => live && setCodeReady(true);
    Promise.all([chart.preload(), table.preload()]).then(done, done);
    return () => {
      live = false;
    };
  }, [near, codeReady]);

  if (!results.data || !codeReady) {
    // Holds the card's size while it waits, so the page does not jump when the chart arrives.
    return (
      <section ref={placeholder} className="card chart-card" aria-labelledby={`${assignment.assignmentId}-waiting`}>
        <h3 id={`${assignment.assignmentId}-waiting`} dir="auto">
          {assignment.measureName}
        </h3>
        {results.isError ? (
          <p className="notice notice-error" role="alert">
            We couldn't load these scores. {errorMessage(results.error)}
          </p>
        ) : (
          <div className="skeleton chart-box couple-measure-chart-box" aria-hidden="true" />
        )}
      </section>
    );
  }
  return <CoupleMeasureResults assignment={assignment} results={results.data} viewerId={viewerId} />;
}

/** "Your latest score: 12 · Blake's latest score: 9": each score its owner's, the reader's first, never a winner. */
function latestScoresText(results: MeasureResultsDto, labels: PartnerLabels): string | null {
  const slots = results.partners.map((_, slot) => slot);
  const ordered = labels.viewerSlot >= 0 ? [labels.viewerSlot, ...slots.filter((s) => s !== labels.viewerSlot)] : slots;
  const parts = ordered.flatMap((slot) => {
    const latest = results.partners[slot]?.summary.latest;
    return latest == null ? [] : [`${possessive(labels, slot)} latest score: ${formatScore(latest)}`];
  });
  return parts.length > 0 ? parts.join(' · ') : null;
}

function CoupleMeasureResults({
  assignment,
  results,
  viewerId,
}: {
  assignment: MeasureAssignmentDto;
  results: MeasureResultsDto;
  viewerId: string;
}) {
  const labels = partnerLabels(results.partners, viewerId);
  const rows = measureRows(results);
  const latest = latestScoresText(results, labels);
  const { min, max } = results.measure.scoreRange;
  const asker = assignment.coachName ? `Asked by ${assignment.coachName}` : 'Asked by your coach';
  const schedule = `${everyText(results.everyWeeks).toLowerCase()} since ${periodShortText(results.startWeek)}`;
  return (
    <ChartFrame
      title={results.measure.name}
      headingLevel={3}
      className="couple-measure-card"
      description={
        <>
          <p>
            {asker}, {schedule}
            {results.endedAt ? '; no longer asked' : ''}. Scores run from {formatScore(min)} to {formatScore(max)}.
          </p>
          <p className="couple-measure-latest">
            {latest ??
              'No scores to show yet. A period’s scores appear here once you have both answered it, or once it has ended.'}
          </p>
        </>
      }
      table={
        <CoupleMeasureTable
          rows={rows}
          labels={labels}
          everyWeeks={results.everyWeeks}
          caption={`${results.measure.name}: each of your scores by period, newest first`}
        />
      }
    >
      <ChartLegend labels={labels} />
      <CoupleMeasureChart
        rows={rows}
        labels={labels}
        range={results.measure.scoreRange}
        everyWeeks={results.everyWeeks}
      />
    </ChartFrame>
  );
}
