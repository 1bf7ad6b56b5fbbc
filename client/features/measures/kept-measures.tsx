import { useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { KeptMeasureDto } from '#shared/schemas/kept-measure.schema';
import { formatNumber } from '#shared/wording';
import { FormError } from '#client/components/form-error';
import { goneAlreadyIsDone } from '#client/lib/gone-already';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { weekLabel } from '#client/lib/weeks';
import { trpc } from '#client/trpc';

const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * The questionnaire answers a partner kept once no couple's schedule held them (brought back from a file, or kept
 * when they left a couple): theirs to read and to delete. Nothing shows for someone who has none, which is nearly everyone.
 */
export function KeptMeasures() {
  const kept = useQuery(trpc.measure.kept.queryOptions());
  if (!kept.data?.length) return null;
  return (
    <div className="stack">
      <h3>Questionnaire answers you kept</h3>
      <p className="muted small">
        Your answers to a coach’s questionnaires that no couple’s schedule holds any more: brought back from a file, or
        kept when you left a couple. Only you can see them, and they are in your download.
      </p>
      <ul className="kept-measure-list">
        {kept.data.map((measure) => (
          <KeptMeasure key={measure.measureId} measure={measure} />
        ))}
      </ul>
    </div>
  );
}

function KeptMeasure({ measure }: { measure: KeptMeasureDto }) {
  const [confirming, setConfirming] = useState(false);
  // The button pressed gives way to the question; "Keep them" brings it back, and the focus with it.
  const deleteButton = useRef<HTMLButtonElement>(null);
  const keep = () => {
    setConfirming(false);
    requestAnimationFrame(() => deleteButton.current?.focus());
  };
  const remove = useGuardedMutation(goneAlreadyIsDone(trpc.measure.deleteKept.mutationOptions()));
  const { answers, scoreRange } = measure;
  const headingId = `kept-${measure.measureId}`;
  const span = answersSpan(measure);

  return (
    <li className="kept-measure" aria-labelledby={headingId}>
      <h4 id={headingId}>{measure.name}</h4>
      <p className="muted small">
        {span}. {measure.scoring === 'sum' ? 'The sum' : 'The mean'} of your answers, from{' '}
        {formatNumber(scoreRange.min)} to {formatNumber(scoreRange.max)}. Kept on{' '}
        {dayMonthYear.format(new Date(measure.keptAt))}.
      </p>
      {answers.length > 0 && (
        <details className="kept-measure-details">
          <summary>Your scores</summary>
          <ul className="status-list kept-scores">
            {answers.map((answer) => (
              <li key={answer.period}>
                <span>{weekLabel(answer.period)}</span>
                <span>{answer.skipped || answer.score === null ? 'Skipped' : formatNumber(answer.score)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="button-row">
        {confirming ? (
          <>
            <button
              type="button"
              className="button button-danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ measureId: measure.measureId })}
            >
              {remove.isPending ? 'Deleting…' : 'Yes, delete them for good'}
            </button>
            {/* The safe choice takes the focus, so that Enter pressed twice deletes nothing. */}
            <button type="button" className="button button-secondary" onClick={keep} autoFocus>
              Keep them
            </button>
          </>
        ) : (
          <button
            ref={deleteButton}
            type="button"
            className="button button-secondary"
            onClick={() => setConfirming(true)}
          >
            Delete these answers…
          </button>
        )}
      </div>
      <FormError error={remove.error} />
    </li>
  );
}

/** "3 answers, from the week of 3 Nov to the week of 17 Nov" (a skip counts: it is an answer of its own). */
function answersSpan({ answers }: KeptMeasureDto): string {
  const week = (period: string) => weekLabel(period).replace(/^Week/, 'the week');
  const first = answers[0];
  const last = answers.at(-1);
  if (!first || !last) return 'No answers';
  const count = `${answers.length} ${answers.length === 1 ? 'answer' : 'answers'}`;
  return first === last
    ? `${count}, ${week(first.period)}`
    : `${count}, from ${week(first.period)} to ${week(last.period)}`;
}
