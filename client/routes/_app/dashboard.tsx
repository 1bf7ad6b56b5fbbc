import { useQuery } from '@tanstack/react-query';
import { createFileRoute, Link, redirect } from '@tanstack/react-router';
import * as z from 'zod/mini';
import { PRACTICES_BY_ID } from '#shared/practices';
import { rangeSchema, type DashboardDto } from '#shared/schemas/dashboard.schema';
import { weekSchema } from '#shared/schemas/common.schema';
import { PageLoading } from '#client/components/page-loading';
import { PartnerInvite } from '#client/features/couple/partner-invite';
import { ConnectionChart } from '#client/features/dashboard/charts/connection-chart';
import { FocusCard } from '#client/features/dashboard/focus-card';
import { PracticeGrid } from '#client/features/dashboard/practice-grid';
import { WheelChart } from '#client/features/dashboard/charts/wheel-chart';
import { RangeSwitch } from '#client/features/dashboard/range-switch';
import { SideBySide } from '#client/features/dashboard/side-by-side';
import { ThisWeekCard } from '#client/features/dashboard/this-week-card';
import { partnerLabels, twoPerspectives, type PartnerLabels } from '#client/features/dashboard/viewer-names';
import { localWeek, weekLabel } from '#client/lib/weeks';
import { trpc } from '#client/trpc';

export const Route = createFileRoute('/_app/dashboard')({
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

  if (!status.data || !dashboard.data) return <PageLoading />;
  const data = dashboard.data;
  const labels = partnerLabels(data.partners, me.id);
  const { names } = labels;
  const partnerMissing = data.partners.length < 2;

  return (
    <div className="stack">
      <header className="page-header">
        <div>
          <h1>Hello, {me.displayName}</h1>
          <p className="page-intro">
            {partnerMissing
              ? 'Tandem is a weekly check-in for the two of you.'
              : 'Here is how the two of you have been doing.'}
          </p>
        </div>
        <RangeSwitch value={range} to="/dashboard" />
      </header>
      {saved && (
        <p className="notice notice-success" role="status">
          Check-in saved for the {weekLabel(saved).replace('Week', 'week')}. Thank you for taking the time.
        </p>
      )}
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
        {!partnerMissing && !data.isEmpty && <GapsCard data={data} labels={labels} />}
      </div>
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
          <ConnectionChart
            points={data.connection}
            names={names}
            monthly={data.granularity === 'month'}
            bands={data.focusBands}
          />
          {!partnerMissing && (
            <SideBySide rows={data.sideBySide} labels={labels} changedLate={data.changedAfterBothAnswered} />
          )}
          <WheelChart wheel={data.wheel} names={names} />
          <PracticeGrid practices={data.practices} names={names} bands={data.focusBands} />
        </>
      )}
    </div>
  );
}

/** The practices where the two of you see things most differently right now, as a gentle prompt. */
function GapsCard({ data, labels }: { data: DashboardDto; labels: PartnerLabels }) {
  const worth = data.sideBySide.filter((row) => row.worthAConversation);
  const comparable = data.sideBySide.every((row) => row.difference !== null);
  return (
    <section className="card" aria-labelledby="gaps-heading">
      <h2 id="gaps-heading">Two perspectives</h2>
      {!comparable ? (
        <p className="muted">
          Once you have both checked in during this period, the practices you see most differently will show here.
        </p>
      ) : worth.length === 0 ? (
        <p className="muted">
          In your latest check-ins you are within two points of each other on every practice. Differences, when they
          come, are a good place to start talking.
        </p>
      ) : (
        <ul className="gap-list">
          {worth.map((row) => (
            <li key={row.practiceId}>
              <strong>{PRACTICES_BY_ID[row.practiceId].name}</strong>: {twoPerspectives(labels, row)}. Worth a
              conversation.
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
