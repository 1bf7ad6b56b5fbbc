import { useQuery } from '@tanstack/react-query';
import { createFileRoute, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { weekSchema } from '../../../shared/schemas/common.schema';
import { addWeeks } from '../../../shared/week';
import { PageLoading } from '../../components/page-loading';
import { PairingCard } from '../../features/couple/pairing-card';
import { LatestSideBySide } from '../../features/dashboard/latest-side-by-side';
import { RecentCheckIns } from '../../features/dashboard/recent-check-ins';
import { ThisWeekCard } from '../../features/dashboard/this-week-card';
import { localWeek, weekLabel } from '../../lib/weeks';
import { trpc } from '../../trpc';

const RECENT_WEEKS = 12;

export const Route = createFileRoute('/_app/dashboard')({
  validateSearch: z.object({ saved: weekSchema.optional().catch(undefined) }),
  beforeLoad: ({ context }) => {
    if (context.me.role === 'coach') throw redirect({ to: '/coach' });
  },
  loader: async ({ context }) => {
    const week = localWeek();
    await Promise.all([
      context.queryClient.ensureQueryData(context.trpc.assessment.weekStatus.queryOptions({ week })),
      context.queryClient.ensureQueryData(context.trpc.assessment.history.queryOptions({ fromWeek: addWeeks(week, -RECENT_WEEKS) })),
    ]);
  },
  component: DashboardPage,
});

function DashboardPage() {
  const { me } = Route.useRouteContext();
  const { saved } = Route.useSearch();
  const week = localWeek();
  const status = useQuery(trpc.assessment.weekStatus.queryOptions({ week }));
  const history = useQuery(trpc.assessment.history.queryOptions({ fromWeek: addWeeks(week, -RECENT_WEEKS) }));

  if (!status.data || !history.data) return <PageLoading />;
  return (
    <div className="stack">
      <header>
        <h1>Hello, {me.displayName}</h1>
        <p className="page-intro">
          {me.coupleId ? 'Here is how the two of you have been doing.' : 'Tandem is a weekly check-in for the two of you.'}
        </p>
      </header>
      {saved && (
        <p className="notice notice-success" role="status">
          Check-in saved for the {weekLabel(saved).toLowerCase()}. Thank you for taking the time.
        </p>
      )}
      {!me.coupleId && <PairingCard />}
      <div className="grid grid-2">
        <ThisWeekCard status={status.data} viewerId={me.id} />
        <RecentCheckIns history={history.data} status={status.data} viewerId={me.id} />
      </div>
      <LatestSideBySide history={history.data} viewerId={me.id} />
    </div>
  );
}
