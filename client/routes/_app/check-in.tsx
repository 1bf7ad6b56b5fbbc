import { useQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import * as z from 'zod/mini';
import { weekSchema } from '#shared/schemas/common.schema';
import { compareWeeks, latestOpenWeek } from '#shared/week';
import { PageLoading } from '#client/components/page-loading';
import { WrongRole } from '#client/components/wrong-role';
import { CheckInForm } from '#client/features/check-in/check-in-form';
import { WeekPicker } from '#client/features/check-in/week-picker';
import { CheckInMeasures, CheckInMeasuresPointer } from '#client/features/measures/check-in-measures';
import { showsAnswer } from '#client/lib/errors';
import { localWeek, weekLabel } from '#client/lib/weeks';
import { trpc } from '#client/trpc';

// A week that has not begun anywhere cannot be logged, so such a link falls back to this week.
const searchSchema = z.object({
  week: z.catch(
    z.optional(weekSchema.check(z.refine((week) => compareWeeks(week, latestOpenWeek(new Date())) <= 0))),
    undefined,
  ),
});

export const Route = createFileRoute('/_app/check-in')({
  validateSearch: searchSchema,
  loaderDeps: ({ search }) => ({ week: search.week ?? localWeek() }),
  loader: async ({ context, deps }) => {
    if (context.me.role !== 'partner') return;
    await context.queryClient.ensureQueryData(context.trpc.assessment.mine.queryOptions({ week: deps.week }));
  },
  component: CheckInPage,
});

function CheckInPage() {
  const { me } = Route.useRouteContext();
  const { week: searched } = Route.useSearch();
  const navigate = Route.useNavigate();
  const today = localWeek();
  const week = searched ?? today;
  const existing = useQuery({ ...trpc.assessment.mine.queryOptions({ week }), enabled: me.role === 'partner' });
  // Who else has answered this week: once everyone has, each could see the other's, and a change says so.
  const status = useQuery({ ...trpc.assessment.weekStatus.queryOptions({ week }), enabled: me.role === 'partner' });
  const others = status.data?.partners.filter((p) => p.userId !== me.id) ?? [];
  const partnerWhoAnswered =
    others.length > 0 && others.every((p) => p.submitted) ? others.map((p) => p.displayName).join(', ') : null;

  if (me.role !== 'partner') {
    return (
      <WrongRole
        title="Check-ins are for partners"
        text="As a coach you follow the check-ins of the couples who invite you; you don't log your own."
        to="/coach"
        action="Go to your clients"
      />
    );
  }

  return (
    <div className="medium">
      <header>
        <h1>Weekly check-in</h1>
        <p className="page-intro">
          Rate how you yourself practised each of the ten this week, from 1 to 10. Be honest rather than generous: the
          point is to notice, not to score. Your partner sees your ratings only once you have both checked in.
        </p>
        {me.coupleId && <CheckInMeasuresPointer />}
      </header>
      <section className="card">
        <WeekPicker week={week} today={today} onChange={(w) => navigate({ search: { week: w } })} />
        <h2 className="visually-hidden">{weekLabel(week)}</h2>
        {!showsAnswer(existing) ? (
          existing.isError ? (
            <p className="notice notice-error" role="alert">
              We couldn't load this week's check-in. Reload the page to try again.
            </p>
          ) : (
            <PageLoading />
          )
        ) : (
          <CheckInForm
            key={`${week}:${existing.data?.updatedAt ?? 'new'}`}
            week={week}
            existing={existing.data ?? null}
            partnerWhoAnswered={partnerWhoAnswered}
          />
        )}
      </section>
      {/* Each due measure is its own form after the practices: saving one never needs, nor sends, the other. */}
      {me.coupleId && <CheckInMeasures userId={me.id} />}
    </div>
  );
}
