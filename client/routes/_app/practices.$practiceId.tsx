import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { createFileRoute, Link, notFound } from '@tanstack/react-router';
import * as z from 'zod/mini';
import { isPracticeId, type PracticeId } from '#shared/practice-ids';
import { PRACTICES_BY_ID } from '#shared/practices';
import { rangeSchema, type DashboardDto, type DashboardRange } from '#shared/schemas/dashboard.schema';
import { ChartFrame } from '#client/features/dashboard/charts/chart-frame';
import { chartReader, drawnSeries } from '#client/features/dashboard/charts/chart-format';
import { ChartLegend } from '#client/features/dashboard/charts/connection-chart';
import { FocusLegend } from '#client/features/dashboard/charts/focus-bands';
import { PracticeLines, PracticeTable } from '#client/features/dashboard/charts/practice-chart';
import { FocusHistory } from '#client/features/focus/focus-history';
import { ReflectionSection } from '#client/features/reflections/reflection-section';
import { RangeSwitch } from '#client/features/dashboard/range-switch';
import { partnerLabels } from '#client/features/dashboard/viewer-names';
import { showsAnswer } from '#client/lib/errors';
import { trpc } from '#client/trpc';

export const Route = createFileRoute('/_app/practices/$practiceId')({
  validateSearch: z.object({ range: z.catch(z.optional(rangeSchema), undefined) }),
  // The catalogue's text is read in the component, so it loads with this page rather than with the login page.
  loader: ({ params }) => {
    if (!isPracticeId(params.practiceId)) throw notFound();
    return { practiceId: params.practiceId };
  },
  component: PracticePage,
});

function PracticePage() {
  const practice = PRACTICES_BY_ID[Route.useLoaderData().practiceId];
  const { me } = Route.useRouteContext();
  const { range = '12w' } = Route.useSearch();
  const dashboard = useQuery({ ...trpc.dashboard.get.queryOptions({ range }), enabled: me.role === 'partner' });
  const partnerName = dashboard.data?.partners.find((p) => p.userId !== me.id)?.displayName ?? null;

  return (
    <article className="medium stack">
      <p className="small">
        <Link to="/dashboard">Dashboard</Link> / Practices
      </p>
      <header>
        <h1>{practice.name}</h1>
        <p className="page-intro">{practice.summary}</p>
      </header>
      <section className="card">
        <h2>What it looks like</h2>
        <p>{practice.inDailyLife}</p>
        <h2>Why it matters</h2>
        <p>{practice.whyItMatters}</p>
      </section>
      <section className="card" aria-labelledby="exercises-heading">
        <h2 id="exercises-heading">Things to try this week</h2>
        <ol className="exercise-list">
          {practice.exercises.map((exercise) => (
            <li key={exercise.title}>
              <h3>
                {exercise.title} <span className="muted small">· about {exercise.minutes} minutes</span>
              </h3>
              <p>{exercise.steps}</p>
            </li>
          ))}
        </ol>
      </section>
      {me.role === 'partner' ? (
        <ReflectionSection practice={practice} partnerName={partnerName} />
      ) : (
        <section className="card card-muted">
          <h2>A question to reflect on</h2>
          <p>{practice.reflectionQuestion}</p>
        </section>
      )}
      <section className="card" aria-labelledby="scale-heading">
        <h2 id="scale-heading">How to rate yourself</h2>
        <dl className="definition-list">
          <dt>1</dt>
          <dd>{practice.scale.low}</dd>
          <dt>5</dt>
          <dd>{practice.scale.middle}</dd>
          <dt>10</dt>
          <dd>{practice.scale.high}</dd>
        </dl>
      </section>
      {me.role === 'partner' && (
        <PracticeHistory practiceId={practice.id} range={range} viewerId={me.id} query={dashboard} />
      )}
      {me.role === 'partner' && (
        <FocusHistory practiceId={practice.id} viewerId={me.id} canAdopt={me.coupleId !== null} />
      )}
    </article>
  );
}

function PracticeHistory({
  practiceId,
  range,
  viewerId,
  query,
}: {
  practiceId: PracticeId;
  range: DashboardRange;
  viewerId: string;
  query: UseQueryResult<DashboardDto, unknown>;
}) {
  if (!showsAnswer(query)) {
    return query.isError ? (
      <p className="notice notice-error">We couldn't load your history. Reload the page to try again.</p>
    ) : (
      <div className="card skeleton" style={{ height: '20rem' }} />
    );
  }
  const data = query.data;
  const labels = partnerLabels(data.partners, viewerId);
  const reader = chartReader(labels, data);
  const drawn = drawnSeries(data);
  const points = drawn.practices.find((p) => p.practiceId === practiceId)?.points ?? [];
  const bands = drawn.focusBands.filter((band) => band.practiceId === practiceId);
  return (
    <ChartFrame
      title={labels.names.length > 1 ? 'The two of you over time' : 'Your ratings over time'}
      description={
        <RangeSwitch value={range} to="/practices/$practiceId" firstWeek={data.firstWeek} thisWeek={data.toWeek} />
      }
      table={<PracticeTable points={points} reader={reader} bands={bands} />}
    >
      {data.isEmpty ? (
        <p className="muted">No check-ins in this period yet. Your ratings of this practice will show here.</p>
      ) : data.firstWeeks !== null ? (
        <p className="muted">
          Your ratings of this practice so far are in the table view. From your third week of check-ins, they are drawn
          here as a line for each of you.
        </p>
      ) : (
        <>
          <PracticeLines points={points} reader={reader} size="large" bands={bands} />
          <ChartLegend labels={labels} />
          <FocusLegend bands={bands} single />
        </>
      )}
    </ChartFrame>
  );
}
