import { emptyInputSchema } from '../../../shared/schemas/common.schema';
import {
  acceptCoachInputSchema,
  addCoachNoteInputSchema,
  assignFocusInputSchema,
  coachCoupleInputSchema,
  deleteCoachNoteInputSchema,
  updateCoachNoteInputSchema,
} from '../../../shared/schemas/coach.schema';
import { acceptCoachInvite } from '../../services/coach-consent.service';
import { logRosterRead } from '../../services/coach-reads.service';
import { addNote, assignFocus, editNote, readCoachFocus, readNotes, removeNote } from '../../services/coach-workspace.service';
import { readRoster } from '../../services/roster.service';
import { coachCoupleProcedure, coachProcedure, router } from '../init';

export const coachRouter = router({
  accept: coachProcedure.input(acceptCoachInputSchema).mutation(({ ctx, input }) => acceptCoachInvite(ctx, ctx.user.id, input.coachCode)),
  roster: coachProcedure.input(emptyInputSchema).query(async ({ ctx }) => {
    const roster = await readRoster(ctx, ctx.user.id);
    await logRosterRead(ctx, ctx.user);
    return roster;
  }),
  assignFocus: coachCoupleProcedure.input(assignFocusInputSchema).mutation(({ ctx, input }) => assignFocus(ctx, ctx.user.id, input)),
  /** (extension) The focus this coach assigned to the couple, or null. */
  focus: coachCoupleProcedure.input(coachCoupleInputSchema).query(({ ctx, input }) => readCoachFocus(ctx, ctx.user.id, input.coupleId)),
  /** (extension) The calling coach's own notes on the couple, newest first; no other coach of the couple sees them. */
  listNotes: coachCoupleProcedure.input(coachCoupleInputSchema).query(({ ctx, input }) => readNotes(ctx, ctx.user.id, input.coupleId)),
  addNote: coachCoupleProcedure.input(addCoachNoteInputSchema).mutation(({ ctx, input }) => addNote(ctx, ctx.user.id, input.coupleId, input.body)),
  updateNote: coachCoupleProcedure.input(updateCoachNoteInputSchema).mutation(({ ctx, input }) => editNote(ctx, ctx.user.id, input)),
  deleteNote: coachCoupleProcedure.input(deleteCoachNoteInputSchema).mutation(({ ctx, input }) => removeNote(ctx, ctx.user.id, input)),
});
