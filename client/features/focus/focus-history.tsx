import { useQuery } from '@tanstack/react-query';
import { PRACTICES_BY_ID, type PracticeId } from '#shared/practices';
import { FormError } from '#client/components/form-error';
import { showsAnswer } from '#client/lib/errors';
import { trpc } from '#client/trpc';
import { adopterName, focusPeriodLabel } from './focus-text';
import { useFocusActions } from './use-focus-actions';

/** The weeks this practice was the couple's focus, and a way to make it the focus now. */
export function FocusHistory({
  practiceId,
  viewerId,
  canAdopt,
}: {
  practiceId: PracticeId;
  viewerId: string;
  canAdopt: boolean;
}) {
  const focus = useQuery(trpc.focus.list.queryOptions());
  const { adopt } = useFocusActions();
  const practice = PRACTICES_BY_ID[practiceId];

  let body;
  if (!showsAnswer(focus))
    body = focus.isError ? (
      <p className="notice notice-error">We couldn't load your focus history. Reload the page to try again.</p>
    ) : (
      <p className="muted">Loading…</p>
    );
  else {
    const periods = focus.data.history.filter((f) => f.practiceId === practiceId);
    const isCurrent = focus.data.current?.practiceId === practiceId;
    body = (
      <>
        {periods.length === 0 ? (
          <p className="muted">
            {practice.shortName} has not been your focus yet. A focus stays first in your suggestions for at least two
            weeks, and its weeks are shaded on your charts.
          </p>
        ) : (
          <ul className="focus-periods">
            {periods.map((f) => (
              <li key={f.id}>
                <span className="band-swatch" aria-hidden="true" /> {focusPeriodLabel(f)}; chosen by{' '}
                {adopterName(f, viewerId)}.
              </li>
            ))}
          </ul>
        )}
        {canAdopt && !isCurrent && (
          <div className="button-row">
            <button
              type="button"
              className="button button-secondary"
              disabled={adopt.isPending}
              onClick={() => adopt.mutate({ practiceId })}
            >
              Make {practice.shortName.toLowerCase()} our focus
            </button>
            {focus.data.current && (
              <span className="muted small">
                This replaces your focus on {PRACTICES_BY_ID[focus.data.current.practiceId].shortName.toLowerCase()}.
              </span>
            )}
          </div>
        )}
        <FormError error={adopt.error} />
      </>
    );
  }

  return (
    <section className="card" aria-labelledby="focus-history-heading">
      <h2 id="focus-history-heading">The weeks it was your focus</h2>
      {body}
    </section>
  );
}
