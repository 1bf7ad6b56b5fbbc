import { useQuery } from '@tanstack/react-query';
import { createFileRoute, Link, useNavigate } from '@tanstack/react-router';
import * as z from 'zod/mini';
import { PRACTICES_BY_ID } from '#shared/practices';
import { fittingReportRange, rangesReached } from '#shared/domain/dashboard';
import { DASHBOARD_RANGES, rangeSchema, type DashboardRange } from '#shared/schemas/dashboard.schema';
import { compareWeeks } from '#shared/week';
import { lowerFirst } from '#shared/wording';
import { PageLoading } from '#client/components/page-loading';
import { noteDate } from '#client/features/coach/coach-notes';
import { loadIfShared } from '#client/features/coach/load-if-shared';
import { SharedWithYou } from '#client/features/coach/shared-with-you';
import { CoupleNotShared } from '#client/features/coach/no-access';
import { chartReader, drawnSeries } from '#client/features/dashboard/charts/chart-format';
import { ConnectionChart } from '#client/features/dashboard/charts/connection-chart';
import { FirstWeeksCard } from '#client/features/dashboard/first-weeks-card';
import { WheelChart } from '#client/features/dashboard/charts/wheel-chart';
import { SideBySide } from '#client/features/dashboard/side-by-side';
import { partnerLabels } from '#client/features/dashboard/viewer-names';
import { focusPeriodLabel } from '#client/features/focus/focus-text';
import { MeasureReport } from '#client/features/measures/measure-report';
import { localWeek, weekLabel } from '#client/lib/weeks';
import { trpc } from '#client/trpc';

const NOTES_IN_REPORT = 3;
const RANGE_NAMES: Record<DashboardRange, string> = {
  '12w': 'the last 12 weeks',
  '6m': 'the last 6 months',
  '1y': 'the last year',
  all: 'all their check-ins',
};

export const Route = createFileRoute('/_app/coach/couples/$coupleId_/report')({
  validateSearch: z.object({
    range: z.catch(z.optional(rangeSchema), undefined),
    notes: z.catch(z.optional(z.boolean()), undefined),
  }),
  loaderDeps: ({ search }) => ({ range: search.range }),
  loader: ({ context, params: { coupleId }, deps }) =>
    loadIfShared(() =>
      Promise.all([
        // The consent check: always asked again, never answered from the cache.
        context.queryClient.fetchQuery({ ...context.trpc.couple.get.queryOptions({ coupleId }), staleTime: 0 }),
        (async () => {
          const dashboard = (range: DashboardRange) =>
            context.queryClient.ensureQueryData(context.trpc.dashboard.get.queryOptions({ coupleId, range }));
          // With no period asked for, the shortest one says how far the history reaches (see `fittingReportRange`).
          const first = await dashboard(deps.range ?? '12w');
          if (deps.range === undefined) await dashboard(fittingReportRange(first.firstWeek, first.toWeek));
        })(),
        context.queryClient.ensureQueryData(context.trpc.focus.list.queryOptions({ coupleId })),
      ]),
    ),
  component: ReportRoute,
});

function ReportRoute() {
  return Route.useLoaderData().notShared ? <CoupleNotShared /> : <ReportPage />;
}

/** A progress report to print or save as PDF: both partners' trends, the wheel then and now, focuses, and notes if wanted. */
function ReportPage() {
  const { me } = Route.useRouteContext();
  const { coupleId } = Route.useParams();
  const { range: asked, notes: withNotes = false } = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const couple = useQuery(trpc.couple.get.queryOptions({ coupleId }));
  // The period shown: the one asked for, or one that fits the history (read from the shortest, already loaded).
  const probe = useQuery({ ...trpc.dashboard.get.queryOptions({ coupleId, range: '12w' }), enabled: !asked });
  const range = asked ?? (probe.data ? fittingReportRange(probe.data.firstWeek, probe.data.toWeek) : undefined);
  const dashboard = useQuery({
    ...trpc.dashboard.get.queryOptions({ coupleId, range: range ?? '12w' }),
    enabled: range !== undefined,
  });
  const focuses = useQuery(trpc.focus.list.queryOptions({ coupleId }));
  const coachFocus = useQuery(trpc.coach.focus.queryOptions({ coupleId }));
  const notes = useQuery({ ...trpc.coach.listNotes.queryOptions({ coupleId }), enabled: withNotes });
  if (!couple.data || !dashboard.data || range === undefined) return <PageLoading />;

  const data = dashboard.data;
  const labels = partnerLabels(data.partners, me.id);
  const reader = chartReader(labels, data);
  const drawn = drawnSeries(data);
  const title = couple.data.partners.map((p) => p.displayName).join(' & ');
  const reached = rangesReached(data.firstWeek, data.toWeek);
  // The charts begin at the first check-in when the period reaches further back than that.
  const from = data.firstWeek && compareWeeks(data.firstWeek, data.fromWeek) > 0 ? data.firstWeek : data.fromWeek;
  const period =
    from === data.fromWeek ? RANGE_NAMES[range].replace(/^./, (c) => c.toUpperCase()) : 'Since their first check-in';

  return (
    <article className="stack report">
      <div className="no-print stack">
        <p className="small">
          <Link to="/coach/couples/$coupleId" params={{ coupleId }}>
            ← Back to {title}
          </Link>
        </p>
        <div className="card report-options">
          <div className="field">
            <label htmlFor="report-range">Period</label>
            <select
              id="report-range"
              value={range}
              onChange={(e) =>
                void navigate({ search: (s) => ({ ...s, range: e.target.value as DashboardRange }), replace: true })
              }
            >
              {DASHBOARD_RANGES.filter((r) => r === range || reached.includes(r)).map((r) => (
                <option key={r} value={r}>
                  {RANGE_NAMES[r]}
                </option>
              ))}
            </select>
          </div>
          <label className="choice">
            <input
              type="checkbox"
              checked={withNotes}
              onChange={(e) =>
                void navigate({ search: (s) => ({ ...s, notes: e.target.checked || undefined }), replace: true })
              }
            />
            Include my latest notes
          </label>
          <button type="button" className="button" onClick={() => window.print()}>
            Print or save as PDF
          </button>
        </div>
      </div>

      <header>
        <h1>Progress report: {title}</h1>
        <p className="muted">
          {period},{' '}
          {from === data.toWeek
            ? `the ${weekLabel(from).replace('Week', 'week')}`
            : `${weekLabel(from).replace('Week', 'week')} to ${weekLabel(data.toWeek).replace('Week', 'week')}`}
          . Prepared {noteDate(new Date().toISOString())}.
        </p>
      </header>

      {data.isEmpty ? (
        <p className="card">No check-ins in this period.</p>
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
          <WheelChart wheel={data.wheel} reader={reader} />
          {data.partners.length > 1 && (
            <SideBySide rows={data.sideBySide} reader={reader} changedLate={data.changedAfterBothAnswered} />
          )}
        </>
      )}

      <section className="card" aria-labelledby="focuses-heading">
        <h2 id="focuses-heading">Focuses over time</h2>
        {coachFocus.data && (
          <p>
            Your current focus for them: <strong>{PRACTICES_BY_ID[coachFocus.data.practiceId].name}</strong>, since{' '}
            {noteDate(coachFocus.data.assignedAt)}.
          </p>
        )}
        {focuses.data && focuses.data.history.length > 0 ? (
          <ul className="status-list">
            {focuses.data.history.map((f) => (
              <li key={f.id}>
                {PRACTICES_BY_ID[f.practiceId].name}: {lowerFirst(focusPeriodLabel(f, localWeek(), 'their'))}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">They have not adopted a focus of their own yet.</p>
        )}
      </section>

      <MeasureReport coupleId={coupleId} />

      <SharedWithYou coupleId={coupleId} onPaper />

      {withNotes && (
        <section className="card" aria-labelledby="report-notes-heading">
          <h2 id="report-notes-heading">Latest notes</h2>
          {notes.data && notes.data.length > 0 ? (
            <ul className="note-list">
              {notes.data.slice(0, NOTES_IN_REPORT).map((n) => (
                <li key={n.id} className="note">
                  <p className="muted small">{noteDate(n.createdAt)}</p>
                  <p className="note-body">{n.body}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{notes.isPending ? 'Loading notes…' : 'No notes yet.'}</p>
          )}
        </section>
      )}
    </article>
  );
}
