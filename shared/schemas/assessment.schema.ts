import * as z from 'zod/mini';
import { compareWeeks, type Week } from '#shared/week';
import { idSchema, ratingsSchema, weekSchema, type Ratings } from './common.schema';
import { checkInNoteSchema } from './text.schema';

export { NOTE_MAX_LENGTH } from './text.schema';

export const submitAssessmentInputSchema = z.strictObject({
  week: weekSchema,
  ratings: ratingsSchema,
  note: z.nullish(checkInNoteSchema),
  /**
   * The account a check-in kept on the device was written by. Sent with such a copy, so that a session that has
   * since become someone else's (a sign-in in another tab) is refused rather than given the copy. Only ever compared
   * with the caller; the check-in is always the caller's.
   */
  forUserId: z.optional(idSchema),
});
export type SubmitAssessmentInput = z.input<typeof submitAssessmentInputSchema>;

export const historyInputSchema = z.optional(
  z
    .strictObject({
      coupleId: z.optional(idSchema),
      fromWeek: z.optional(weekSchema),
      toWeek: z.optional(weekSchema),
    })
    .check(
      z.refine((input) => !input.fromWeek || !input.toWeek || compareWeeks(input.fromWeek, input.toWeek) <= 0, {
        error: 'fromWeek must not be after toWeek.',
        path: ['fromWeek'],
      }),
    ),
);
export type HistoryInput = z.input<typeof historyInputSchema>;

export const ownAssessmentInputSchema = z.strictObject({ week: weekSchema });

export const weekStatusInputSchema = z.optional(
  z.strictObject({ coupleId: z.optional(idSchema), week: z.optional(weekSchema) }),
);

export interface AssessmentDto {
  week: Week;
  ratings: Ratings;
  note: string | null;
  updatedAt: string;
}

export interface HistoryEntryDto {
  week: Week;
  ratings: Ratings;
  /** Present only on the caller's own entries: a note is never shown to anyone but its author. */
  note?: string | null;
  /** The ratings changed after every partner had answered this week, when each could see the other's. */
  changedAfterBothAnswered: boolean;
}

export interface HistoryDto {
  partners: { userId: string; displayName: string; entries: HistoryEntryDto[] }[];
}

export interface WeekStatusDto {
  week: Week;
  /** Whether each partner has checked in; says nothing of what they rated. */
  partners: { userId: string; displayName: string; submitted: boolean }[];
}
