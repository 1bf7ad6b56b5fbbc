import { createFileRoute, Outlet, redirect } from '@tanstack/react-router';

/** Every page below needs a session: a logged-out visitor goes to /login and comes back here afterwards. */
export const Route = createFileRoute('/_app')({
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(context.trpc.auth.me.queryOptions());
    if (!me) throw redirect({ to: '/login', search: { redirect: location.href } });
    return { me };
  },
  component: Outlet,
});
