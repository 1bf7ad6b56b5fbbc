import { useId, useState, type FormEvent } from 'react';
import type { CoupleCoachDto } from '#shared/schemas/couple.schema';
import type { PracticeId } from '#shared/practice-ids';
import {
  REFLECTION_MAX_LENGTH,
  type ReflectionDto,
  type ReflectionVisibility,
} from '#shared/schemas/reflection.schema';
import { FormError } from '#client/components/form-error';
import { isTooLong, LongTextField } from '#client/components/long-text-field';
import { newDraftKey } from '#client/lib/draft-key';
import { fieldErrors } from '#client/lib/errors';
import { useReflectionActions } from './use-reflection-actions';
import { formatDay, visibilityOptions } from './visibility-text';

interface Props {
  practiceId: PracticeId;
  partnerName: string | null;
  /** The couple's coaches now: "our coach" is offered only when there is one. */
  coaches: CoupleCoachDto[];
  /** The reflection being edited; a new one otherwise. */
  editing?: ReflectionDto;
  onDone?: () => void;
}

/** Writing an answer: private unless the author chooses otherwise. */
export function ReflectionForm({ practiceId, partnerName, coaches, editing, onDone }: Props) {
  const id = useId();
  const [body, setBody] = useState(editing?.body ?? '');
  const [visibility, setVisibility] = useState<ReflectionVisibility>(editing?.visibility ?? 'private');
  // One key per draft of a new answer: saving it twice (a double click, a retry) keeps one answer.
  const [draftKey, setDraftKey] = useState(newDraftKey);
  const { save } = useReflectionActions(() => {
    if (!editing) {
      setBody('');
      setVisibility('private');
      setDraftKey(newDraftKey());
    }
    onDone?.();
  });
  const errors = fieldErrors(save.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // Refused rather than cut: the field already says by how much it is over.
    if (isTooLong(body, REFLECTION_MAX_LENGTH)) return document.getElementById(`${id}-body`)?.focus();
    save.mutate(
      editing ? { id: editing.id, practiceId, body, visibility } : { practiceId, body, visibility, draftKey },
    );
  };

  return (
    <form className="reflection-form" onSubmit={onSubmit} noValidate>
      <LongTextField
        id={`${id}-body`}
        label={editing ? 'Edit your answer' : 'Your answer'}
        hint="In your own words."
        max={REFLECTION_MAX_LENGTH}
        value={body}
        onChange={setBody}
        error={errors.body}
      />
      <fieldset className="field visibility-choice">
        <legend>Who can read it</legend>
        {visibilityOptions(partnerName, coaches.length > 0, editing?.visibility).map((option) => (
          <label key={option.value} className="radio-option">
            <input
              type="radio"
              name={`${id}-visibility`}
              value={option.value}
              checked={visibility === option.value}
              onChange={() => setVisibility(option.value)}
            />
            {option.label}
          </label>
        ))}
        {coaches.map((coach) => (
          <p key={coach.id} className="field-hint">
            Your coach <span dir="auto">{coach.displayName}</span> joined on {formatDay(coach.since)}. Answers you share
            with “our coach” from then on reach <span dir="auto">{coach.displayName}</span>; what you shared before
            stays with whom you shared it.
          </p>
        ))}
      </fieldset>
      <FormError error={Object.keys(errors).length > 0 ? null : save.error} />
      <div className="button-row">
        <button type="submit" className="button" disabled={save.isPending}>
          {editing ? 'Save changes' : 'Save answer'}
        </button>
        {editing && (
          <button type="button" className="button button-secondary" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
