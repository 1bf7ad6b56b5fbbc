import * as z from 'zod/mini';
import { displayNameSchema, emailSchema, ROLES } from './auth.schema';
import { idSchema, practiceIdSchema, ratingsSchema, weekSchema } from './common.schema';
import { reflectionVisibilitySchema } from './reflection.schema';
import { reminderSettingsSchema } from './reminder.schema';
import { MEASURE_MAX_EVERY_WEEKS, MEASURE_MAX_ITEMS, measureDefinitionSchema } from './measure.schema';
import { checkInNoteSchema, coachNoteBodySchema, focusNoteSchema, reflectionBodySchema } from './text.schema';

/** What marks a file as ours, and which shape of it: import refuses anything else by name. */
export const EXPORT_FORMAT = 'tandem-export';
export const EXPORT_VERSION = 1;

/**
 * How many items one export may hold. Every week a person could have logged fits (weeks start in 1970, so 4,000
 * reach into the 2040s), and the counts stay small enough that a hostile file cannot make the server work for long.
 * Each item is judged by the same schema as the live procedure that writes it (text.schema.ts).
 */
export const EXPORT_LIMITS = {
  assessments: 4000,
  reflections: 5000,
  focuses: 2000,
  coachNotes: 5000,
  coachFocuses: 1000,
  /** Distinct measure versions a partner answered (one entry each), and their answers all together. */
  measureVersions: 500,
  measureAnswers: 20000,
  /** A coach's own measures, and all their versions and assignments together. */
  coachMeasures: 1000,
  coachMeasureVersions: 5000,
  measureAssignments: 10000,
} as const;

/**
 * The biggest file `account.import` accepts over HTTP, from a logged-in caller only (the rest of the API keeps its
 * 256 KiB limit): all the text one account may keep (5 MiB) as JSON, where escaping can make text several times
 * longer, with every week and reflection around it.
 */
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * A moment that exists, written as the server writes times. `Date.parse` rolls an impossible date over
 * (2026-02-30 becomes March 2nd, 24:00 the next day), so the time it reads must print back as the same date and
 * clock time. Whether a time lies in the future depends on the server's clock: import checks that.
 */
export function isIsoTime(value: string): boolean {
  if (!ISO_TIME.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19);
}

const timestampSchema = z
  .string()
  .check(
    z.maxLength(30, 'A time looks like 2026-11-25T12:00:00.000Z.'),
    z.refine(isIsoTime, 'A time looks like 2026-11-25T12:00:00.000Z, on a date that exists.'),
  );

const atMost = (max: number, what: string) => z.maxLength(max, `An export holds at most ${max} ${what}.`);

export const exportedAssessmentSchema = z.strictObject({
  week: weekSchema,
  ratings: ratingsSchema,
  note: z.nullable(checkInNoteSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const exportedReflectionSchema = z.strictObject({
  practiceId: practiceIdSchema,
  body: reflectionBodySchema,
  visibility: reflectionVisibilitySchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const exportedFocusSchema = z.strictObject({
  coupleId: idSchema,
  practiceId: practiceIdSchema,
  startWeek: weekSchema,
  endWeek: z.nullable(weekSchema),
  adoptedAt: timestampSchema,
  endedAt: z.nullable(timestampSchema),
});

export const exportedCoachNoteSchema = z.strictObject({
  coupleId: idSchema,
  body: coachNoteBodySchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const exportedCoachFocusSchema = z.strictObject({
  coupleId: idSchema,
  practiceId: practiceIdSchema,
  note: z.nullable(focusNoteSchema),
  assignedAt: timestampSchema,
});

const definition = measureDefinitionSchema.shape;

/**
 * One answer (or skip) of a partner to one period. The score is the one the server computed; an import computes it
 * again from the answers and the items, whatever the file says.
 */
export const exportedMeasureAnswerSchema = z.strictObject({
  period: weekSchema,
  answers: z.nullable(
    z
      .array(z.int('An answer is a whole number on the item’s scale.'))
      .check(z.maxLength(MEASURE_MAX_ITEMS, `A measure has at most ${MEASURE_MAX_ITEMS} items.`)),
  ),
  score: z.nullable(z.number('A score is a number.')),
  skipped: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

/**
 * A partner's answers to one version of a measure, with that version as they answered it: its name, instructions,
 * scoring and item texts, judged as `measure.create` judges them. A coach's cut-off, reliable-change threshold and
 * source note are the coach's reading of the scores, not what the partner answered: they stay out.
 */
export const exportedMeasureAnswersSchema = z.strictObject({
  name: definition.name,
  instructions: definition.instructions,
  scoring: definition.scoring,
  items: definition.items,
  answers: z.array(exportedMeasureAnswerSchema).check(atMost(EXPORT_LIMITS.measureAnswers, 'measure answers')),
});

/** One version of a coach's measure: its definition in the shape `measure.create` takes. */
export const exportedCoachMeasureVersionSchema = z.strictObject({
  ...definition,
  version: z.int().check(z.minimum(1)),
  createdAt: timestampSchema,
});

/** Where a coach scheduled a measure: the couple's id and the schedule, never anything the couple answered. */
export const exportedMeasureAssignmentSchema = z.strictObject({
  coupleId: idSchema,
  everyWeeks: z.int().check(z.minimum(1), z.maximum(MEASURE_MAX_EVERY_WEEKS)),
  startWeek: weekSchema,
  visibleToCouple: z.boolean(),
  createdAt: timestampSchema,
  endedAt: z.nullable(timestampSchema),
});

export const exportedCoachMeasureSchema = z.strictObject({
  measureId: idSchema,
  currentVersion: z.int().check(z.minimum(1)),
  archivedAt: z.nullable(timestampSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  versions: z.array(exportedCoachMeasureVersionSchema).check(z.minLength(1)),
  assignments: z.array(exportedMeasureAssignmentSchema),
});

const totalAtMost = <T>(count: (items: T[]) => number, max: number, what: string) =>
  z.refine<T[]>((items) => count(items) <= max, `An export holds at most ${max} ${what}.`);

/**
 * Reminder settings as a file holds them. The time zone is only checked for its shape: a zone this server's runtime
 * does not know (an export from a newer one) leaves the account's own settings as they are, and the rest of the file
 * is imported (see `ImportResultDto.unknownTimeZone`); the file cannot be edited to drop it, as its checksum would no
 * longer match.
 */
const exportedReminderSettingsSchema = z.extend(reminderSettingsSchema, {
  timeZone: z
    .string()
    .check(
      z.maxLength(64, 'That time zone name is too long.'),
      z.regex(/^[A-Za-z0-9_+\-/]+$/, 'That is not the name of a time zone, such as Europe/Berlin.'),
    ),
});

/**
 * Everything in an export but its checksum: the part the checksum covers. The person it names is information only:
 * an import always writes into the caller's own account, whoever the file says it came from.
 */
export const exportBodySchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT, "This file isn't a Tandem export."),
  version: z.literal(
    EXPORT_VERSION,
    `This export has a format version this server cannot read (it reads version ${EXPORT_VERSION}).`,
  ),
  exportedAt: timestampSchema,
  user: z.strictObject({
    id: idSchema,
    email: emailSchema,
    displayName: displayNameSchema,
    role: z.enum(ROLES),
    createdAt: timestampSchema,
  }),
  couple: z.nullable(z.strictObject({ coupleId: idSchema, joinedAt: timestampSchema })),
  assessments: z.array(exportedAssessmentSchema).check(atMost(EXPORT_LIMITS.assessments, 'check-ins')),
  reflections: z.array(exportedReflectionSchema).check(atMost(EXPORT_LIMITS.reflections, 'reflections')),
  focuses: z.array(exportedFocusSchema).check(atMost(EXPORT_LIMITS.focuses, 'focuses')),
  coachNotes: z.array(exportedCoachNoteSchema).check(atMost(EXPORT_LIMITS.coachNotes, 'coach notes')),
  coachFocuses: z.array(exportedCoachFocusSchema).check(atMost(EXPORT_LIMITS.coachFocuses, 'assigned focuses')),
  // Optional: a file exported before measures existed has neither, and reads as having none.
  measureAnswers: z.optional(
    z.array(exportedMeasureAnswersSchema).check(
      atMost(EXPORT_LIMITS.measureVersions, 'measure versions answered'),
      totalAtMost<ExportedMeasureAnswers>(
        (groups) => groups.reduce((sum, g) => sum + g.answers.length, 0),
        EXPORT_LIMITS.measureAnswers,
        'measure answers',
      ),
    ),
  ),
  // Optional: a file from before reminders, or of someone who never saved theirs, has none.
  reminders: z.optional(exportedReminderSettingsSchema),
  coachMeasures: z.optional(
    z.array(exportedCoachMeasureSchema).check(
      atMost(EXPORT_LIMITS.coachMeasures, 'measures'),
      totalAtMost<ExportedCoachMeasure>(
        (measures) => measures.reduce((sum, m) => sum + m.versions.length, 0),
        EXPORT_LIMITS.coachMeasureVersions,
        'measure versions',
      ),
      totalAtMost<ExportedCoachMeasure>(
        (measures) => measures.reduce((sum, m) => sum + m.assignments.length, 0),
        EXPORT_LIMITS.measureAssignments,
        'measure assignments',
      ),
    ),
  ),
});
export type ExportBody = z.output<typeof exportBodySchema>;

const INTEGRITY = /^sha256-[A-Za-z0-9_-]{43}$/;

/**
 * The export as a file: the body and a SHA-256 checksum of it (in the field `integrity`, a name the format keeps), so
 * a file damaged by accident, cut short or garbled on its way, is refused rather than half restored. It is no
 * signature: anyone can recompute it, so it proves nothing about who made or edited the file, and import judges every
 * field as it would judge the live procedures' input. The format marker is checked before anything else, so a
 * stranger's JSON file hears "not a Tandem export" instead of a list of missing fields.
 */
export const accountExportSchema = z.pipe(
  z.looseObject({
    format: z.literal(EXPORT_FORMAT, "This file isn't a Tandem export."),
    version: z.literal(
      EXPORT_VERSION,
      `This export has a format version this server cannot read (it reads version ${EXPORT_VERSION}).`,
    ),
  }),
  z.strictObject({
    ...exportBodySchema.shape,
    integrity: z.string().check(z.regex(INTEGRITY, 'The checksum against accidental damage is missing or malformed.')),
  }),
);
export type AccountExport = z.output<typeof accountExportSchema>;
export type ExportedAssessment = z.output<typeof exportedAssessmentSchema>;
export type ExportedReflection = z.output<typeof exportedReflectionSchema>;
export type ExportedMeasureAnswers = z.output<typeof exportedMeasureAnswersSchema>;
export type ExportedMeasureAnswer = z.output<typeof exportedMeasureAnswerSchema>;
export type ExportedCoachMeasure = z.output<typeof exportedCoachMeasureSchema>;

export interface ImportResultDto {
  /** Check-ins restored (the contract's count). */
  imported: number;
  reflections: number;
  /** The file's reminder time zone, when this server does not know it: the settings were not restored. */
  unknownTimeZone?: string;
}
