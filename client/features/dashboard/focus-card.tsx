import { Link } from '@tanstack/react-router';
import { PRACTICES_BY_ID, type PracticeId } from '../../../shared/practices';
import { parseWeek, type Week } from '../../../shared/week';

interface Props {
  suggestion: { practiceId: PracticeId; reasons: string[] };
  week: Week;
}

/** The one practice to work on now, why, and something concrete to try this week. */
export function FocusCard({ suggestion, week }: Props) {
  const practice = PRACTICES_BY_ID[suggestion.practiceId];
  // A different exercise each week, the same one for both partners.
  const exercise = practice.exercises[(parseWeek(week)?.week ?? 0) % practice.exercises.length]!;
  return (
    <section className="card focus-card" aria-labelledby="focus-heading">
      <p className="eyebrow">This week's focus</p>
      <h2 id="focus-heading">
        <Link to="/practices/$practiceId" params={{ practiceId: practice.id }}>
          {practice.name}
        </Link>
      </h2>
      <ul className="reason-list">
        {suggestion.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <div className="grid grid-2">
        <div>
          <h3>
            Try this: {exercise.title} <span className="muted small">· about {exercise.minutes} minutes</span>
          </h3>
          <p>{exercise.steps}</p>
        </div>
        <div>
          <h3>A question for the two of you</h3>
          <p>{practice.reflectionQuestion}</p>
        </div>
      </div>
    </section>
  );
}
