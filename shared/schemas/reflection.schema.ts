import * as z from 'zod/mini';
import type { PracticeId } from '../practice-ids';
import { idSchema } from './common.schema';
import { practiceIdSchema } from './focus.schema';

export const REFLECTION_VISIBILITIES = ['private', 'partner', 'partner_and_coach'] as const;
export type ReflectionVisibility = (typeof REFLECTION_VISIBILITIES)[number];
export const REFLECTION_MAX_LENGTH = 4000;

const visibilitySchema = z.enum(REFLECTION_VISIBILITIES, 'Choose who may read it: private, partner or partner_and_coach.');

const bodySchema = z
  .string('Write a few words first.')
  .check(
    z.trim(),
    z.minLength(1, 'Write a few words first.'),
    z.maxLength(REFLECTION_MAX_LENGTH, `Keep a reflection to ${REFLECTION_MAX_LENGTH} characters.`),
  );

export const reflectionListInputSchema = z.optional(
  z.strictObject({ coupleId: z.optional(idSchema), practiceId: z.optional(practiceIdSchema) }),
);
export type ReflectionListInput = z.input<typeof reflectionListInputSchema>;

/** Without `id` a new reflection (private unless said otherwise); with it, an edit of one's own. */
export const saveReflectionInputSchema = z.strictObject({
  id: z.optional(idSchema),
  practiceId: practiceIdSchema,
  body: bodySchema,
  visibility: z.optional(visibilitySchema),
});
export type SaveReflectionInput = z.input<typeof saveReflectionInputSchema>;

export const setReflectionVisibilityInputSchema = z.strictObject({ id: idSchema, visibility: visibilitySchema });

export const deleteReflectionInputSchema = z.strictObject({ id: idSchema });

export interface ReflectionDto {
  id: string;
  practiceId: PracticeId;
  body: string;
  visibility: ReflectionVisibility;
  author: { id: string; displayName: string };
  /** Whether the viewer wrote it: only the author may edit, share or delete it. */
  mine: boolean;
  createdAt: string;
  updatedAt: string;
}
