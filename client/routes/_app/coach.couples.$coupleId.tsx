import { useQuery } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import * as z from 'zod/mini';
import { checkInSentence } from '#shared/domain/check-in-status';
import { rangeSchema } from '#shared/schemas/dashboard.schema';
import { PageLoading } from '#client/components/page-loading';
import { AssignFocusForm } from '#client/features/coach/assign-focus-form';
import { CoachNotes } from '#client/features/coach/coach-notes';
import { SharedWithYou } from '#client/features/coach/shared-with-you';
import { CoupleActivity } from '#client/features/activity/activity-feed';
import { CsvDownload } from '#client/features/coach/csv-download';
import { loadIfShared } from '#client/features/coach/load-if-shared';
import { CoupleNotShared } from '#client/features/coach/no-access';
import { chartReader, drawnSeries } from '#client/features/dashboard/charts/chart-format';
import { ConnectionChart } from '#client/features/dashboard/charts/connection-chart';
import { WheelChart } from '#client/features/dashboard/charts/wheel-chart';
import { FirstWeeksCard } from '#client/features/dashboard/first-weeks-card';
import { FocusCard } from '#client/features/dashboard/focus-card';
import { PracticeGrid } from '#client/features/dashboard/practice-grid';
import { RangeSwitch } from '#client/features/dashboard/range-switch';
import { SideBySide } from '#client/features/dashboard/side-by-side';
import { partnerLabels } from '#client/features/dashboard/viewer-names';
import { CoachMeasuresSection } from '#client/features/measures/coach-measures-section';
import { MeasureCsvDownload } from '#client/features/measures/measure-csv-download';
import { localWeek } from '#client/lib/weeks';
import { trpc } from '#client/trpc';

export const Route = createFileRoute('/_app/coach/couples/$coupleId')({
  validateSearch: z.object({ range: z.catch(z.optional(rangeSchema), undefined) }),
  loaderDeps: ({ search }) => ({ range: search.range ?? '12w' }),
  loader: ({ context, params: { coupleId }, deps }) =>
    loadIfShared(() =>
      Promise.all([
        // The consent check: always asked again, never answered from the cache.
        context.queryClient.fetchQuery({ ...context.trpc.couple.get.queryOptions({ coupleId }), staleTime: 0 }),
        context.queryClient.ensureQueryData(context.trpc.dashboard.get.queryOptions({ coupleId, range: deps.range })),
        context.queryClient.ensureQueryData(context.trpc.suggestion.next.queryOptions({ coupleId })),
        context.queryClient.ensureQueryData(context.trpc.focus.list.queryOptions({ coupleId })),
      ]),
    ),
  component: CouplePage,
});

function CouplePage() {
  return Route.useLoaderData().notShared ? <CoupleNotShared /> : <SharedCouplePage />;
}

function SharedCouplePage() {
  const { me } = Route.useRouteContext();
  const { coupleId } = Route.useParams();
  const { range = '12w' } = Route.useSearch();
  const couple = useQuery(trpc.couple.get.queryOptions({ coupleId }));
  const dashboard = useQuery(trpc.dashboard.get.queryOptions({ coupleId, range }));
  const suggestion = useQuery(trpc.suggestion.next.queryOptions({ coupleId }));
  const focus = useQuery(trpc.focus.list.queryOptions({ coupleId }));
  const measures = useQuery(trpc.measure.assignments.queryOptions({ coupleId }));
  if (!couple.data || !dashboard.data) return <PageLoading />;

  const data = dashboard.data;
  const labels = partnerLabels(data.partners, me.id);
  const reader = chartReader(labels, data);
  const drawn = drawnSeries(data);
  const title = couple.data.partners.map((p) => p.displayName).join(' & ');
  const fileStem = `tandem-${title.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}`;
  const thisWeek = data.partners.map((p, i) => ({ ...p, submitted: data.rhythm.submittedThisWeek[i] ?? false }));

  return (
    <div className="stack">
      <p className="small">
        <Link to="/coach">← All your couples</Link>
      </p>
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="page-intro">
            Their dashboard as they see it, read-only. Their private notes and reflections stay theirs.
          </p>
          <p className="this-week-line">{checkInSentence(thisWeek, { role: 'coach' })}</p>
        </div>
        <RangeSwitch value={range} to="/coach/couples/$coupleId" firstWeek={data.firstWeek} thisWeek={data.toWeek} />
      </header>
      <div className="button-row">
        <Link className="button button-secondary" to="/coach/couples/$coupleId/report" params={{ coupleId }}>
          Progress report
        </Link>
        <CsvDownload coupleId={coupleId} fileName={`${fileStem}-ratings.csv`} />
        {(measures.data?.length ?? 0) > 0 && (
          <MeasureCsvDownload coupleId={coupleId} fileName={`${fileStem}-measures.csv`} />
        )}
      </div>
      {suggestion.data && (
        <FocusCard
          suggestion={suggestion.data}
          week={localWeek()}
          focus={focus.data?.current}
          viewerId={me.id}
          canAdopt={false}
          reader="coach"
        />
      )}
      <div className="grid grid-2">
        <AssignFocusForm coupleId={coupleId} />
        <CoachNotes coupleId={coupleId} />
      </div>
      <div className="grid grid-2">
        <SharedWithYou coupleId={coupleId} />
        <CoupleActivity coupleId={coupleId} />
      </div>
      {data.isEmpty ? (
        <section className="card empty-state">
          <h2>No check-ins in this period</h2>
          <p className="muted">Once they check in, their charts appear here.</p>
        </section>
      ) : (
        <>
          {data.firstWeeks !== null ? (
            <FirstWeeksCard weeks={data.firstWeeks} reader="coach" paired={data.partners.length > 1} />
          ) : (
            <ConnectionChart
              points={drawn.connection}
              reader={reader}
              monthly={data.granularity === 'month'}
              bands={drawn.focusBands}
            />
          )}
          {data.partners.length > 1 && (
            <SideBySide rows={data.sideBySide} reader={reader} changedLate={data.changedAfterBothAnswered} />
          )}
          <WheelChart wheel={data.wheel} reader={reader} />
          {data.firstWeeks === null && (
            <PracticeGrid practices={drawn.practices} reader={reader} bands={drawn.focusBands} />
          )}
        </>
      )}
      <CoachMeasuresSection coupleId={coupleId} />
    </div>
  );
}
