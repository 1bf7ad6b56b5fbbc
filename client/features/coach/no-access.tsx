import { Link } from '@tanstack/react-router';

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
