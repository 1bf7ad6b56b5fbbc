import * as z from 'zod/mini';
import { PRACTICE_IDS, type PracticeId } from '#shared/practice-ids';
import { isWeek } from '#shared/week';
import { isText } from './text.schema';

// Schemas use zod's "mini" build: the same validation, but tree-shakable, so the login page ships a few kilobytes
// of it instead of the whole library (see docs/decisions.md).

/**
 * Opaque identifiers; the length cap keeps oversized input away from the database, and so does the text check:
 * PostgreSQL refuses a NUL in any text it is sent, which would turn a wrong id into a server error there.
 */
export const idSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'An id is required.'),
    z.maxLength(64, 'That id is too long.'),
    z.refine(isText, 'That id is not one Tandem gave.'),
  );

export const weekSchema = z
  .string()
  .check(
    z.maxLength(8, 'A week looks like 2026-W48.'),
    z.refine(isWeek, 'A week looks like 2026-W48 (an ISO week that exists).'),
  );

export const practiceIdSchema = z.enum(PRACTICE_IDS, 'Choose one of the ten practices.');

export const ratingSchema = z
  .int('A rating is a whole number from 1 to 10.')
  .check(z.minimum(1, 'A rating is at least 1.'), z.maximum(10, 'A rating is at most 10.'));

/** All ten practices, each rated: a partial check-in would make weeks incomparable. */
export const ratingsSchema = z.strictObject(
  Object.fromEntries(PRACTICE_IDS.map((id) => [id, ratingSchema])) as Record<PracticeId, typeof ratingSchema>,
);

export type Ratings = z.infer<typeof ratingsSchema>;

/** For procedures that take no input: nothing, or an empty object. */
export const emptyInputSchema = z.optional(z.strictObject({}));
