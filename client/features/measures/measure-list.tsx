import { useState } from 'react';
import type { MeasureDto } from '#shared/schemas/measure.schema';
import { scoreRange } from '#shared/domain/measure-scoring';
import { formatNumber } from '#shared/wording';
import { ConfirmButtons } from '#client/components/confirm-buttons';
import { ConfirmDialog } from '#client/components/confirm-dialog';
import { FormError } from '#client/components/form-error';
import { showNotice } from '#client/components/page-notice';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';
import { cutoffText } from './measure-wording';

interface Props {
  measures: MeasureDto[];
  onEdit: (measureId: string) => void;
}

/** The coach's measures in use first, then the archived ones. */
export function MeasureList({ measures, onEdit }: Props) {
  const live = measures.filter((m) => m.archivedAt === null);
  const archived = measures.filter((m) => m.archivedAt !== null);
  return (
    <>
      <ul className="measure-list" aria-label="Your measures">
        {live.map((m) => (
          <MeasureRow key={m.measureId} measure={m} onEdit={onEdit} />
        ))}
      </ul>
      {archived.length > 0 && (
        <section className="stack" aria-labelledby="archived-measures">
          <h2 id="archived-measures">Archived</h2>
          <p className="muted small">No longer assigned; their answers stay on the couples’ pages.</p>
          <ul className="measure-list" aria-label="Archived measures">
            {archived.map((m) => (
              <MeasureRow key={m.measureId} measure={m} onEdit={onEdit} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function MeasureRow({ measure: m, onEdit }: { measure: MeasureDto; onEdit: (measureId: string) => void }) {
  const [asking, setAsking] = useState<'archive' | 'delete' | null>(null);
  const close = () => setAsking(null);
  const archive = useGuardedMutation(
    trpc.measure.archive.mutationOptions({
      onSuccess: () => {
        close();
        showNotice(`“${m.name}” is archived.`);
      },
    }),
  );
  const remove = useGuardedMutation(
    trpc.measure.delete.mutationOptions({
      onSuccess: () => {
        close();
        showNotice(`“${m.name}” is deleted.`);
      },
    }),
  );
  const range = scoreRange(m);
  const isArchived = m.archivedAt !== null;
  const active = m.activeAssignments;

  return (
    <li className="card measure-row">
      <h3>
        <bdi>{m.name}</bdi>
        {isArchived && <span className="measure-badge">Archived</span>}
      </h3>
      <dl className="measure-facts">
        <div>
          <dt>Version</dt>
          <dd>{m.version}</dd>
        </div>
        <div>
          <dt>Questions</dt>
          <dd>
            {m.items.length}
            {m.items.some((i) => i.reverse) ? ` (${m.items.filter((i) => i.reverse).length} reverse scored)` : ''}
          </dd>
        </div>
        <div>
          <dt>Score</dt>
          <dd>
            {m.scoring === 'sum' ? 'Sum' : 'Mean'}, {formatNumber(range.min)} to {formatNumber(range.max)}
          </dd>
        </div>
        <div>
          <dt>Cut-off</dt>
          <dd>{m.cutoff ? cutoffText(m.cutoff) : 'None'}</dd>
        </div>
        <div>
          <dt>Reliable change</dt>
          <dd>{m.reliableChange === null ? 'Not set' : `${formatNumber(m.reliableChange)} points`}</dd>
        </div>
        <div>
          <dt>Assigned</dt>
          <dd>{active === 0 ? 'To no couple now' : `${active} active ${active === 1 ? 'schedule' : 'schedules'}`}</dd>
        </div>
      </dl>
      {m.source && <p className="small muted">Source: {m.source}</p>}
      <div className="button-row">
        {!isArchived && (
          <>
            <button type="button" className="button button-secondary" onClick={() => onEdit(m.measureId)}>
              Edit<span className="visually-hidden"> {m.name}</span>
            </button>
            <button type="button" className="button button-secondary" onClick={() => setAsking('archive')}>
              Archive<span className="visually-hidden"> {m.name}</span>
            </button>
          </>
        )}
        {!m.hasAnswers && (
          <button type="button" className="button button-secondary" onClick={() => setAsking('delete')}>
            Delete<span className="visually-hidden"> {m.name}</span>
          </button>
        )}
      </div>
      <ConfirmDialog open={asking === 'archive'} title={`Archive “${m.name}”?`} onClose={close}>
        <p>
          {active > 0
            ? `Its ${active === 1 ? 'schedule stops' : `${active} schedules stop`} now: couples are no longer asked to answer it. `
            : ''}
          Past answers and charts stay. An archived measure can no longer be edited or assigned.
        </p>
        <FormError error={archive.error} />
        <ConfirmButtons
          keepLabel="Keep it"
          actLabel="Archive"
          pendingLabel="Archiving…"
          pending={archive.isPending}
          onKeep={close}
          onAct={() => archive.mutate({ measureId: m.measureId })}
        />
      </ConfirmDialog>
      <ConfirmDialog open={asking === 'delete'} title={`Delete “${m.name}”?`} onClose={close}>
        <p>Nobody has answered it yet. Deleting removes it and its schedules for good.</p>
        <FormError error={remove.error} />
        <ConfirmButtons
          keepLabel="Keep it"
          actLabel="Delete"
          pendingLabel="Deleting…"
          pending={remove.isPending}
          onKeep={close}
          onAct={() => remove.mutate({ measureId: m.measureId })}
        />
      </ConfirmDialog>
    </li>
  );
}
