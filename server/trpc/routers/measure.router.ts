import { emptyInputSchema } from '#shared/schemas/common.schema';
import {
  answerMeasureInputSchema,
  assignMeasureInputSchema,
  assignmentRefInputSchema,
  coupleAssignmentsInputSchema,
  createMeasureInputSchema,
  measureRefInputSchema,
  measureResultsInputSchema,
  skipMeasureInputSchema,
  updateMeasureInputSchema,
} from '#shared/schemas/measure.schema';
import {
  answerMeasure,
  archiveMeasure,
  assignMeasure,
  createMeasure,
  deleteMeasure,
  listCoupleAssignments,
  listDueMeasures,
  listMeasures,
  readMeasureResults,
  skipMeasure,
  unassignMeasure,
  updateMeasure,
} from '#server/services/measure.service';
import { deleteKept, listKept } from '#server/services/kept-measures.service';
import { coachCoupleProcedure, coachProcedure, coupleReadProcedure, partnerProcedure, router } from '#server/trpc/init';

export const measureRouter = router({
  create: coachProcedure
    .input(createMeasureInputSchema)
    .mutation(({ ctx, input }) => createMeasure(ctx.deps, ctx.caller, input)),
  update: coachProcedure
    .input(updateMeasureInputSchema)
    .mutation(({ ctx, input }) => updateMeasure(ctx.deps, ctx.caller, input)),
  archive: coachProcedure
    .input(measureRefInputSchema)
    .mutation(({ ctx, input }) => archiveMeasure(ctx.deps, ctx.caller, input.measureId)),
  /** (extension) Deletes a measure nobody has answered; one with answers is refused (archive it instead). */
  delete: coachProcedure
    .input(measureRefInputSchema)
    .mutation(({ ctx, input }) => deleteMeasure(ctx.deps, ctx.caller, input.measureId)),
  list: coachProcedure.input(emptyInputSchema).query(({ ctx }) => listMeasures(ctx.deps, ctx.caller)),
  assign: coachCoupleProcedure
    .input(assignMeasureInputSchema)
    .mutation(({ ctx, input }) => assignMeasure(ctx.deps, ctx.caller, input)),
  unassign: coachProcedure
    .input(assignmentRefInputSchema)
    .mutation(({ ctx, input }) => unassignMeasure(ctx.deps, ctx.caller, input.assignmentId)),
  /**
   * (extension) A couple's assignments: for a coach, their own (live consent); for a partner, the ones whose scores
   * the couple sees.
   */
  assignments: coupleReadProcedure
    .input(coupleAssignmentsInputSchema)
    .query(({ ctx }) => listCoupleAssignments(ctx.deps, ctx.access)),
  due: partnerProcedure.input(emptyInputSchema).query(({ ctx }) => listDueMeasures(ctx.deps, ctx.caller)),
  answer: partnerProcedure
    .input(answerMeasureInputSchema)
    .mutation(({ ctx, input }) => answerMeasure(ctx.deps, ctx.caller, input)),
  /** (extension) Skips a period: shown as skipped; answering later in the period replaces the skip. */
  skip: partnerProcedure
    .input(skipMeasureInputSchema)
    .mutation(({ ctx, input }) => skipMeasure(ctx.deps, ctx.caller, input)),
  /** (extension) The caller's kept answers: measures restored from an export or kept when they left a couple. */
  kept: partnerProcedure.input(emptyInputSchema).query(({ ctx }) => listKept(ctx.deps, ctx.caller)),
  /** (extension) Deletes one kept measure with the caller's answers to it. */
  deleteKept: partnerProcedure
    .input(measureRefInputSchema)
    .mutation(({ ctx, input }) => deleteKept(ctx.deps, ctx.caller, input.measureId)),
  results: coupleReadProcedure
    .input(measureResultsInputSchema)
    .query(({ ctx, input }) => readMeasureResults(ctx.deps, ctx.access, input.assignmentId)),
});
