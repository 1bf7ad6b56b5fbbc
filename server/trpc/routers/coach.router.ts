import { emptyInputSchema } from '#shared/schemas/common.schema';
import {
  acceptCoachInputSchema,
  addCoachNoteInputSchema,
  assignFocusInputSchema,
  coachCoupleInputSchema,
  deleteCoachNoteInputSchema,
  updateCoachNoteInputSchema,
} from '#shared/schemas/coach.schema';
import { acceptCoachInvite } from '#server/services/coach-consent.service';
import {
  addNote,
  assignFocus,
  editNote,
  readCoachFocus,
  readNotes,
  removeNote,
} from '#server/services/coach-workspace.service';
import { readRoster } from '#server/services/roster.service';
import { coachCoupleProcedure, coachProcedure, router } from '#server/trpc/init';

export const coachRouter = router({
  accept: coachProcedure
    .input(acceptCoachInputSchema)
    .mutation(({ ctx, input }) => acceptCoachInvite(ctx.deps, ctx.caller, input.coachCode)),
  roster: coachProcedure.input(emptyInputSchema).query(({ ctx }) => readRoster(ctx.deps, ctx.caller)),
  assignFocus: coachCoupleProcedure
    .input(assignFocusInputSchema)
    .mutation(({ ctx, input }) => assignFocus(ctx.deps, ctx.caller, input)),
  /** (extension) The focus this coach assigned to the couple, or null. */
  focus: coachCoupleProcedure
    .input(coachCoupleInputSchema)
    .query(({ ctx, input }) => readCoachFocus(ctx.deps, ctx.caller, input.coupleId)),
  /** (extension) The calling coach's own notes on the couple, newest first; no other coach of the couple sees them. */
  listNotes: coachCoupleProcedure
    .input(coachCoupleInputSchema)
    .query(({ ctx, input }) => readNotes(ctx.deps, ctx.caller, input.coupleId)),
  addNote: coachCoupleProcedure
    .input(addCoachNoteInputSchema)
    .mutation(({ ctx, input }) => addNote(ctx.deps, ctx.caller, input)),
  updateNote: coachCoupleProcedure
    .input(updateCoachNoteInputSchema)
    .mutation(({ ctx, input }) => editNote(ctx.deps, ctx.caller, input)),
  deleteNote: coachCoupleProcedure
    .input(deleteCoachNoteInputSchema)
    .mutation(({ ctx, input }) => removeNote(ctx.deps, ctx.caller, input)),
});
