import { useRef, useState, type FormEvent } from 'react';
import type { DueMeasureDto } from '#shared/schemas/measure.schema';
import { FormError } from '#client/components/form-error';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';
import { CheckInMeasureItem } from './check-in-measure-item';
import { forgetDraft, keepDraft, readDraft } from './partner-measure-drafts';
import {
  itemErrorText,
  measureSectionId,
  parseAnswer,
  periodLastDayText,
  periodSpanText,
  scoreMeaningText,
} from './partner-measure-format';

interface Props {
  due: DueMeasureDto;
  userId: string;
}

/**
 * One measure due this period, as its own short form after the ten practices: its own button, so saving the practices
 * never waits on it and it never waits on them. Open, it asks every item; answered or skipped, it says so and can be
 * opened again until the period ends (the server refuses a closed period, and the same answers twice change nothing).
 */
export function CheckInMeasureSection({ due, userId }: Props) {
  const { items } = due.measure;
  const id = measureSectionId(due);
  // A draft belongs to the questions it was picked for: after the coach edits them, it would not fit.
  const draftSlot = `${due.period} v${due.measure.version}`;
  const initialTexts = () =>
    readDraft(userId, due.assignmentId, draftSlot) ?? items.map((_, i) => String(due.answers?.[i] ?? ''));
  const [texts, setTexts] = useState<string[]>(initialTexts);
  const [open, setOpen] = useState(
    () => due.status === 'open' || readDraft(userId, due.assignmentId, draftSlot) !== null,
  );
  const [checked, setChecked] = useState(false);
  // Set once this form saved answers, for the thank-you (a skip says itself in the state that follows).
  const [done, setDone] = useState<'answered' | 'skipped' | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const finish = (how: 'answered' | 'skipped') => {
    forgetDraft(userId, due.assignmentId, draftSlot);
    setOpen(false);
    setChecked(false);
    setDone(how);
    // The form the focus is in goes away: the section's heading (always there) takes the focus first, so the person
    // stays in this section and hears the status below it.
    document.getElementById(`${id}-heading`)?.focus();
  };
  // What the section shows next (the status, the score) is refreshed before these run (lib/refreshes.ts).
  const answer = useGuardedMutation(trpc.measure.answer.mutationOptions({ onSuccess: () => finish('answered') }));
  const skip = useGuardedMutation(trpc.measure.skip.mutationOptions({ onSuccess: () => finish('skipped') }));
  const pending = answer.isPending || skip.isPending;

  const setText = (index: number, text: string) => {
    const next = texts.map((t, i) => (i === index ? text : t));
    setTexts(next);
    setDone(null);
    keepDraft(userId, due.assignmentId, draftSlot, next);
  };

  const answers = items.map((item, i) => parseAnswer(item, texts[i] ?? ''));
  const missing = answers.flatMap((a, i) => (a === undefined ? [i] : []));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (missing.length > 0) {
      // Take the person to the first item still waiting for an answer.
      formRef.current?.querySelector<HTMLInputElement>(`[data-measure-item="${id}-${missing[0]}"] input`)?.focus();
      return;
    }
    skip.reset();
    answer.mutate({
      assignmentId: due.assignmentId,
      period: due.period,
      version: due.measure.version,
      answers: answers as number[],
    });
  };

  const onSkip = () => {
    answer.reset();
    skip.mutate({ assignmentId: due.assignmentId, period: due.period });
  };

  const reopen = () => {
    setDone(null);
    setOpen(true);
  };

  const onCancel = () => {
    forgetDraft(userId, due.assignmentId, draftSlot);
    setTexts(items.map((_, i) => String(due.answers?.[i] ?? '')));
    setChecked(false);
    setOpen(false);
  };

  const lastDay = periodLastDayText(due.periodEndWeek);
  const asker = due.coachName ?? 'your coach';

  return (
    <section className="card check-in-measure" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} tabIndex={-1} dir="auto">
        {due.measure.name}
      </h2>
      <p className="muted small check-in-measure-asked">
        Asked by <bdi>{asker}</bdi>, for {periodSpanText(due.period, due.everyWeeks)}.
      </p>
      {due.measure.instructions && (
        <p className="check-in-measure-instructions" dir="auto">
          {due.measure.instructions}
        </p>
      )}

      <div role="status">
        {done === 'answered' && <p className="notice notice-success">Your answers are saved. Thank you.</p>}
      </div>

      {!open && due.status === 'answered' && (
        <div className="check-in-measure-state">
          {due.score !== null && <p className="check-in-measure-score">{scoreMeaningText(due.score)}</p>}
          <p>You have answered this one for this period. You can change your answers until {lastDay}.</p>
          <button type="button" className="button button-secondary" onClick={reopen}>
            Change answers
          </button>
        </div>
      )}
      {!open && due.status === 'skipped' && (
        <div className="check-in-measure-state">
          <p>You skipped this one for this period. You can still answer until {lastDay}.</p>
          <button type="button" className="button button-secondary" onClick={reopen}>
            Answer now
          </button>
        </div>
      )}

      {open && (
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          {due.status === 'answered' && (
            <p className="notice">
              Saving again replaces your answers. If you have both answered already, the change is marked as made
              afterwards.
            </p>
          )}
          {items.map((item, i) => (
            <CheckInMeasureItem
              key={i}
              id={`${id}-${i}`}
              item={item}
              text={texts[i] ?? ''}
              error={checked && answers[i] === undefined ? itemErrorText(item, texts[i] ?? '') : undefined}
              onChange={(text) => setText(i, text)}
            />
          ))}
          <div className="check-in-measure-actions">
            {checked && missing.length > 0 && (
              <p className="notice notice-error" role="alert">
                {missing.length === 1
                  ? 'One item still needs an answer.'
                  : `${missing.length} items still need an answer.`}
              </p>
            )}
            <FormError error={answer.error ?? skip.error} />
            <div className="button-row">
              <button type="submit" className="button" disabled={pending}>
                {answer.isPending ? 'Saving…' : 'Save answers'}
              </button>
              {due.status === 'open' ? (
                <button type="button" className="button button-secondary" disabled={pending} onClick={onSkip}>
                  {skip.isPending ? 'Skipping…' : 'Skip this time'}
                </button>
              ) : (
                <button type="button" className="button button-secondary" disabled={pending} onClick={onCancel}>
                  Cancel
                </button>
              )}
            </div>
          </div>
        </form>
      )}
    </section>
  );
}
