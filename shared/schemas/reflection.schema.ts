import * as z from 'zod/mini';
import type { PracticeId } from '#shared/practice-ids';
import { idSchema, practiceIdSchema } from './common.schema';
import { draftKeySchema } from './draft-key.schema';
import { reflectionBodySchema } from './text.schema';

export { REFLECTION_MAX_LENGTH } from './text.schema';

export const REFLECTION_VISIBILITIES = ['private', 'partner', 'partner_and_coach'] as const;
export type ReflectionVisibility = (typeof REFLECTION_VISIBILITIES)[number];

export const reflectionVisibilitySchema = z.enum(
  REFLECTION_VISIBILITIES,
  'Choose who may read it: private, partner or partner_and_coach.',
);

export const reflectionListInputSchema = z.optional(
  z.strictObject({ coupleId: z.optional(idSchema), practiceId: z.optional(practiceIdSchema) }),
);
export type ReflectionListInput = z.input<typeof reflectionListInputSchema>;

/**
 * Without `id` a new reflection (private unless said otherwise); with it, an edit of one's own. `draftKey` (new ones
 * only) makes saving the same draft twice keep one reflection: see `draftKeySchema`.
 */
export const saveReflectionInputSchema = z
  .strictObject({
    id: z.optional(idSchema),
    practiceId: practiceIdSchema,
    body: reflectionBodySchema,
    visibility: z.optional(reflectionVisibilitySchema),
    draftKey: z.optional(draftKeySchema),
  })
  .check(
    z.refine((input) => input.id === undefined || input.draftKey === undefined, {
      message: 'A draft key is for a new reflection; leave it out when you edit one.',
      path: ['draftKey'],
    }),
  );
export type SaveReflectionInput = z.input<typeof saveReflectionInputSchema>;

export const setReflectionVisibilityInputSchema = z.strictObject({
  id: idSchema,
  visibility: reflectionVisibilitySchema,
});

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
