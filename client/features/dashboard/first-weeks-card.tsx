import { FIRST_WEEKS } from '#shared/schemas/dashboard.schema';
import { countWord } from '#shared/wording';

/**
 * In a couple's first weeks the charts would be a dot or two at the edge of twelve empty weeks, so they wait, and
 * this says why and when they come. What there is to see already (the latest numbers, the wheel) stays on the page.
 */
export function FirstWeeksCard({
  weeks,
  reader,
  paired,
}: {
  weeks: number;
  reader: 'partner' | 'coach';
  /** Whether there are two partners (with one, there is no side by side to point to). */
  paired: boolean;
}) {
  const toGo = FIRST_WEEKS - weeks;
  const coach = reader === 'coach';
  const forWhom = paired ? ' for each of you' : '';
  return (
    <section className="card first-weeks" aria-labelledby="first-weeks-heading">
      <h2 id="first-weeks-heading">{coach ? 'Their first weeks' : 'Your first weeks'}</h2>
      <ol className="first-weeks-steps" aria-label={`${weeks} of the first ${FIRST_WEEKS} weeks checked in`}>
        {Array.from({ length: FIRST_WEEKS }, (_, i) => (
          <li key={i} className={i < weeks ? 'step-done' : undefined}>
            Week {i + 1}
          </li>
        ))}
      </ol>
      <p>
        {coach
          ? `They have check-ins from ${countWord(weeks)} ${weeks === 1 ? 'week' : 'weeks'} so far. Their charts of how each practice moves appear after ${countWord(toGo)} more ${toGo === 1 ? 'week' : 'weeks'}; until then a chart would be a dot or two.`
          : `Welcome. You have check-ins from ${countWord(weeks)} ${weeks === 1 ? 'week' : 'weeks'} so far. After ${countWord(toGo)} more ${toGo === 1 ? 'week' : 'weeks'}, your charts here will show how each practice moves${forWhom}; until then a chart would be a dot or two.`}
      </p>
      <p className="muted small">
        {coach
          ? `${paired ? 'Their latest numbers and the wheel' : 'The wheel'} below ${paired ? 'show' : 'shows'} where they are now.`
          : `${paired ? 'Your latest numbers and the wheel' : 'The wheel'} below ${paired ? 'show' : 'shows'} where you are now. One check-in a week is all it takes.`}
      </p>
    </section>
  );
}
