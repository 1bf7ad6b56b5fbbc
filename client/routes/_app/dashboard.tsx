import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { createFileRoute, Link, redirect } from '@tanstack/react-router';
import * as z from 'zod/mini';
import { rangeSchema } from '#shared/schemas/dashboard.schema';
import { weekSchema } from '#shared/schemas/common.schema';
import { PageLoading } from '#client/components/page-loading';
import { PartnerInvite } from '#client/features/couple/partner-invite';
import { WhatChangedCard } from '#client/features/activity/activity-feed';
import { chartReader, drawnSeries } from '#client/features/dashboard/charts/chart-format';
import { ConnectionChart, preloadConnectionPlot } from '#client/features/dashboard/charts/connection-chart';
import { FirstWeeksCard } from '#client/features/dashboard/first-weeks-card';
import { GapsCard } from '#client/features/dashboard/gaps-card';
import { FocusCard } from '#client/features/dashboard/focus-card';
import { PracticeGrid } from '#client/features/dashboard/practice-grid';
import { preloadWheelPlot, WheelChart } from '#client/features/dashboard/charts/wheel-chart';
import { later, onFirstUse } from '#client/features/dashboard/charts/chart-later';
import { RangeSwitch } from '#client/features/dashboard/range-switch';
import { SideBySide } from '#client/features/dashboard/side-by-side';
import { ThisWeekCard } from '#client/features/dashboard/this-week-card';
import { partnerLabels } from '#client/features/dashboard/viewer-names';
import { CheckInMeasureWaiting } from '#client/features/measures/check-in-measure-waiting';
import { localWeek, weekLabel } from '#client/lib/weeks';
import { trpc } from '#client/trpc';

/** Below the fold, with a chart library of its own: fetched after the page has painted. */
const { Later: CoupleMeasuresSection } = later(() =>
  import('#client/features/measures/couple-measures-section').then((m) => m.CoupleMeasuresSection),
);

/**
 * A phone's first screen holds the focus card, this week and the gaps: there the connection chart is further down and
 * is drawn as it comes near. On a wider screen it is part of the first screen, drawn with it.
 */
const onPhone = () => typeof matchMedia === 'function' && matchMedia('(max-width: 639.98px)').matches;

export const Route = createFileRoute('/_app/dashboard')({
  // The loader stays with the route's definition rather than in the page's chunk: the dashboard's data is asked for
  // as the chunk starts downloading, not after it has arrived.
  codeSplitGroupings: [['component'], ['errorComponent'], ['notFoundComponent']],
  validateSearch: z.object({
    range: z.catch(z.optional(rangeSchema), undefined),
    saved: z.catch(z.optional(weekSchema), undefined),
  }),
  beforeLoad: ({ context }) => {
    if (context.me.role === 'coach') throw redirect({ to: '/coach' });
  },
  loaderDeps: ({ search }) => ({ range: search.range ?? '12w' }),
  loader: async ({ context, deps }) => {
    await Promise.all([
      context.queryClient.ensureQueryData(context.trpc.assessment.weekStatus.queryOptions({ week: localWeek() })),
      context.queryClient.ensureQueryData(context.trpc.dashboard.get.queryOptions({ range: deps.range })),
      context.queryClient.ensureQueryData(context.trpc.suggestion.next.queryOptions()),
      context.queryClient.ensureQueryData(context.trpc.focus.list.queryOptions()),
    ]);
  },
  component: DashboardPage,
});

function DashboardPage() {
  const { me: initial } = Route.useRouteContext();
  const me = useQuery(trpc.auth.me.queryOptions()).data ?? initial;
  const { saved, range = '12w' } = Route.useSearch();
  const status = useQuery(trpc.assessment.weekStatus.queryOptions({ week: localWeek() }));
  const dashboard = useQuery(trpc.dashboard.get.queryOptions({ range }));
  const suggestion = useQuery(trpc.suggestion.next.queryOptions());
  const focus = useQuery(trpc.focus.list.queryOptions());
  // The charts' code below the fold is fetched as soon as someone starts using the page, not with it: ready before they
  // scroll (or print) that far, and never fetched by a visit that only reads the first screen.
  useEffect(
    () =>
      onFirstUse(() => {
        preloadConnectionPlot().catch(() => {});
        preloadWheelPlot().catch(() => {});
      }),
    [],
  );

  if (!status.data || !dashboard.data) return <PageLoading />;
  const data = dashboard.data;
  const labels = partnerLabels(data.partners, me.id);
  const reader = chartReader(labels, data);
  const drawn = drawnSeries(data);
  const partnerMissing = data.partners.length < 2;

  return (
    <div className="stack">
      <header className="page-header">
        <div>
          <h1>
            Hello, <bdi>{me.displayName}</bdi>
          </h1>
          <p className="page-intro">
            {partnerMissing
              ? 'Tandem is a weekly check-in for the two of you.'
              : 'Here is how the two of you have been doing.'}
          </p>
        </div>
        <RangeSwitch value={range} to="/dashboard" firstWeek={data.firstWeek} thisWeek={data.toWeek} />
      </header>
      {saved && (
        <p className="notice notice-success" role="status">
          Check-in saved for the {weekLabel(saved).replace('Week', 'week')}. Thank you for taking the time.
        </p>
      )}
      {me.coupleId !== null && <CheckInMeasureWaiting />}
      {suggestion.data && (
        <FocusCard
          suggestion={suggestion.data}
          week={status.data.week}
          focus={focus.data?.current}
          viewerId={me.id}
          canAdopt={me.coupleId !== null}
        />
      )}
      <div className="grid grid-2">
        <ThisWeekCard status={status.data} viewerId={me.id} streak={data.rhythm.streak} />
        {partnerMissing && <PartnerInvite />}
        {!partnerMissing && !data.isEmpty && <GapsCard rows={data.sideBySide} labels={labels} />}
      </div>
      <WhatChangedCard inCouple={me.coupleId !== null} />
      {data.isEmpty ? (
        <section className="card empty-state">
          <h2>Your charts start with your first check-in</h2>
          <p className="muted">
            No check-ins {range === 'all' ? 'yet' : 'in this period yet'}. The first one takes about two minutes; after
            a few weeks you will see how each practice moves, for each of you.
          </p>
          <div className="button-row">
            <Link className="button" to="/check-in">
              Check in now
            </Link>
            {range !== 'all' && (
              <Link className="button button-secondary" to="/dashboard" search={{ range: 'all' }}>
                Show all time
              </Link>
            )}
          </div>
        </section>
      ) : (
        <>
          {data.firstWeeks !== null ? (
            <FirstWeeksCard weeks={data.firstWeeks} reader="partner" paired={!partnerMissing} />
          ) : (
            <ConnectionChart
              points={drawn.connection}
              reader={reader}
              monthly={data.granularity === 'month'}
              bands={drawn.focusBands}
              deferred={onPhone()}
            />
          )}
          {!partnerMissing && (
            <SideBySide rows={data.sideBySide} reader={reader} changedLate={data.changedAfterBothAnswered} />
          )}
          <WheelChart wheel={data.wheel} reader={reader} deferred />
          {data.firstWeeks === null && (
            <PracticeGrid practices={drawn.practices} reader={reader} bands={drawn.focusBands} deferred />
          )}
        </>
      )}
      {/* Below the fold: its code and list come after the first paint, each chart's scores only as it nears the screen. */}
      {me.coupleId !== null && <CoupleMeasuresSection viewerId={me.id} />}
    </div>
  );
}
