import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { trpc } from '#client/trpc';
import { Logo } from './logo';
import { MainNav } from './main-nav';
import { PageNotice } from './page-notice';

export function SiteHeader() {
  const me = useQuery(trpc.auth.me.queryOptions()).data;
  return (
    <>
      <header className="site-header">
        <Link to={me ? (me.role === 'coach' ? '/coach' : '/dashboard') : '/login'} className="brand">
          <Logo />
          Tandem
        </Link>
        {me && <MainNav role={me.role} />}
      </header>
      <PageNotice />
    </>
  );
}
