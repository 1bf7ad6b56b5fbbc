import { useId, useState, type FormEvent } from 'react';
import type { PracticeId } from '#shared/practice-ids';
import {
  REFLECTION_MAX_LENGTH,
  type ReflectionDto,
  type ReflectionVisibility,
} from '#shared/schemas/reflection.schema';
import { FormError } from '#client/components/form-error';
import { fieldErrors } from '#client/lib/errors';
import { useReflectionActions } from './use-reflection-actions';
import { visibilityOptions } from './visibility-text';

interface Props {
  practiceId: PracticeId;
  partnerName: string | null;
  /** The reflection being edited; a new one otherwise. */
  editing?: ReflectionDto;
  onDone?: () => void;
}

/** Writing an answer: private unless the author chooses otherwise. */
export function ReflectionForm({ practiceId, partnerName, editing, onDone }: Props) {
  const id = useId();
  const [body, setBody] = useState(editing?.body ?? '');
  const [visibility, setVisibility] = useState<ReflectionVisibility>(editing?.visibility ?? 'private');
  const { save } = useReflectionActions(() => {
    if (!editing) {
      setBody('');
      setVisibility('private');
    }
    onDone?.();
  });
  const errors = fieldErrors(save.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: editing?.id, practiceId, body, visibility });
  };

  return (
    <form className="reflection-form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-body`}>{editing ? 'Edit your answer' : 'Your answer'}</label>
        <span id={`${id}-hint`} className="field-hint">
          In your own words; up to {REFLECTION_MAX_LENGTH} characters.
        </span>
        <textarea
          id={`${id}-body`}
          value={body}
          maxLength={REFLECTION_MAX_LENGTH}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={`${id}-hint${errors.body ? ` ${id}-error` : ''}`}
        />
        {errors.body && (
          <span id={`${id}-error`} className="field-error">
            {errors.body}
          </span>
        )}
      </div>
      <fieldset className="field visibility-choice">
        <legend>Who can read it</legend>
        {visibilityOptions(partnerName).map((option) => (
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
