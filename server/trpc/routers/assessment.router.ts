import {
  historyInputSchema,
  ownAssessmentInputSchema,
  submitAssessmentInputSchema,
  weekStatusInputSchema,
} from '#shared/schemas/assessment.schema';
import { readHistory, readOwnAssessment, readWeekStatus, submitAssessment } from '#server/services/assessment.service';
import { coupleReadProcedure, partnerProcedure, router } from '#server/trpc/init';

export const assessmentRouter = router({
  submit: partnerProcedure
    .input(submitAssessmentInputSchema)
    .mutation(({ ctx, input }) => submitAssessment(ctx.deps, ctx.caller, input)),
  /** The caller's own check-in for one week, note included, to edit it. */
  mine: partnerProcedure
    .input(ownAssessmentInputSchema)
    .query(({ ctx, input }) => readOwnAssessment(ctx.deps, ctx.caller, input.week)),
  history: coupleReadProcedure
    .input(historyInputSchema)
    .query(({ ctx, input }) => readHistory(ctx.deps, ctx.access, { fromWeek: input?.fromWeek, toWeek: input?.toWeek })),
  weekStatus: coupleReadProcedure
    .input(weekStatusInputSchema)
    .query(({ ctx, input }) => readWeekStatus(ctx.deps, ctx.access, input?.week)),
});
