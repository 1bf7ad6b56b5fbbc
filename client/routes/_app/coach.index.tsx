import { useQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import * as z from 'zod/mini';
import type { RosterFlagKind, RosterRowDto } from '#shared/schemas/coach.schema';
import { ErrorState } from '#client/components/error-state';
import { PageLoading } from '#client/components/page-loading';
import { AcceptCodeForm } from '#client/features/coach/accept-code-form';
import { FLAG_KINDS } from '#client/features/coach/flag-kinds';
import { FLAG_LABELS } from '#client/features/coach/flag-labels';
import { RosterList } from '#client/features/coach/roster-list';
import { showsAnswer } from '#client/lib/errors';
import { trpc } from '#client/trpc';

const flagSchema = z.enum(FLAG_KINDS);

export const Route = createFileRoute('/_app/coach/')({
  validateSearch: z.object({
    flag: z.catch(z.optional(flagSchema), undefined),
    q: z.catch(z.optional(z.string().check(z.maxLength(100))), undefined),
  }),
  loader: ({ context }) => context.queryClient.ensureQueryData(context.trpc.coach.roster.queryOptions()),
  component: RosterPage,
});

function matches(row: RosterRowDto, flag: RosterFlagKind | undefined, q: string | undefined): boolean {
  if (flag && !row.flags.some((f) => f.kind === flag)) return false;
  const needle = q?.trim().toLowerCase();
  return !needle || row.partners.some((p) => p.displayName.toLowerCase().includes(needle));
}

function RosterPage() {
  const roster = useQuery(trpc.coach.roster.queryOptions());
  const { flag, q } = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  if (!showsAnswer(roster)) {
    if (roster.isError) return <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />;
    return <PageLoading />;
  }
  const rows = roster.data.filter((row) => matches(row, flag, q));
  const flagged = roster.data.filter((row) => row.flags.length > 0).length;
  // Couples whose access ended lately are listed last, and not counted among the coach's couples.
  const live = roster.data.filter((row) => row.accessEndedAt === null).length;

  return (
    <div className="stack">
      <header className="page-header">
        <div>
          <h1>Your client couples</h1>
          <p className="page-intro">
            {live === 0
              ? 'Couples appear here once they invite you.'
              : `${live} ${live === 1 ? 'couple' : 'couples'}; ${flagged === 0 ? 'nothing needs a closer look right now' : `${flagged} with something worth a closer look, listed first`}.`}
          </p>
        </div>
      </header>
      {live > 0 && (
        <form className="roster-filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="roster-q">Search by name</label>
            <input
              id="roster-q"
              type="search"
              value={q ?? ''}
              onChange={(e) =>
                void navigate({ search: (s) => ({ ...s, q: e.target.value || undefined }), replace: true })
              }
            />
          </div>
          <div className="field">
            <label htmlFor="roster-flag">Show</label>
            <select
              id="roster-flag"
              value={flag ?? ''}
              onChange={(e) =>
                void navigate({
                  search: (s) => ({ ...s, flag: (e.target.value || undefined) as RosterFlagKind | undefined }),
                  replace: true,
                })
              }
            >
              <option value="">All couples</option>
              {FLAG_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {FLAG_LABELS[kind]}
                </option>
              ))}
            </select>
          </div>
        </form>
      )}
      {live === 0 ? (
        <section className="card empty-state">
          <h2>{roster.data.length === 0 ? 'No couples yet' : 'No couples at the moment'}</h2>
          <p className="muted">
            A couple shares their check-ins with you by making a code in their settings and giving it to you. Until a
            couple does, there is nothing of theirs for you to see, and that is by design: their data is theirs.
          </p>
        </section>
      ) : rows.length === 0 ? (
        <p className="card muted" role="status">
          No couple matches. Clear the search or choose “All couples”.
        </p>
      ) : (
        <RosterList rows={rows} />
      )}
      {live === 0 && roster.data.length > 0 && <RosterList rows={roster.data} />}
      <AcceptCodeForm />
    </div>
  );
}
