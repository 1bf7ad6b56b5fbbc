import { useQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import * as z from 'zod/mini';
import { ErrorState } from '#client/components/error-state';
import { PageLoading } from '#client/components/page-loading';
import { showNotice } from '#client/components/page-notice';
import { MeasureForm } from '#client/features/measures/measure-form';
import { MeasureList } from '#client/features/measures/measure-list';
import { showsAnswer } from '#client/lib/errors';
import { trpc } from '#client/trpc';

export const Route = createFileRoute('/_app/coach/measures')({
  // `edit` is "new" for a new measure, or the id of the measure being edited: the open form survives a reload.
  validateSearch: z.object({ edit: z.catch(z.optional(z.string().check(z.maxLength(64))), undefined) }),
  loader: ({ context }) => context.queryClient.ensureQueryData(context.trpc.measure.list.queryOptions()),
  component: MeasuresPage,
});

/** The coach's own questionnaires: listed, created, edited, archived. */
function MeasuresPage() {
  const measures = useQuery(trpc.measure.list.queryOptions());
  const { edit } = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const closeForm = () => void navigate({ search: {}, replace: true });
  if (!showsAnswer(measures)) {
    if (measures.isError) return <ErrorState error={measures.error} onRetry={() => void measures.refetch()} />;
    return <PageLoading />;
  }
  const editing = edit && edit !== 'new' ? measures.data.find((m) => m.measureId === edit) : undefined;
  const formOpen = edit === 'new' || (editing !== undefined && editing.archivedAt === null);

  return (
    <div className="stack medium">
      <header className="page-header">
        <div>
          <h1>Measures</h1>
          <p className="page-intro">
            Your own questionnaires, answered by your couples on a schedule you choose, scored and charted on their
            page. Assign one from a couple’s page.
          </p>
        </div>
      </header>
      {formOpen ? (
        <MeasureForm
          key={edit}
          editing={editing}
          onCancel={closeForm}
          onDone={({ name }) => {
            showNotice(editing ? `“${name}” is saved.` : `“${name}” is created. Assign it from a couple’s page.`);
            closeForm();
          }}
        />
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => void navigate({ search: { edit: 'new' }, replace: true })}
          >
            New measure
          </button>
        </div>
      )}
      {measures.data.length === 0 ? (
        !formOpen && (
          <section className="card empty-state">
            <h2>No measures yet</h2>
            <p className="muted">
              Bring the questionnaire your practice uses: type or paste its questions, set its scale and cut-off, then
              assign it to a couple.
            </p>
          </section>
        )
      ) : (
        <MeasureList
          measures={measures.data}
          onEdit={(measureId) => {
            void navigate({ search: { edit: measureId }, replace: true });
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </div>
  );
}
