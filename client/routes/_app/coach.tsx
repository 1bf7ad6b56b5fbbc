import { createFileRoute } from '@tanstack/react-router';
import { WrongRole } from '../../components/wrong-role';

export const Route = createFileRoute('/_app/coach')({
  component: CoachPage,
});

function CoachPage() {
  const { me } = Route.useRouteContext();
  if (me.role !== 'coach') {
    return (
      <WrongRole
        title="This page is for coaches"
        text="Your own dashboard is where your couple's check-ins live."
        to="/dashboard"
        action="Go to your dashboard"
      />
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
