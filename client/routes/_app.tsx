import { useEffect } from 'react';
import { createFileRoute, Outlet, redirect, type ErrorComponentProps } from '@tanstack/react-router';
import { ErrorState } from '#client/components/error-state';
import { QueuedCheckInSender } from '#client/features/check-in/queued-check-in-sender';
import { noteFailedLoad } from '#client/features/offline/network-state';
import { OfflineBanner } from '#client/features/offline/offline-banner';
import { registerServiceWorker } from '#client/features/offline/register-worker';

/** Every page below needs a session: a logged-out visitor goes to /login and comes back here afterwards. */
export const Route = createFileRoute('/_app')({
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(context.trpc.auth.me.queryOptions());
    if (!me) throw redirect({ to: '/login', search: { redirect: location.href } });
    return { me };
  },
  component: AppLayout,
  // Opened without a network, "who is signed in" cannot be asked: the page says why, and loads again once it can.
  errorComponent: AppError,
});

/**
 * The offline app lives here rather than in the root layout, so the login page's visitors download none of it: the
 * service worker (which fetches the whole app in the background), the offline line, and the sender of check-ins kept
 * on this device.
 */
function AppLayout() {
  const { me } = Route.useRouteContext();
  useEffect(registerServiceWorker, []);
  return (
    <>
      <OfflineBanner />
      <QueuedCheckInSender userId={me.id} />
      <Outlet />
    </>
  );
}

function AppError({ error, reset }: ErrorComponentProps) {
  useEffect(() => noteFailedLoad(error), [error]);
  return (
    <>
      <OfflineBanner />
      <ErrorState error={error} onRetry={reset} />
    </>
  );
}
