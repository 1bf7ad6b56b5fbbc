import { useId, useState } from 'react';
import { MEASURE_MAX_ITEMS } from '#shared/schemas/measure.schema';
import { TextField } from '#client/components/text-field';
import { blankItem, itemsFromLines, moveItem, type ItemDraft, type ScaleDraft } from './measure-draft';

interface Props {
  items: ItemDraft[];
  sameScale: boolean;
  scale: ScaleDraft;
  problems: Record<string, string>;
  onItems: (items: ItemDraft[]) => void;
  onSameScale: (same: boolean) => void;
  onScale: (scale: ScaleDraft) => void;
}

/** The scale fields of one item, or of all of them at once. */
function ScaleFields({
  scale,
  problems,
  prefix,
  onChange,
}: {
  scale: ScaleDraft;
  problems: Record<string, string>;
  prefix: string;
  onChange: (scale: ScaleDraft) => void;
}) {
  const set = (field: keyof ScaleDraft) => (e: { target: { value: string } }) =>
    onChange({ ...scale, [field]: e.target.value });
  return (
    <div className="measure-editor-scale">
      <TextField
        label="Lowest answer"
        inputMode="numeric"
        value={scale.min}
        onChange={set('min')}
        error={problems[`${prefix}.min`]}
      />
      <TextField
        label="Label of the lowest answer"
        value={scale.minLabel}
        onChange={set('minLabel')}
        error={problems[`${prefix}.minLabel`]}
        placeholder="Not at all"
      />
      <TextField
        label="Highest answer"
        inputMode="numeric"
        value={scale.max}
        onChange={set('max')}
        error={problems[`${prefix}.max`]}
      />
      <TextField
        label="Label of the highest answer"
        value={scale.maxLabel}
        onChange={set('maxLabel')}
        error={problems[`${prefix}.maxLabel`]}
        placeholder="Nearly every day"
      />
    </div>
  );
}

/**
 * The questions: typed one by one, or pasted one per line; each with its scale (or one scale for all) and whether it
 * is scored in reverse. Moving is by buttons, so the keyboard does it as well as a pointer.
 */
export function MeasureItemsEditor({ items, sameScale, scale, problems, onItems, onSameScale, onScale }: Props) {
  const id = useId();
  const [pasted, setPasted] = useState('');
  const [pasteNote, setPasteNote] = useState<string | null>(null);
  const update = (index: number, change: Partial<ItemDraft>) =>
    onItems(items.map((item, i) => (i === index ? { ...item, ...change } : item)));

  const usePasted = () => {
    const lines = pasted.split(/\r?\n/).filter((line) => line.trim()).length;
    if (lines === 0) return setPasteNote('Paste at least one line first.');
    onItems(itemsFromLines(pasted, items, scale));
    setPasted('');
    setPasteNote(
      lines > MEASURE_MAX_ITEMS
        ? `The first ${MEASURE_MAX_ITEMS} lines are now the items; a measure holds at most ${MEASURE_MAX_ITEMS}.`
        : `${lines} ${lines === 1 ? 'line is' : 'lines are'} now the items. Check each one below.`,
    );
  };

  return (
    <fieldset
      className="field measure-editor-items"
      aria-describedby={problems.items ? `${id}-items-error` : undefined}
    >
      <legend>Questions</legend>
      {problems.items && (
        <p id={`${id}-items-error`} className="field-error">
          {problems.items}
        </p>
      )}
      <details className="measure-editor-paste">
        <summary>Paste the questions, one per line</summary>
        <div className="field">
          <label htmlFor={`${id}-paste`}>Questions, one per line</label>
          <span id={`${id}-paste-hint`} className="field-hint">
            Numbering such as “1.” is taken off. The lines replace the texts of the questions below, in order.
          </span>
          <textarea
            id={`${id}-paste`}
            aria-describedby={`${id}-paste-hint`}
            rows={6}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
          />
        </div>
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={usePasted}>
            Use these lines
          </button>
        </div>
        <p className="small muted" role="status">
          {pasteNote}
        </p>
      </details>

      <label className="choice">
        <input type="checkbox" checked={sameScale} onChange={(e) => onSameScale(e.target.checked)} />
        <span>The same answer scale for every question</span>
      </label>
      {sameScale && (
        <fieldset className="measure-editor-shared-scale">
          <legend>Answer scale for every question</legend>
          <ScaleFields scale={scale} problems={problems} prefix="scale" onChange={onScale} />
        </fieldset>
      )}

      <ol className="measure-editor-list">
        {items.map((item, index) => {
          const n = index + 1;
          return (
            <li key={item.key} className="measure-editor-item">
              <fieldset>
                <legend>Question {n}</legend>
                <TextField
                  label={`Question ${n}: text`}
                  value={item.text}
                  onChange={(e) => update(index, { text: e.target.value })}
                  error={problems[`items.${index}.text`]}
                />
                {!sameScale && (
                  <ScaleFields
                    scale={item}
                    problems={problems}
                    prefix={`items.${index}`}
                    onChange={(change) => update(index, change)}
                  />
                )}
                <label className="measure-editor-reverse">
                  <input
                    type="checkbox"
                    checked={item.reverse}
                    onChange={(e) => update(index, { reverse: e.target.checked })}
                  />
                  Reverse scored (its highest answer counts as the lowest)
                </label>
                <div className="button-row measure-editor-actions">
                  <button
                    type="button"
                    className="link-button"
                    disabled={index === 0}
                    onClick={() => onItems(moveItem(items, index, -1))}
                  >
                    Move up
                    <span className="visually-hidden">: question {n}</span>
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    disabled={index === items.length - 1}
                    onClick={() => onItems(moveItem(items, index, 1))}
                  >
                    Move down
                    <span className="visually-hidden">: question {n}</span>
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    disabled={items.length === 1}
                    onClick={() => onItems(items.filter((_, i) => i !== index))}
                  >
                    Remove<span className="visually-hidden"> question {n}</span>
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          disabled={items.length >= MEASURE_MAX_ITEMS}
          onClick={() => onItems([...items, blankItem(sameScale ? scale : (items.at(-1) ?? scale))])}
        >
          Add a question
        </button>
        <span className="small muted">
          {items.length} of at most {MEASURE_MAX_ITEMS}
        </span>
      </div>
    </fieldset>
  );
}
