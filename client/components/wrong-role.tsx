import { Link } from '@tanstack/react-router';

/** A page meant for the other role: say so kindly and point to the right place. */
export function WrongRole({
  title,
  text,
  to,
  action,
}: {
  title: string;
  text: string;
  to: '/coach' | '/dashboard';
  action: string;
}) {
  return (
    <div className="card medium">
      <h1>{title}</h1>
      <p>{text}</p>
      <Link className="button" to={to}>
        {action}
      </Link>
    </div>
  );
}
