import * as z from 'zod/mini';
import { idSchema } from './common.schema';

export const createCoupleInputSchema = z.optional(z.strictObject({}));

export const joinCoupleInputSchema = z.strictObject({
  inviteCode: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Enter the invite code your partner sent you.'),
      z.maxLength(64, 'That code is too long.'),
    ),
});
export type JoinCoupleInput = z.input<typeof joinCoupleInputSchema>;

/** A partner may omit the couple (their own is meant); a coach must name it. */
export const coupleRefInputSchema = z.optional(z.strictObject({ coupleId: z.optional(idSchema) }));

export interface CoupleMemberDto {
  id: string;
  displayName: string;
}

/** A coach with access to the couple, and since when: what is shared with "our coach" from then on reaches them. */
export interface CoupleCoachDto extends CoupleMemberDto {
  since: string;
}

export interface CoupleDto {
  coupleId: string;
  partners: CoupleMemberDto[];
  coaches: CoupleCoachDto[];
  /** When the open invite code for a second partner expires, if there is one. Partners only. */
  inviteExpiresAt?: string | null;
}

export interface InviteDto {
  coupleId: string;
  inviteCode: string;
  expiresAt: string;
}
