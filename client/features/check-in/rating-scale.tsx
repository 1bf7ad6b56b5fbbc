import type { Practice } from '#shared/practices';

const VALUES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

interface Props {
  practice: Practice;
  value: number | undefined;
  error?: string | undefined;
  onChange: (value: number) => void;
}

/**
 * One practice, rated 1 to 10 with native radio buttons: a labelled group that arrow keys move through, and what
 * low, middle and high mean written beside it, so each number means the same thing every week.
 */
export function RatingScale({ practice, value, error, onChange }: Props) {
  const name = `rating-${practice.id}`;
  return (
    <fieldset
      className="rating"
      aria-describedby={`${name}-anchors${error ? ` ${name}-error` : ''}`}
      data-practice={practice.id}
    >
      <legend>
        <span className="rating-name">{practice.name}</span>
        <span className="rating-summary">{practice.summary}</span>
      </legend>
      <div className="rating-options" role="presentation">
        {VALUES.map((n) => (
          <label key={n} className="rating-option">
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              aria-label={`${n} of 10`}
            />
            <span aria-hidden="true">{n}</span>
          </label>
        ))}
      </div>
      <dl className="rating-anchors" id={`${name}-anchors`}>
        <div>
          <dt>1</dt>
          <dd>{practice.scale.low}</dd>
        </div>
        <div>
          <dt>5</dt>
          <dd>{practice.scale.middle}</dd>
        </div>
        <div>
          <dt>10</dt>
          <dd>{practice.scale.high}</dd>
        </div>
      </dl>
      {error && (
        <p className="field-error" id={`${name}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
