import {
  MEASURE_MAX_ITEMS,
  measureDefinitionSchema,
  type CutoffDirection,
  type MeasureDefinitionInput,
  type MeasureDto,
  type MeasureScoring,
} from '#shared/schemas/measure.schema';

/**
 * What the measure form holds while a coach types: numbers as the text typed (an empty field is "none", not zero),
 * and one shared scale for every item unless the coach turns that off. Pure, so the form stays a view of it.
 */
export interface ItemDraft {
  /** A stable React key: items move, and their inputs must keep focus and text as they do. */
  key: string;
  text: string;
  min: string;
  max: string;
  minLabel: string;
  maxLabel: string;
  reverse: boolean;
}

export type ScaleDraft = Pick<ItemDraft, 'min' | 'max' | 'minLabel' | 'maxLabel'>;
const SCALE_FIELDS = ['min', 'max', 'minLabel', 'maxLabel'] as const;

export interface MeasureDraft {
  name: string;
  instructions: string;
  /** When true, `scale` is every item's scale and the items' own scale fields are not shown. */
  sameScale: boolean;
  scale: ScaleDraft;
  items: ItemDraft[];
  scoring: MeasureScoring;
  cutoffValue: string;
  cutoffDirection: CutoffDirection;
  reliableChange: string;
  source: string;
  /** The coach confirms they may use the items: Tandem ships none of its own. Never sent, asked every time. */
  mayUse: boolean;
}

let nextKey = 0;
const itemKey = () => `item-${++nextKey}`;

const DEFAULT_SCALE: ScaleDraft = { min: '0', max: '3', minLabel: '', maxLabel: '' };

export function blankItem(scale: ScaleDraft = DEFAULT_SCALE, text = ''): ItemDraft {
  const { min, max, minLabel, maxLabel } = scale;
  return { key: itemKey(), text, min, max, minLabel, maxLabel, reverse: false };
}

export function emptyDraft(): MeasureDraft {
  return {
    name: '',
    instructions: '',
    sameScale: true,
    scale: { ...DEFAULT_SCALE },
    items: [blankItem()],
    scoring: 'sum',
    cutoffValue: '',
    cutoffDirection: 'above',
    reliableChange: '',
    source: '',
    mayUse: false,
  };
}

const sameScaleAs = (a: ScaleDraft, b: ScaleDraft) => SCALE_FIELDS.every((field) => a[field] === b[field]);

/** The form filled with a measure's current version, to edit it. */
export function draftOf(measure: MeasureDto): MeasureDraft {
  const items = measure.items.map((item) => ({
    key: itemKey(),
    text: item.text,
    min: String(item.min),
    max: String(item.max),
    minLabel: item.minLabel,
    maxLabel: item.maxLabel,
    reverse: item.reverse,
  }));
  const first = items[0] ?? blankItem();
  return {
    name: measure.name,
    instructions: measure.instructions ?? '',
    sameScale: items.every((item) => sameScaleAs(item, first)),
    scale: { min: first.min, max: first.max, minLabel: first.minLabel, maxLabel: first.maxLabel },
    items,
    scoring: measure.scoring,
    cutoffValue: measure.cutoff ? String(measure.cutoff.value) : '',
    cutoffDirection: measure.cutoff?.direction ?? 'above',
    reliableChange: measure.reliableChange === null ? '' : String(measure.reliableChange),
    source: measure.source ?? '',
    mayUse: false,
  };
}

/** A typed number; an empty field is NaN so the schema names it ("a whole number") rather than reading zero. */
const typedNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));
const optionalNumber = (text: string) => (text.trim() === '' ? null : typedNumber(text));

/** The definition the server receives. */
export function definitionOf(draft: MeasureDraft): MeasureDefinitionInput {
  const cutoff = optionalNumber(draft.cutoffValue);
  return {
    name: draft.name,
    instructions: draft.instructions.trim() || null,
    items: draft.items.map((item) => {
      const scale = draft.sameScale ? draft.scale : item;
      return {
        text: item.text,
        min: typedNumber(scale.min),
        max: typedNumber(scale.max),
        minLabel: scale.minLabel,
        maxLabel: scale.maxLabel,
        reverse: item.reverse,
      };
    }),
    scoring: draft.scoring,
    cutoff: cutoff === null ? null : { value: cutoff, direction: draft.cutoffDirection },
    reliableChange: optionalNumber(draft.reliableChange),
    source: draft.source.trim() || null,
  };
}

/**
 * Where a problem is shown: a field name of the form ("name", "items.2.text", "scale.max", "cutoffValue"). With one
 * shared scale, an item's scale problem is the shared scale's.
 */
export function fieldOfPath(path: readonly PropertyKey[], sameScale: boolean): string {
  const [head, index, field] = path.map(String);
  if (head === 'items' && index !== undefined && field !== undefined) {
    if (sameScale && (SCALE_FIELDS as readonly string[]).includes(field)) return `scale.${field}`;
    return `items.${index}.${field}`;
  }
  if (head === 'cutoff') return path.length > 1 && String(path[1]) === 'direction' ? 'cutoffDirection' : 'cutoffValue';
  return head ?? 'form';
}

/** The draft's problems by field, checked with the same schema the server uses; empty when it may be sent. */
export function draftProblems(draft: MeasureDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  const parsed = measureDefinitionSchema.safeParse(definitionOf(draft));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems[fieldOfPath(issue.path, draft.sameScale)] ??= issue.message;
  }
  if (!draft.mayUse) problems.mayUse = 'Confirm that you may use these questions with your clients.';
  return problems;
}

/**
 * The server's refusal by field: its field errors name the top field ("items"), and its message starts with the
 * whole path ("items.2.text: …"), which points at the very input.
 */
export function serverProblems(
  message: string | null,
  fields: Record<string, string>,
  sameScale: boolean,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const located = message ? /^([A-Za-z]+(?:\.[A-Za-z0-9]+)*): (.+)$/.exec(message) : null;
  if (located) problems[fieldOfPath(located[1]!.split('.'), sameScale)] = located[2]!;
  for (const [field, text] of Object.entries(fields)) {
    const key = fieldOfPath([field], sameScale);
    if (!Object.keys(problems).some((k) => k === key || k.startsWith(`${key}.`))) problems[key] = text;
  }
  return problems;
}

/**
 * Pasted text as item texts: one per non-empty line, any leading numbering ("1.", "2)", "a.") taken off. Items already
 * there keep their scale and reverse flag, in order; new ones take the shared scale.
 */
export function itemsFromLines(text: string, current: readonly ItemDraft[], scale: ScaleDraft): ItemDraft[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:\d{1,2}|[a-zA-Z])[.)]\s+/, '').trim())
    .filter((line) => line.length > 0)
    .slice(0, MEASURE_MAX_ITEMS);
  return lines.map((line, i) => {
    const existing = current[i];
    return existing ? { ...existing, text: line } : blankItem(scale, line);
  });
}

/** Moves one item up (-1) or down (+1); out of range, nothing moves. */
export function moveItem(items: readonly ItemDraft[], index: number, by: -1 | 1): ItemDraft[] {
  const to = index + by;
  if (to < 0 || to >= items.length) return [...items];
  const next = [...items];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}
