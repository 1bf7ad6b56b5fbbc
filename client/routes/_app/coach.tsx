import { createFileRoute, Outlet, redirect } from '@tanstack/react-router';

/** The coach's workspace. A partner who lands here goes to their own dashboard instead. */
export const Route = createFileRoute('/_app/coach')({
  beforeLoad: ({ context }) => {
    if (context.me.role !== 'coach') throw redirect({ to: '/dashboard' });
  },
  component: Outlet,
});
