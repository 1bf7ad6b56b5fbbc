import { useEffect, useId, useState, type ReactNode, type TextareaHTMLAttributes } from 'react';

/** How the server counts: the text as it will be stored, trimmed, in UTF-16 units (what `maxLength` checks). */
export const storedLength = (value: string) => value.trim().length;

export const isTooLong = (value: string, max: number) => storedLength(value) > max;

const count = (n: number) => n.toLocaleString();
const characters = (n: number) => `${count(n)} character${n === 1 ? '' : 's'}`;

/** What a form says when it refuses to save a text over its limit: nothing is ever cut silently. */
export function tooLongMessage(value: string, max: number): string {
  return `This is ${characters(storedLength(value) - max)} over the limit of ${count(max)}. Shorten it to save; nothing has been cut.`;
}

interface Props extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange' | 'maxLength'> {
  label: string;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** The limit from `shared/schemas/text.schema.ts`. The field never cuts: a longer text is refused on saving. */
  max: number;
  error?: string | undefined;
  id?: string;
}

/**
 * A labelled text area with a counter. The counter on screen follows every keystroke; screen readers hear it only
 * once the person pauses, politely, so typing is not talked over.
 */
export function LongTextField({ label, hint, value, onChange, max, error, id: givenId, ...textarea }: Props) {
  const ownId = useId();
  const id = givenId ?? ownId;
  const length = storedLength(value);
  const over = length > max;
  const counter = over ? `${characters(length - max)} too many` : `${count(length)} of ${count(max)} characters`;
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSpoken(length > 0 ? counter : ''), 1200);
    return () => clearTimeout(timer);
  }, [counter, length]);
  const shownError = error ?? (over ? tooLongMessage(value, max) : undefined);
  const describedBy = [hint ? `${id}-hint` : null, `${id}-limit`, shownError ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      <textarea
        id={id}
        dir="auto"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={describedBy}
        {...textarea}
      />
      <span id={`${id}-limit`} className="visually-hidden">
        Up to {count(max)} characters.
      </span>
      <span className={`field-count${over ? ' is-over' : ''}`} aria-hidden="true" data-testid="char-count">
        {counter}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {spoken}
      </span>
      {shownError && (
        <span id={`${id}-error`} className="field-error">
          {shownError}
        </span>
      )}
    </div>
  );
}
