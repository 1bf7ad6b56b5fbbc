import * as z from 'zod/mini';
import type { Week } from '#shared/week';
import { idSchema, weekSchema } from './common.schema';
import { draftKeySchema } from './draft-key.schema';
import { isText } from './text.schema';

// A measure is a coach's own questionnaire (one their practice uses and may use): Tandem ships no item text of its
// own. One schema per input; the service trusts nothing else.

export const MEASURE_MAX_ITEMS = 40;
export const MEASURE_SCALE_MIN = 0;
export const MEASURE_SCALE_MAX = 100;
export const MEASURE_MAX_EVERY_WEEKS = 12;
export const MEASURE_NAME_MAX_LENGTH = 120;
export const MEASURE_INSTRUCTIONS_MAX_LENGTH = 2000;
export const MEASURE_ITEM_MAX_LENGTH = 500;
export const MEASURE_LABEL_MAX_LENGTH = 60;
export const MEASURE_SOURCE_MAX_LENGTH = 500;

const onlyText = () => z.refine<string>(isText, 'Remove the invisible control character or the broken symbol.');

const requiredText = (what: string, max: number) =>
  z
    .string(`${what} is required.`)
    .check(
      z.trim(),
      z.minLength(1, `${what} is required.`),
      z.maxLength(max, `${what} holds at most ${max} characters.`),
      onlyText(),
    );

/** Optional text: empty (after trimming) means none, and the service stores null. */
const optionalText = (what: string, max: number) =>
  z.optional(
    z.nullable(z.string().check(z.trim(), z.maxLength(max, `${what} holds at most ${max} characters.`), onlyText())),
  );

const scalePoint = z
  .int('A scale point is a whole number.')
  .check(
    z.minimum(MEASURE_SCALE_MIN, `A scale starts at ${MEASURE_SCALE_MIN} or more.`),
    z.maximum(MEASURE_SCALE_MAX, `A scale ends at ${MEASURE_SCALE_MAX} or less.`),
  );

export const measureItemSchema = z
  .strictObject({
    text: requiredText('An item’s text', MEASURE_ITEM_MAX_LENGTH),
    min: scalePoint,
    max: scalePoint,
    minLabel: requiredText('The label of the scale’s lowest point', MEASURE_LABEL_MAX_LENGTH),
    maxLabel: requiredText('The label of the scale’s highest point', MEASURE_LABEL_MAX_LENGTH),
    reverse: z.optional(z.boolean()),
  })
  .check(
    z.refine((item) => item.min < item.max, {
      message: 'A scale’s lowest point must be below its highest.',
      path: ['max'],
    }),
  );
export type MeasureItemInput = z.input<typeof measureItemSchema>;

export const MEASURE_SCORINGS = ['sum', 'mean'] as const;
export type MeasureScoring = (typeof MEASURE_SCORINGS)[number];
export const CUTOFF_DIRECTIONS = ['below', 'above'] as const;
/** Which side of the cut-off means concern. A score exactly at the cut-off counts as concern (see measure-scoring). */
export type CutoffDirection = (typeof CUTOFF_DIRECTIONS)[number];

const scoreNumber = z
  .number('A score is a number.')
  .check(z.refine(Number.isFinite, 'A score is a finite number.'), z.minimum(-10000), z.maximum(10000));

export const cutoffSchema = z.strictObject({
  value: scoreNumber,
  direction: z.enum(CUTOFF_DIRECTIONS, 'Say which side of the cut-off means concern: below or above.'),
});
export type Cutoff = z.output<typeof cutoffSchema>;

/** What a coach writes to define a measure; the same shape creates it and edits it. */
const measureDefinitionShape = {
  name: requiredText('A name', MEASURE_NAME_MAX_LENGTH),
  instructions: optionalText('The instructions', MEASURE_INSTRUCTIONS_MAX_LENGTH),
  items: z
    .array(measureItemSchema)
    .check(
      z.minLength(1, 'A measure has at least one item.'),
      z.maxLength(MEASURE_MAX_ITEMS, `A measure has at most ${MEASURE_MAX_ITEMS} items.`),
    ),
  scoring: z.enum(MEASURE_SCORINGS, 'Score by sum or by mean.'),
  cutoff: z.optional(z.nullable(cutoffSchema)),
  reliableChange: z.optional(
    z.nullable(
      z
        .number('A reliable change is a number of score points.')
        .check(z.refine(Number.isFinite, 'A reliable change is a finite number.'), z.positive(), z.maximum(10000)),
    ),
  ),
  source: optionalText('The source note', MEASURE_SOURCE_MAX_LENGTH),
};

export const measureDefinitionSchema = z.strictObject(measureDefinitionShape);
export type MeasureDefinitionInput = z.input<typeof measureDefinitionSchema>;

/** `draftKey` makes creating the same draft twice (a double click, a retry) keep one measure. */
export const createMeasureInputSchema = z.strictObject({
  ...measureDefinitionShape,
  draftKey: z.optional(draftKeySchema),
});
export type CreateMeasureInput = z.input<typeof createMeasureInputSchema>;

export const updateMeasureInputSchema = z.strictObject({ measureId: idSchema, ...measureDefinitionShape });
export type UpdateMeasureInput = z.input<typeof updateMeasureInputSchema>;

export const measureRefInputSchema = z.strictObject({ measureId: idSchema });

export const assignMeasureInputSchema = z.strictObject({
  coupleId: idSchema,
  measureId: idSchema,
  everyWeeks: z
    .int('Every how many weeks: a whole number.')
    .check(
      z.minimum(1, 'At most once a week.'),
      z.maximum(MEASURE_MAX_EVERY_WEEKS, `At least every ${MEASURE_MAX_EVERY_WEEKS} weeks.`),
    ),
  /** This week or next (the server's clock decides which those are); this week when left out. */
  startWeek: z.optional(weekSchema),
  visibleToCouple: z.boolean('Say whether the couple sees their scores.'),
});
export type AssignMeasureInput = z.input<typeof assignMeasureInputSchema>;

export const assignmentRefInputSchema = z.strictObject({ assignmentId: idSchema });

export const answerMeasureInputSchema = z.strictObject({
  assignmentId: idSchema,
  period: weekSchema,
  /**
   * The version the answers were given to (`measure.due`'s `measure.version`). With it, answers to questions the coach
   * has changed since are refused (409) rather than scored against the new ones. Optional for the contract's callers.
   */
  version: z.optional(z.int('A version is a whole number.').check(z.minimum(1), z.maximum(1_000_000))),
  answers: z
    .array(z.int('An answer is a whole number on the item’s scale.'))
    .check(z.maxLength(MEASURE_MAX_ITEMS, `A measure has at most ${MEASURE_MAX_ITEMS} items.`)),
});
export type AnswerMeasureInput = z.input<typeof answerMeasureInputSchema>;

export const skipMeasureInputSchema = z.strictObject({ assignmentId: idSchema, period: weekSchema });

export const measureResultsInputSchema = z.strictObject({ coupleId: z.optional(idSchema), assignmentId: idSchema });

export const coupleAssignmentsInputSchema = z.optional(z.strictObject({ coupleId: z.optional(idSchema) }));

// ---- What the procedures answer ----

export interface MeasureItem {
  text: string;
  min: number;
  max: number;
  minLabel: string;
  maxLabel: string;
  reverse: boolean;
}

export interface MeasureDefinition {
  name: string;
  instructions: string | null;
  items: MeasureItem[];
  scoring: MeasureScoring;
  cutoff: Cutoff | null;
  reliableChange: number | null;
  source: string | null;
}

/** A coach's measure, as their Measures page lists it: its current version. */
export interface MeasureDto extends MeasureDefinition {
  measureId: string;
  version: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Whether any version has answers: then an edit makes a new version, and deleting is refused. */
  hasAnswers: boolean;
  /** Assignments not yet stopped. */
  activeAssignments: number;
}

/** One schedule of a measure for a couple, as its coach and (when visible to them) the couple see it. */
export interface MeasureAssignmentDto {
  assignmentId: string;
  measureId: string;
  measureName: string;
  coupleId: string;
  everyWeeks: number;
  startWeek: Week;
  visibleToCouple: boolean;
  /** The assigning coach's display name; null once their account is gone. */
  coachName: string | null;
  createdAt: string;
  endedAt: string | null;
}

export type MeasureAnswerStatus = 'open' | 'answered' | 'skipped';

/** A period of an assignment the caller may answer now, with their own answer so far. */
export interface DueMeasureDto {
  assignmentId: string;
  /** The period's first week: its name. */
  period: Week;
  /** The period's last week: answers can change until it has ended. */
  periodEndWeek: Week;
  everyWeeks: number;
  visibleToCouple: boolean;
  coachName: string | null;
  measure: { measureId: string; version: number; name: string; instructions: string | null; items: MeasureItem[] };
  status: MeasureAnswerStatus;
  /**
   * The caller's own answers for the period (to change them), null when open or skipped, and when they were given on
   * an earlier version whose items no longer fit the form (`status` still says answered).
   */
  answers: number[] | null;
  /** The caller's score; null unless answered and the couple sees scores. */
  score: number | null;
  updatedAt: string | null;
}

export interface MeasureResultEntry {
  period: Week;
  score: number;
  version: number;
  /** The answers changed after both partners had answered the period. */
  changedAfterBothAnswered: boolean;
  /** The item answers: for the coach only, never for a partner. */
  answers?: number[];
}

export interface MeasurePartnerSummary {
  latest: number | null;
  first: number | null;
  /** latest − first; null with fewer than one score. */
  change: number | null;
  /** |change| reaches the measure's reliable-change threshold; false without a threshold. */
  reliable: boolean;
  /** The change is toward concern (by the cut-off's direction); null without a cut-off or without a change. */
  worsened: boolean | null;
  /** The latest score is on the side of concern (a score at the cut-off counts); null without a cut-off or score. */
  inConcern: boolean | null;
}

export interface MeasureResultsDto {
  assignmentId: string;
  measure: {
    measureId: string;
    name: string;
    version: number;
    instructions: string | null;
    scoring: MeasureScoring;
    reliableChange: number | null;
    /** The lowest and highest score the current version can give, for a chart's axis. */
    scoreRange: { min: number; max: number };
  };
  cutoff: Cutoff | null;
  everyWeeks: number;
  startWeek: Week;
  visibleToCouple: boolean;
  endedAt: string | null;
  /** Every period from the start up to the newest one under way (or the last before the end), oldest first. */
  periods: Week[];
  partners: {
    userId: string;
    displayName: string;
    entries: MeasureResultEntry[];
    /** Periods the partner chose to skip, visible under the same rule as scores. */
    skipped: Week[];
    summary: MeasurePartnerSummary;
  }[];
  /** For the coach: the items of each version that has answers here, to read item answers by. Empty for partners. */
  versions: { version: number; items: MeasureItem[] }[];
}
