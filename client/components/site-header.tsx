import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { replaceSessionUser } from '#client/lib/session-cache';
import { trpc } from '#client/trpc';
import { Logo } from './logo';

export function SiteHeader() {
  const me = useQuery(trpc.auth.me.queryOptions()).data;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: async () => {
        // Nothing of this person may stay in memory for the next one on this device.
        replaceSessionUser(queryClient, null);
        await navigate({ to: '/login' });
      },
    }),
  );

  return (
    <header className="site-header">
      <Link to={me ? (me.role === 'coach' ? '/coach' : '/dashboard') : '/login'} className="brand">
        <Logo />
        Tandem
      </Link>
      {me && (
        <nav className="site-nav" aria-label="Main">
          {me.role === 'partner' ? (
            <>
              <Link to="/dashboard">Dashboard</Link>
              <Link to="/check-in">Check in</Link>
            </>
          ) : (
            <Link to="/coach">Clients</Link>
          )}
          <Link to="/settings">Settings</Link>
          <button type="button" onClick={() => logout.mutate({})} disabled={logout.isPending}>
            Log out
          </button>
        </nav>
      )}
    </header>
  );
}
