import { z } from 'zod';
import { compareWeeks, type Week } from '../week';
import { idSchema, ratingsSchema, weekSchema, type Ratings } from './common.schema';

export const NOTE_MAX_LENGTH = 2000;

export const submitAssessmentInputSchema = z.strictObject({
  week: weekSchema,
  ratings: ratingsSchema,
  note: z.string().max(NOTE_MAX_LENGTH, `Keep the note to ${NOTE_MAX_LENGTH} characters.`).nullish(),
});
export type SubmitAssessmentInput = z.input<typeof submitAssessmentInputSchema>;

export const historyInputSchema = z
  .strictObject({
    coupleId: idSchema.optional(),
    fromWeek: weekSchema.optional(),
    toWeek: weekSchema.optional(),
  })
  .refine((input) => !input.fromWeek || !input.toWeek || compareWeeks(input.fromWeek, input.toWeek) <= 0, {
    message: 'fromWeek must not be after toWeek.',
    path: ['fromWeek'],
  })
  .optional();
export type HistoryInput = z.input<typeof historyInputSchema>;

export const ownAssessmentInputSchema = z.strictObject({ week: weekSchema });

export const weekStatusInputSchema = z
  .strictObject({ coupleId: idSchema.optional(), week: weekSchema.optional() })
  .optional();

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
}

export interface HistoryDto {
  partners: { userId: string; displayName: string; entries: HistoryEntryDto[] }[];
}

export interface WeekStatusDto {
  week: Week;
  /** Whether each partner has checked in; says nothing of what they rated. */
  partners: { userId: string; displayName: string; submitted: boolean }[];
}
