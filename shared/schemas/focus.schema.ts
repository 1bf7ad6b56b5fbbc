import * as z from 'zod/mini';
import type { PracticeId } from '#shared/practice-ids';
import type { Week } from '#shared/week';
import { idSchema, practiceIdSchema } from './common.schema';

export const adoptFocusInputSchema = z.strictObject({ practiceId: practiceIdSchema });
export type AdoptFocusInput = z.input<typeof adoptFocusInputSchema>;

export const focusListInputSchema = z.optional(z.strictObject({ coupleId: z.optional(idSchema) }));

export interface FocusDto {
  id: string;
  practiceId: PracticeId;
  /** The week it was adopted: the first week it was the focus. */
  startWeek: Week;
  /**
   * The week it was replaced or cleared, null while it is current. The focus covers `startWeek` up to the week
   * before `endWeek`; one replaced within the week it began covers no week at all.
   */
  endWeek: Week | null;
  /** Who adopted it; null once that person's account is gone, or once they left the couple. */
  adoptedBy: { id: string; displayName: string } | null;
  /** Adopted by a partner who has since left the couple: who they are now is not the couple's to read. */
  byFormerPartner?: true;
  adoptedAt: string;
  endedAt: string | null;
}

export interface FocusListDto {
  current: FocusDto | null;
  /** Every focus the couple has had, the current one included, newest first. */
  history: FocusDto[];
}
