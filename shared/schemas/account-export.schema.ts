import * as z from 'zod/mini';
import { PRACTICE_IDS } from '../practice-ids';
import { NOTE_MAX_LENGTH } from './assessment.schema';
import { DISPLAY_NAME_MAX_LENGTH, ROLES } from './auth.schema';
import { idSchema, ratingsSchema, weekSchema } from './common.schema';

/** What marks a file as ours, and which shape of it: import refuses anything else by name. */
export const EXPORT_FORMAT = 'tandem-export';
export const EXPORT_VERSION = 1;

/**
 * Upper bounds for one export. Every week a person could have logged fits (weeks start in 1970, so 4,000 reach
 * into the 2040s), and the bounds stay small enough that a hostile file cannot make the server work for long.
 */
export const EXPORT_LIMITS = {
  assessments: 4000,
  reflections: 5000,
  focuses: 2000,
  coachNotes: 5000,
  coachFocuses: 1000,
  /** A reflection's text; more than any reflection form allows, so no export made by Tandem exceeds it. */
  reflectionLength: 10_000,
  coachNoteLength: 10_000,
} as const;

/**
 * The biggest file `account.import` accepts over HTTP, from a logged-in caller only (the rest of the API keeps its
 * 256 KiB limit): 4,000 weeks with 2,000-character notes in any script.
 */
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const timestampSchema = z
  .string()
  .check(z.maxLength(30, 'A time looks like 2026-11-25T12:00:00.000Z.'), z.refine((v) => ISO_TIME.test(v) && !Number.isNaN(Date.parse(v)), 'A time looks like 2026-11-25T12:00:00.000Z.'));

const practiceIdSchema = z.enum(PRACTICE_IDS, 'Not one of the ten practices.');
const boundedText = (max: number, what: string) => z.string().check(z.maxLength(max, `${what} is longer than ${max} characters.`));
const atMost = (max: number, what: string) => z.maxLength(max, `An export holds at most ${max} ${what}.`);

export const exportedAssessmentSchema = z.strictObject({
  week: weekSchema,
  ratings: ratingsSchema,
  note: z.nullable(boundedText(NOTE_MAX_LENGTH, 'A note')),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const exportedReflectionSchema = z.strictObject({
  practiceId: practiceIdSchema,
  body: z.string().check(z.minLength(1, 'A reflection is empty.'), z.maxLength(EXPORT_LIMITS.reflectionLength, 'A reflection is too long.')),
  visibility: z.enum(['private', 'partner', 'partner_and_coach'], 'A reflection is private, shared with the partner, or with partner and coach.'),
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
  body: boundedText(EXPORT_LIMITS.coachNoteLength, 'A coach note'),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const exportedCoachFocusSchema = z.strictObject({
  coupleId: idSchema,
  practiceId: practiceIdSchema,
  note: z.nullable(boundedText(2000, 'A focus note')),
  assignedAt: timestampSchema,
});

/** Everything in an export but its integrity digest: the part the digest covers. */
export const exportBodySchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT, "This file isn't a Tandem export."),
  version: z.literal(EXPORT_VERSION, `This export has a format version this server cannot read (it reads version ${EXPORT_VERSION}).`),
  exportedAt: timestampSchema,
  user: z.strictObject({
    id: idSchema,
    email: boundedText(254, 'The email'),
    displayName: boundedText(DISPLAY_NAME_MAX_LENGTH, 'The name'),
    role: z.enum(ROLES),
    createdAt: timestampSchema,
  }),
  couple: z.nullable(z.strictObject({ coupleId: idSchema, joinedAt: timestampSchema })),
  assessments: z.array(exportedAssessmentSchema).check(atMost(EXPORT_LIMITS.assessments, 'check-ins')),
  reflections: z.array(exportedReflectionSchema).check(atMost(EXPORT_LIMITS.reflections, 'reflections')),
  focuses: z.array(exportedFocusSchema).check(atMost(EXPORT_LIMITS.focuses, 'focuses')),
  coachNotes: z.array(exportedCoachNoteSchema).check(atMost(EXPORT_LIMITS.coachNotes, 'coach notes')),
  coachFocuses: z.array(exportedCoachFocusSchema).check(atMost(EXPORT_LIMITS.coachFocuses, 'assigned focuses')),
});
export type ExportBody = z.output<typeof exportBodySchema>;

const INTEGRITY = /^sha256-[A-Za-z0-9_-]{43}$/;

/**
 * The export as a file: the body and a SHA-256 digest of it, so a file damaged or edited after export is refused
 * rather than half-trusted. The format marker is checked before anything else, so a stranger's JSON file hears
 * "not a Tandem export" instead of a list of missing fields.
 */
export const accountExportSchema = z.pipe(
  z.looseObject({
    format: z.literal(EXPORT_FORMAT, "This file isn't a Tandem export."),
    version: z.literal(EXPORT_VERSION, `This export has a format version this server cannot read (it reads version ${EXPORT_VERSION}).`),
  }),
  z.strictObject({
    ...exportBodySchema.shape,
    integrity: z.string().check(z.regex(INTEGRITY, 'The integrity digest is missing or damaged.')),
  }),
);
export type AccountExport = z.output<typeof accountExportSchema>;
export type ExportedAssessment = z.output<typeof exportedAssessmentSchema>;
export type ExportedReflection = z.output<typeof exportedReflectionSchema>;

export interface ImportResultDto {
  /** Check-ins restored (the contract's count). */
  imported: number;
  reflections: number;
}
