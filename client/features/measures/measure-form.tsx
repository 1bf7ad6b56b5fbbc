import { useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  MEASURE_INSTRUCTIONS_MAX_LENGTH,
  MEASURE_SOURCE_MAX_LENGTH,
  type MeasureDto,
} from '#shared/schemas/measure.schema';
import { FormError } from '#client/components/form-error';
import { LongTextField } from '#client/components/long-text-field';
import { TextField } from '#client/components/text-field';
import { newDraftKey } from '#client/lib/draft-key';
import { errorMessage, fieldErrors, httpStatusOf } from '#client/lib/errors';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';
import { definitionOf, draftOf, draftProblems, emptyDraft, serverProblems, type MeasureDraft } from './measure-draft';
import { MeasureItemsEditor } from './measure-items-editor';

interface Props {
  /** The measure to edit; a new one otherwise. */
  editing?: MeasureDto;
  onDone: (saved: { measureId: string; name: string }) => void;
  onCancel: () => void;
}

/** Creating a measure, or editing one: the coach's own questions, scale, scoring and cut-off. */
export function MeasureForm({ editing, onDone, onCancel }: Props) {
  const id = useId();
  const [draft, setDraft] = useState<MeasureDraft>(() => (editing ? draftOf(editing) : emptyDraft()));
  // One key per new measure's draft: a double click or a retry after a lost answer keeps one measure.
  const [draftKey] = useState(newDraftKey);
  // After a first try, the form's own check follows every keystroke, so a fixed field loses its message at once.
  const [tried, setTried] = useState(false);
  const set = (change: Partial<MeasureDraft>) => setDraft((d) => ({ ...d, ...change }));
  const queryClient = useQueryClient();
  // The name as stored: a retry of a create whose answer was lost, sent after an edit of the form, answers the measure
  // the first try made, under its first name. The save marked the list stale (lib/refreshes.ts): this reads it anew.
  const done = async (measureId: string) => {
    const list = await queryClient.fetchQuery(trpc.measure.list.queryOptions()).catch(() => []);
    const stored = list.find((m) => m.measureId === measureId);
    onDone({ measureId, name: stored?.name ?? draft.name.trim() });
  };
  const create = useGuardedMutation(trpc.measure.create.mutationOptions({ onSuccess: (r) => done(r.measureId) }));
  const update = useGuardedMutation(
    trpc.measure.update.mutationOptions({ onSuccess: () => done(editing?.measureId ?? '') }),
  );
  const save = editing ? update : create;
  const pending = save.isPending;

  // The server's refusal by field, once it has answered; the form's own check before sending otherwise.
  const refusal = save.error;
  const refusedFields =
    refusal && (httpStatusOf(refusal) ?? 500) < 500
      ? serverProblems(errorMessage(refusal), fieldErrors(refusal), draft.sameScale)
      : {};
  const problems = { ...refusedFields, ...(tried ? draftProblems(draft) : {}) };
  const anyFieldProblem = Object.keys(problems).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(draftProblems(draft)).length > 0) {
      // Focus moves to the first field to fix, which reads out its message.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    save.reset();
    const definition = definitionOf(draft);
    if (editing) update.mutate({ measureId: editing.measureId, ...definition });
    else create.mutate({ ...definition, draftKey });
  };

  return (
    <form className="card stack measure-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{editing ? `Edit “${editing.name}”` : 'New measure'}</h2>
      <p className="muted small">
        Tandem comes with no questionnaires of its own. Type or paste the questions of one you wrote, one that is free
        to use, or one your practice holds a licence for.
      </p>
      {editing?.hasAnswers && (
        <p className="notice notice-highlight">
          This measure has answers. Saving makes it version {editing.version + 1}: past scores keep the questions they
          were answered with, and the next answers use your changes.
        </p>
      )}
      <TextField
        label="Name"
        value={draft.name}
        onChange={(e) => set({ name: e.target.value })}
        error={problems.name}
        autoComplete="off"
      />
      <LongTextField
        id={`${id}-instructions`}
        label="Instructions for the couple (optional)"
        hint="Shown above the questions, for example “Over the last two weeks, how often…”."
        rows={3}
        max={MEASURE_INSTRUCTIONS_MAX_LENGTH}
        value={draft.instructions}
        onChange={(instructions) => set({ instructions })}
        error={problems.instructions}
      />
      <MeasureItemsEditor
        items={draft.items}
        sameScale={draft.sameScale}
        scale={draft.scale}
        problems={problems}
        onItems={(items) => set({ items })}
        onSameScale={(sameScale) => set({ sameScale })}
        onScale={(scale) => set({ scale })}
      />

      <fieldset className="field">
        <legend>Score</legend>
        <span className="field-hint">Reverse-scored questions are turned around first.</span>
        <div className="choice-list measure-scoring">
          {(['sum', 'mean'] as const).map((scoring) => (
            <label key={scoring} className="choice">
              <input
                type="radio"
                name={`${id}-scoring`}
                checked={draft.scoring === scoring}
                onChange={() => set({ scoring })}
              />
              <span>{scoring === 'sum' ? 'The sum of the answers' : 'The mean of the answers'}</span>
            </label>
          ))}
        </div>
        {problems.scoring && <span className="field-error">{problems.scoring}</span>}
      </fieldset>

      <fieldset className="field">
        <legend>Cut-off (optional)</legend>
        <span className="field-hint">
          The score from which an answer is worth a closer look. A score exactly at the cut-off counts as concern.
        </span>
        <div className="measure-pair">
          <TextField
            label="Cut-off score"
            inputMode="decimal"
            value={draft.cutoffValue}
            onChange={(e) => set({ cutoffValue: e.target.value })}
            error={problems.cutoffValue}
          />
          <div className="field">
            <label htmlFor={`${id}-direction`}>Concern when the score is</label>
            <select
              id={`${id}-direction`}
              value={draft.cutoffDirection}
              onChange={(e) => set({ cutoffDirection: e.target.value as MeasureDraft['cutoffDirection'] })}
            >
              <option value="above">at or above the cut-off</option>
              <option value="below">at or below the cut-off</option>
            </select>
          </div>
        </div>
      </fieldset>
      <TextField
        label="Reliable change, in score points (optional)"
        hint="A change since the first score at least this big is called reliable; a smaller one is within normal variation."
        inputMode="decimal"
        value={draft.reliableChange}
        onChange={(e) => set({ reliableChange: e.target.value })}
        error={problems.reliableChange}
      />
      <LongTextField
        id={`${id}-source`}
        label="Source (optional)"
        hint="Where the questions come from, and their licence, for your own records."
        rows={2}
        max={MEASURE_SOURCE_MAX_LENGTH}
        value={draft.source}
        onChange={(source) => set({ source })}
        error={problems.source}
      />
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            checked={draft.mayUse}
            aria-invalid={problems.mayUse ? true : undefined}
            aria-describedby={problems.mayUse ? `${id}-may-use-error` : undefined}
            onChange={(e) => set({ mayUse: e.target.checked })}
          />
          <span>
            I may use this questionnaire with my clients (I wrote it, it is free to use, or my practice holds a licence)
          </span>
        </label>
        {problems.mayUse && (
          <span id={`${id}-may-use-error`} className="field-error">
            {problems.mayUse}
          </span>
        )}
      </div>
      {anyFieldProblem ? (
        <p className="notice notice-error" role="alert">
          Some answers need a look: see the messages by the fields.
        </p>
      ) : (
        <FormError error={refusal} />
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Saving…' : editing ? 'Save changes' : 'Create measure'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
