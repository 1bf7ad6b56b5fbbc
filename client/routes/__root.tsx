import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Link, Outlet } from '@tanstack/react-router';
import { SiteHeader } from '#client/components/site-header';
import type { Trpc } from '#client/trpc';

export interface RouterContext {
  queryClient: QueryClient;
  trpc: Trpc;
}

export const Route = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFound,
});

function RootLayout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

function NotFound() {
  return (
    <div className="card medium">
      <h1>Nothing here</h1>
      <p>This address doesn't lead to a page in Tandem.</p>
      <Link className="button" to="/dashboard">
        Go to your dashboard
      </Link>
    </div>
  );
}
