import { createFileRoute, Link } from '@tanstack/react-router';

export const Route = createFileRoute('/_app/coach')({
  component: CoachPage,
});

function CoachPage() {
  const { me } = Route.useRouteContext();
  if (me.role !== 'coach') {
    return (
      <div className="card medium">
        <h1>This page is for coaches</h1>
        <p>Your own dashboard is where your couple's check-ins live.</p>
        <Link className="button" to="/dashboard">
          Go to your dashboard
        </Link>
      </div>
    );
  }
  return (
    <div className="medium stack">
      <h1>Your client couples</h1>
      <section className="card">
        <h2>No couples yet</h2>
        <p className="muted">
          A couple shares their check-ins with you by inviting you from their own settings. Until a couple does, there is
          nothing of theirs for you to see, and that is by design: their data is theirs.
        </p>
      </section>
    </div>
  );
}
