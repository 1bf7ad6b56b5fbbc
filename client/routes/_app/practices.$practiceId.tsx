import { useQuery } from '@tanstack/react-query';
import { createFileRoute, Link, notFound } from '@tanstack/react-router';
import { isPracticeId, PRACTICES_BY_ID } from '../../../shared/practices';
import { PracticeHistoryTable } from '../../features/practices/practice-history-table';
import { trpc } from '../../trpc';

export const Route = createFileRoute('/_app/practices/$practiceId')({
  loader: ({ params }) => {
    if (!isPracticeId(params.practiceId)) throw notFound();
    return { practice: PRACTICES_BY_ID[params.practiceId] };
  },
  component: PracticePage,
});

function PracticePage() {
  const { practice } = Route.useLoaderData();
  const { me } = Route.useRouteContext();
  const history = useQuery({ ...trpc.assessment.history.queryOptions(), enabled: me.role === 'partner' });

  return (
    <article className="medium stack">
      <p className="small">
        <Link to="/dashboard">Dashboard</Link> / Practices
      </p>
      <header>
        <h1>{practice.name}</h1>
        <p className="page-intro">{practice.summary}</p>
      </header>
      <section className="card">
        <h2>What it looks like</h2>
        <p>{practice.inDailyLife}</p>
        <h2>Why it matters</h2>
        <p>{practice.whyItMatters}</p>
      </section>
      <section className="card" aria-labelledby="exercises-heading">
        <h2 id="exercises-heading">Things to try this week</h2>
        <ol className="exercise-list">
          {practice.exercises.map((exercise) => (
            <li key={exercise.title}>
              <h3>
                {exercise.title} <span className="muted small">· about {exercise.minutes} minutes</span>
              </h3>
              <p>{exercise.steps}</p>
            </li>
          ))}
        </ol>
      </section>
      <section className="card card-muted">
        <h2>A question to reflect on</h2>
        <p>{practice.reflectionQuestion}</p>
      </section>
      <section className="card" aria-labelledby="scale-heading">
        <h2 id="scale-heading">How to rate yourself</h2>
        <dl className="definition-list">
          <dt>1</dt>
          <dd>{practice.scale.low}</dd>
          <dt>5</dt>
          <dd>{practice.scale.middle}</dd>
          <dt>10</dt>
          <dd>{practice.scale.high}</dd>
        </dl>
      </section>
      {me.role === 'partner' && (
        <section className="card" aria-labelledby="history-heading">
          <h2 id="history-heading">Your history with it</h2>
          {history.data ? (
            <PracticeHistoryTable history={history.data} practiceId={practice.id} viewerId={me.id} />
          ) : history.isError ? (
            <p className="notice notice-error">We couldn't load your history. Reload the page to try again.</p>
          ) : (
            <div className="skeleton" style={{ height: '6rem' }} />
          )}
        </section>
      )}
    </article>
  );
}
