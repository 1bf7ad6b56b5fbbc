import { useMutation, useQuery } from '@tanstack/react-query';
import { FormError } from '#client/components/form-error';
import { trpc } from '#client/trpc';
import { useSessionStart } from './use-session-start';

/** A lived-in product at once: a fresh demo couple with months of history, removed after a day. */
export function DemoButton() {
  const available = useQuery(trpc.demo.available.queryOptions());
  const startSession = useSessionStart(undefined);
  const start = useMutation(trpc.demo.start.mutationOptions({ onSuccess: startSession }));
  if (!available.data?.enabled) return null;
  return (
    <section className="card card-muted" aria-labelledby="demo-heading">
      <h2 id="demo-heading">Just looking?</h2>
      <p className="muted">
        Step into a demo couple, Alex and Blake, with six months of weekly check-ins. Nothing you do there touches real
        data, and it disappears after a day.
      </p>
      <FormError error={start.error} />
      <button
        type="button"
        className="button button-secondary"
        onClick={() => start.mutate({})}
        disabled={start.isPending}
      >
        {start.isPending ? 'Setting up the demo…' : 'Explore the demo'}
      </button>
    </section>
  );
}
