import { Link } from '@tanstack/react-router';
import { ErrorState } from '../../components/error-state';
import { httpStatusOf } from '../../lib/errors';

/**
 * A couple page a coach may not open: the couple ended their access (or never gave it). Said plainly, without
 * guessing which, and with the way back to the roster.
 */
export function CoupleNotShared({ error, reset }: { error: unknown; reset: () => void }) {
  const status = httpStatusOf(error);
  if (status !== 403 && status !== 404) return <ErrorState error={error} onRetry={reset} />;
  return (
    <div className="card medium" role="alert">
      <h1>This couple isn't shared with you</h1>
      <p>
        Only a couple can let a coach see their check-ins, and they can end it at any time. If you expected to see them,
        ask them for a new code.
      </p>
      <Link className="button" to="/coach">
        Back to your couples
      </Link>
    </div>
  );
}
