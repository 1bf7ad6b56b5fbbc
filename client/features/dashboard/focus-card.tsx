import { Link } from '@tanstack/react-router';
import { PRACTICES_BY_ID, type PracticeId } from '#shared/practices';
import type { FocusDto } from '#shared/schemas/focus.schema';
import { parseWeek, type Week } from '#shared/week';
import { FormError } from '#client/components/form-error';
import { currentFocusLine } from '#client/features/focus/focus-text';
import { useFocusActions } from '#client/features/focus/use-focus-actions';

interface Props {
  suggestion: { practiceId: PracticeId; reasons: string[]; basis: 'coach' | 'focus' | 'ratings' };
  week: Week;
  /** The couple's adopted focus; undefined while it loads. */
  focus: FocusDto | null | undefined;
  viewerId: string;
  /** Only a partner in a couple can adopt a focus: it belongs to the two of them. */
  canAdopt: boolean;
  /** A partner reads about "you"; the couple's coach reads about "them". */
  reader?: 'partner' | 'coach';
}

/**
 * The one practice to work on now, why, and something concrete to try this week. The label says what it is: a
 * suggestion ("Suggested for this week"), the couple's own focus ("Your focus"), or their coach's choice ("Chosen
 * by your coach", which the couple does not adopt: it is already chosen). When the couple's own focus and the
 * suggestion differ, both are shown as they are.
 */
export function FocusCard({ suggestion, week, focus, viewerId, canAdopt, reader = 'partner' }: Props) {
  const practice = PRACTICES_BY_ID[suggestion.practiceId];
  const { adopt, clear } = useFocusActions();
  const coach = reader === 'coach';
  const your = coach ? 'their' : 'your';
  const byCoach = suggestion.basis === 'coach';
  const isFocus = focus?.practiceId === suggestion.practiceId;
  const otherFocus = focus && !isFocus ? focus : null;
  // A different exercise each week, the same one for both partners.
  const exercise = practice.exercises[(parseWeek(week)?.week ?? 0) % practice.exercises.length]!;
  const busy = adopt.isPending || clear.isPending;
  const offerAdopt = canAdopt && !isFocus && !byCoach;
  const eyebrow = byCoach
    ? `Chosen by ${your} coach`
    : isFocus
      ? `${coach ? 'Their' : 'Your'} focus`
      : 'Suggested for this week';

  return (
    <section className="card focus-card" aria-labelledby="focus-heading">
      {otherFocus && (
        <div className="focus-current">
          <p className="eyebrow">{coach ? 'Their' : 'Your'} focus</p>
          <p>
            <Link to="/practices/$practiceId" params={{ practiceId: otherFocus.practiceId }}>
              <strong>{PRACTICES_BY_ID[otherFocus.practiceId].name}</strong>
            </Link>
            . {currentFocusLine(otherFocus, viewerId, undefined, your)}
          </p>
        </div>
      )}
      <p className="eyebrow">{eyebrow}</p>
      <h2 id="focus-heading">
        <Link to="/practices/$practiceId" params={{ practiceId: practice.id }}>
          {practice.name}
        </Link>
      </h2>
      {isFocus && <p className="focus-since">{currentFocusLine(focus, viewerId, undefined, your)}</p>}
      <ul className="reason-list">
        {suggestion.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {suggestion.basis === 'ratings' && (
        <p className="muted small">
          {coach
            ? 'It rests on their check-ins before this week, so it stays the same all week; what they answer this week counts from next week.'
            : 'It rests on your check-ins before this week, so it stays the same all week; what you answer now counts from next week.'}
        </p>
      )}
      {canAdopt && focus !== undefined && (offerAdopt || focus) && (
        <div className="button-row focus-actions">
          {offerAdopt && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => adopt.mutate({ practiceId: practice.id })}
            >
              {otherFocus ? `Make ${practice.shortName.toLowerCase()} our focus instead` : 'Adopt as our focus'}
            </button>
          )}
          {focus && (
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => clear.mutate({})}>
              {isFocus
                ? 'Stop this focus'
                : `Stop focusing on ${PRACTICES_BY_ID[focus.practiceId].shortName.toLowerCase()}`}
            </button>
          )}
        </div>
      )}
      {offerAdopt && !otherFocus && (
        <p className="muted small">
          Adopting it keeps it first for you both for at least two weeks and shades those weeks on your charts.
        </p>
      )}
      <FormError error={adopt.error ?? clear.error} />
      <div className="grid grid-2">
        <div>
          <h3>
            {coach ? 'For them to try' : 'Try this'}: {exercise.title}{' '}
            <span className="muted small">· about {exercise.minutes} minutes</span>
          </h3>
          <p>{exercise.steps}</p>
        </div>
        <div>
          <h3>{coach ? 'A question for the two of them' : 'A question for the two of you'}</h3>
          <p>{practice.reflectionQuestion}</p>
        </div>
      </div>
    </section>
  );
}
