import { useQuery } from '@tanstack/react-query';
import { FormError } from '#client/components/form-error';
import { trpc } from '#client/trpc';

/** A lived-in product at once: a fresh demo couple with months of history, removed after a day. */
export function DemoButton({ onStart, error }: { onStart: () => void; error: unknown }) {
  const available = useQuery(trpc.demo.available.queryOptions());
  if (!available.data?.enabled) return null;
  return (
    <section className="card card-muted" aria-labelledby="demo-heading">
      <h2 id="demo-heading">Just looking?</h2>
      <p className="muted">
        Step into a demo couple, Alex and Blake, with six months of weekly check-ins. Nothing you do there touches real
        data, and it disappears after a day.
      </p>
      <FormError error={error} />
      <button type="button" className="button button-secondary" onClick={onStart}>
        Explore the demo
      </button>
    </section>
  );
}

/**
 * While the demo couple is made and its dashboard loads: one calm screen instead of a login form that no longer
 * applies. Focus moves to its heading, since the button that was pressed is gone.
 */
export function DemoSettingUp() {
  return (
    <div className="narrow">
      <section className="card" aria-busy="true" aria-labelledby="demo-wait-heading">
        <h1 id="demo-wait-heading" tabIndex={-1} ref={(heading) => heading?.focus()}>
          Setting up the demo…
        </h1>
        <p className="muted">Alex and Blake's six months of check-ins are on their way. This takes a moment.</p>
      </section>
    </div>
  );
}
