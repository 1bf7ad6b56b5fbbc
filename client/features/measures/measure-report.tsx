import { useQuery } from '@tanstack/react-query';
import type { MeasureAssignmentDto } from '#shared/schemas/measure.schema';
import { formatNumber } from '#shared/wording';
import { trpc } from '#client/trpc';
import { MeasureChart } from './measure-chart';
import { measurePoints } from './measure-chart-data';
import { MeasurePartnerSummary } from './measure-partner-summary';
import { MeasureTable } from './measure-table';
import { cutoffText, everyText } from './measure-wording';

/** The printable report's measures: for each, the reading per partner, the chart and every period's scores. */
export function MeasureReport({ coupleId }: { coupleId: string }) {
  const assignments = useQuery(trpc.measure.assignments.queryOptions({ coupleId }));
  if (!assignments.data || assignments.data.length === 0) return null;
  return (
    <>
      {assignments.data.map((a) => (
        <MeasureReportCard key={a.assignmentId} coupleId={coupleId} assignment={a} />
      ))}
    </>
  );
}

function MeasureReportCard({ coupleId, assignment }: { coupleId: string; assignment: MeasureAssignmentDto }) {
  const results = useQuery(trpc.measure.results.queryOptions({ coupleId, assignmentId: assignment.assignmentId }));
  const headingId = `measure-report-${assignment.assignmentId}`;
  const data = results.data;
  return (
    <section className="card stack measure-report" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Measure: <bdi>{assignment.measureName}</bdi>
      </h2>
      {!data ? (
        <p className="muted">{results.isError ? 'These scores could not be loaded.' : 'Loading scores…'}</p>
      ) : (
        <>
          <p className="small muted">
            {everyText(data.everyWeeks).replace(/^e/, 'E')}; {data.measure.scoring === 'sum' ? 'sum' : 'mean'} of the
            answers, from {formatNumber(data.measure.scoreRange.min)} to {formatNumber(data.measure.scoreRange.max)}.{' '}
            {data.cutoff ? `Cut-off: ${cutoffText(data.cutoff)}.` : 'No cut-off set.'}
            {data.endedAt ? ' No longer assigned.' : ''}
          </p>
          <MeasurePartnerSummary results={data} />
          <MeasureChart results={data} withItems={false} />
          <div className="measure-report-table">
            <h3>Scores by period</h3>
            <MeasureTable results={data} points={measurePoints(data)} withItems={false} />
          </div>
        </>
      )}
    </section>
  );
}
