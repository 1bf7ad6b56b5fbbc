import * as z from 'zod/mini';
import type { PracticeId } from '#shared/practice-ids';
import type { Week } from '#shared/week';
import { idSchema, practiceIdSchema } from './common.schema';
import { draftKeySchema } from './draft-key.schema';
import { coachNoteBodySchema, focusNoteSchema } from './text.schema';

const codeSchema = z
  .string()
  .check(z.trim(), z.minLength(1, 'Enter the code the couple gave you.'), z.maxLength(64, 'That code is too long.'));

export const acceptCoachInputSchema = z.strictObject({ coachCode: codeSchema });
export const revokeCoachInputSchema = z.strictObject({ coachId: idSchema });

/** Coach procedures about one couple always name it. */
export const coachCoupleInputSchema = z.strictObject({ coupleId: idSchema });

export const assignFocusInputSchema = z.strictObject({
  coupleId: idSchema,
  practiceId: z.nullable(practiceIdSchema),
  note: z.optional(z.nullable(focusNoteSchema)),
});
export type AssignFocusInput = z.input<typeof assignFocusInputSchema>;

/** `draftKey` makes adding the same draft twice keep one note: see `draftKeySchema`. */
export const addCoachNoteInputSchema = z.strictObject({
  coupleId: idSchema,
  body: coachNoteBodySchema,
  draftKey: z.optional(draftKeySchema),
});
export const updateCoachNoteInputSchema = z.strictObject({
  coupleId: idSchema,
  noteId: idSchema,
  body: coachNoteBodySchema,
});
export const deleteCoachNoteInputSchema = z.strictObject({ coupleId: idSchema, noteId: idSchema });

export interface CoachInviteDto {
  coachCode: string;
  expiresAt: string;
}

export interface CoachFocusDto {
  practiceId: PracticeId;
  note: string | null;
  assignedAt: string;
}

export interface CoachNoteDto {
  id: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** One visit of a coach, as the couple sees it in Settings. */
export interface CoachAccessDto {
  coachId: string | null;
  coachName: string;
  /** What was read: 'roster', 'couple', 'dashboard', 'history', 'suggestion', 'status', 'focuses', 'reflections', 'activity' or 'measures'. */
  what: string;
  at: string;
}

export type RosterFlagKind =
  | 'missed-check-ins'
  | 'practice-drop'
  | 'connection-drop'
  | 'gap'
  | 'no-focus'
  | 'measure-cutoff'
  | 'measure-change'
  | 'measure-missed';

export interface RosterFlag {
  kind: RosterFlagKind;
  practiceId?: PracticeId;
  /** For a measure's flag: the assignment it is about, so the couple page can open that measure's chart. */
  assignmentId?: string;
  detail: string;
}

export interface RosterRowDto {
  coupleId: string;
  partners: {
    id: string;
    displayName: string;
    lastCheckInWeek: Week | null;
    /** Weeks over everywhere since their last check-in in this membership, or since it began (`missedWeeks`). */
    missedWeeks: number;
  }[];
  flags: RosterFlag[];
  /** The couple's connection index (mean of the partners' logged indices) for the last four weeks, oldest first. */
  connection: { now: number | null; trend: (number | null)[]; weeks: Week[] };
  /** The focus the couple works on now: the one this coach assigned, else the one they adopted. */
  focus: { practiceId: PracticeId; by: 'coach' | 'couple' } | null;
  /** Higher is more urgent; the roster comes sorted by it. */
  urgency: number;
  /**
   * When this coach's access to the couple ended (revoked, or everyone left), for 30 days after; null while it lasts.
   * An ended couple carries no data: no partners, flags, connection or focus.
   */
  accessEndedAt: string | null;
}
