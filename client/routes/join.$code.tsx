import { type ReactNode, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { createFileRoute, Link, redirect } from '@tanstack/react-router';
import { JoinForm } from '#client/features/couple/partner-invite';
import { trpc } from '#client/trpc';

/**
 * The link a partner sends: `/join/<code>`. Someone logged out signs up (or logs in) first and comes back here; a
 * partner without a couple finds the code filled in and joins with one click. Opening the link changes nothing by
 * itself: joining is the person's own click.
 */
export const Route = createFileRoute('/join/$code')({
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(context.trpc.auth.me.queryOptions());
    if (!me) throw redirect({ to: '/signup', search: { redirect: location.href } });
    return { me };
  },
  component: JoinPage,
});

function JoinPage() {
  const { code } = Route.useParams();
  const { me: initial } = Route.useRouteContext();
  const me = useQuery(trpc.auth.me.queryOptions()).data ?? initial;
  // Joining here refreshes `me` (now in a couple) before the move to the dashboard: the form stays until then.
  const [joinedHere, setJoinedHere] = useState(false);

  if (me.role === 'coach') {
    return (
      <Card title="This link is for a partner">
        <p>
          It pairs two partners in a couple. As a coach, you add a couple with the coach code they make for you in their
          settings.
        </p>
        <Link className="button" to="/coach">
          Go to your clients
        </Link>
      </Card>
    );
  }
  if (me.coupleId && !joinedHere) {
    return (
      <Card title="You're already in a couple">
        <p>
          An invite link adds you to a couple only while you're in none. If you started a couple of your own by mistake,
          leave it in Settings (you keep everything you wrote), then open this link again.
        </p>
        <div className="button-row">
          <Link className="button" to="/dashboard">
            Go to your dashboard
          </Link>
          <Link to="/settings">Settings</Link>
        </div>
      </Card>
    );
  }
  return (
    <Card title="Join your partner">
      <p>
        Your partner invited you to check in together. Once you join, you each see the other's weekly ratings as soon as
        you have both answered that week. Your private notes stay yours.
      </p>
      <JoinForm
        heading="Your invite"
        initialCode={code.slice(0, 64)}
        onJoined={() => setJoinedHere(true)}
        next="/dashboard"
      />
    </Card>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="narrow">
      <section className="card" aria-labelledby="join-heading">
        <h1 id="join-heading">{title}</h1>
        {children}
      </section>
    </div>
  );
}
