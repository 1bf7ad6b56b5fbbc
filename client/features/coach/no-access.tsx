import { Link } from '@tanstack/react-router';
import { httpStatusOf } from '../../lib/errors';

/**
 * A couple page a coach may not open: the couple ended their access (or never gave it). Said plainly, without
 * guessing which, and with the way back to the roster.
 */
export function CoupleNotShared() {
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

/**
 * Runs a couple page's loader; a refusal (403/404) becomes `{ notShared: true }` for the page to explain, rather than
 * an error thrown through the router, which is for the unexpected.
 */
export async function loadIfShared(load: () => Promise<unknown>): Promise<{ notShared: boolean }> {
  try {
    await load();
    return { notShared: false };
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 403 || status === 404) return { notShared: true };
    throw error;
  }
}
