import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { KeptMeasureDto } from '#shared/schemas/kept-measure.schema';
import { formatNumber } from '#shared/wording';
import { FormError } from '#client/components/form-error';
import { useSignedIn } from '#client/lib/use-signed-in';
import { goneAlreadyIsDone } from '#client/lib/gone-already';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { weekLabel } from '#client/lib/weeks';
import { trpc } from '#client/trpc';

const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * The questionnaire answers a partner kept once no couple's schedule held them (brought back from a file, or kept
 * when they left a couple): theirs to read and to delete. Nothing shows for someone who has none, which is nearly
 * everyone; a failed read says so rather than look like none.
 */
export function KeptMeasures() {
  // Not asked once the session has ended on this page (a deletion, "log out everywhere"): it would only be refused.
  const kept = useQuery({ ...trpc.measure.kept.queryOptions(), enabled: useSignedIn() });
  // After a deletion the item is gone, and the focus with it: it moves to this line, which says what happened.
  const [deleted, setDeleted] = useState<string | null>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (deleted) notice.current?.focus();
  }, [deleted]);

  const measures = kept.data ?? [];
  if (measures.length === 0 && !deleted && !kept.isError) return null;
  return (
    <div className="stack">
      <h3>Questionnaire answers you kept</h3>
      <p className="muted small">
        Your answers to a coach’s questionnaires that no couple’s schedule holds any more: brought back from a file, or
        kept when you left a couple. Only you can see them, and they are in your download.
      </p>
      {kept.isError && measures.length === 0 && <FormError error={kept.error} />}
      {deleted && (
        <p ref={notice} role="status" tabIndex={-1} className="small">
          Your answers to “{deleted}” are deleted.
        </p>
      )}
      {measures.length > 0 && (
        <ul className="kept-measure-list">
          {measures.map((measure) => (
            <KeptMeasure key={measure.measureId} measure={measure} onDeleted={() => setDeleted(measure.name)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function KeptMeasure({ measure, onDeleted }: { measure: KeptMeasureDto; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useGuardedMutation(
    goneAlreadyIsDone(trpc.measure.deleteKept.mutationOptions({ onSuccess: () => onDeleted() })),
  );
  // The button pressed gives way to the question; "Keep them" brings it back, and the focus with it.
  const deleteButton = useRef<HTMLButtonElement>(null);
  const keep = () => {
    setConfirming(false);
    remove.reset();
    requestAnimationFrame(() => deleteButton.current?.focus());
  };
  const { answers, scoreRange } = measure;
  const headingId = `kept-${measure.measureId}`;
  const questionId = `kept-question-${measure.measureId}`;

  return (
    <li className="kept-measure" aria-labelledby={headingId}>
      <h4 id={headingId}>{measure.name}</h4>
      <p className="muted small">
        {answersSpan(measure)}. {measure.scoring === 'sum' ? 'The sum' : 'The mean'} of your answers, from{' '}
        {formatNumber(scoreRange.min)} to {formatNumber(scoreRange.max)}. First kept on{' '}
        {dayMonthYear.format(new Date(measure.keptAt))}.
      </p>
      {answers.length > 0 && (
        <details className="kept-measure-details">
          <summary>Your scores</summary>
          <ul className="status-list kept-scores">
            {answers.map((answer) => (
              <li key={answer.period}>
                <span>
                  {weekLabel(answer.period)}
                  <span className="visually-hidden">: </span>
                </span>
                <span>{answer.skipped || answer.score === null ? 'Skipped' : formatNumber(answer.score)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {confirming ? (
        <div role="group" aria-labelledby={questionId}>
          <p id={questionId}>
            Delete your answers to “{measure.name}” for good? Only importing a file that holds them would bring them
            back.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button-danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ measureId: measure.measureId })}
            >
              {remove.isPending ? 'Deleting…' : 'Yes, delete them for good'}
            </button>
            {/* The safe choice takes the focus, so that Enter pressed twice deletes nothing. */}
            <button
              type="button"
              className="button button-secondary"
              onClick={keep}
              disabled={remove.isPending}
              autoFocus
            >
              Keep them
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button
            ref={deleteButton}
            type="button"
            className="button button-secondary"
            aria-describedby={headingId}
            onClick={() => setConfirming(true)}
          >
            Delete these answers…
          </button>
        </div>
      )}
      <FormError error={remove.error} />
    </li>
  );
}

/** "2 answers and 1 skip, from the week of 3 Nov to the week of 17 Nov". */
function answersSpan({ answers }: KeptMeasureDto): string {
  const week = (period: string) => weekLabel(period).replace(/^Week/, 'the week');
  const first = answers[0];
  const last = answers.at(-1);
  if (!first || !last) return 'No answers';
  const skips = answers.filter((a) => a.skipped || a.score === null).length;
  const given = answers.length - skips;
  const counts = [
    given > 0 ? `${given} ${given === 1 ? 'answer' : 'answers'}` : null,
    skips > 0 ? `${skips} ${skips === 1 ? 'skip' : 'skips'}` : null,
  ]
    .filter(Boolean)
    .join(' and ');
  const text = counts.charAt(0).toUpperCase() + counts.slice(1);
  return first === last
    ? `${text}, ${week(first.period)}`
    : `${text}, from ${week(first.period)} to ${week(last.period)}`;
}
