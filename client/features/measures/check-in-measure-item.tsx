import type { CSSProperties } from 'react';
import type { MeasureItem } from '#shared/schemas/measure.schema';
import { usesButtons } from './partner-measure-format';

interface Props {
  /** Unique on the page: the field's name and the prefix of its ids. */
  id: string;
  item: MeasureItem;
  /** What the person chose or typed, as text ('' for nothing yet). */
  text: string;
  error?: string | undefined;
  onChange: (text: string) => void;
}

/**
 * One item of a coach's measure, answered like a practice: a short scale is a row of native radio buttons (a
 * labelled group that arrow keys move through), a wide one (more than eleven points) a labelled number field. The
 * item's text is the control's name; what the two ends mean is written beside it and read with it.
 */
export function CheckInMeasureItem({ id, item, text, error, onChange }: Props) {
  const describedBy = `${id}-ends${error ? ` ${id}-error` : ''}`;
  const errorLine = error && (
    <p className="field-error" id={`${id}-error`}>
      {error}
    </p>
  );

  if (!usesButtons(item)) {
    return (
      <div className="check-in-measure-item" data-measure-item={id}>
        <label className="check-in-measure-text" htmlFor={`${id}-input`}>
          {item.text}
        </label>
        <p className="check-in-measure-hint field-hint" id={`${id}-ends`}>
          A whole number from {item.min} (<span dir="auto">{item.minLabel}</span>) to {item.max} (
          <span dir="auto">{item.maxLabel}</span>).
        </p>
        <input
          id={`${id}-input`}
          className="check-in-measure-number"
          type="number"
          inputMode="numeric"
          min={item.min}
          max={item.max}
          step={1}
          value={text}
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
        {errorLine}
      </div>
    );
  }

  const points = Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i);
  // A phone fits six buttons of 44 px in a row; a longer scale wraps to two even rows.
  const style = {
    '--points': points.length,
    '--points-narrow': points.length <= 6 ? points.length : Math.ceil(points.length / 2),
  } as CSSProperties;
  return (
    <fieldset
      className="rating check-in-measure-item"
      role="radiogroup"
      aria-labelledby={`${id}-text`}
      aria-describedby={describedBy}
      aria-required="true"
      aria-invalid={error ? true : undefined}
      data-measure-item={id}
      style={style}
    >
      <legend>
        <span className="check-in-measure-text" id={`${id}-text`}>
          {item.text}
        </span>
      </legend>
      <div className="rating-options check-in-measure-options" role="presentation">
        {points.map((n) => (
          <label key={n} className="rating-option">
            <input
              type="radio"
              name={id}
              value={n}
              checked={text === String(n)}
              onChange={() => onChange(String(n))}
              aria-label={String(n)}
            />
            <span aria-hidden="true">{n}</span>
          </label>
        ))}
      </div>
      <dl className="check-in-measure-ends" id={`${id}-ends`}>
        <div>
          <dt>{item.min}</dt>
          <dd dir="auto">{item.minLabel}</dd>
        </div>
        <div>
          <dt>{item.max}</dt>
          <dd dir="auto">{item.maxLabel}</dd>
        </div>
      </dl>
      {errorLine}
    </fieldset>
  );
}
