import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { trpc } from '#client/trpc';

/**
 * The login page's help for a forgotten password: a link to get one by email when this server sends email, and
 * otherwise the way that always works, through whoever runs the server.
 */
export function ForgotPasswordHelp() {
  const available = useQuery(trpc.email.available.queryOptions());
  // Nothing until the server has said: neither way should flash by and be replaced by the other.
  if (available.isPending) return null;
  if (available.data?.available === true) {
    return (
      <p className="small forgot">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    );
  }
  return (
    <p className="muted small forgot">
      Forgot your password? Tandem sends no email, so ask whoever runs your Tandem server. They can make you a one-time
      link to choose a new password.
    </p>
  );
}

/** On the reset page, when a link is missing, used or expired: the way to a new one, when this server sends email. */
export function NewLinkByEmail() {
  const available = useQuery(trpc.email.available.queryOptions()).data?.available === true;
  if (!available) return null;
  return (
    <p className="small forgot">
      <Link to="/forgot-password">Get a new link by email</Link>
    </p>
  );
}
