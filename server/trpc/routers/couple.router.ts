import { coupleRefInputSchema, createCoupleInputSchema, joinCoupleInputSchema } from '#shared/schemas/couple.schema';
import { emptyInputSchema } from '#shared/schemas/common.schema';
import { leaveCouple } from '#server/services/account.service';
import { revokeCoachInputSchema } from '#shared/schemas/coach.schema';
import { inviteCoach, readCoachAccessLog, revokeCoach } from '#server/services/coach-consent.service';
import { createCouple, describeCouple, joinCouple, renewInvite } from '#server/services/couple.service';
import { coupleReadProcedure, partnerProcedure, router } from '#server/trpc/init';

export const coupleRouter = router({
  create: partnerProcedure.input(createCoupleInputSchema).mutation(({ ctx }) => createCouple(ctx.deps, ctx.caller)),
  newInvite: partnerProcedure.input(emptyInputSchema).mutation(({ ctx }) => renewInvite(ctx.deps, ctx.caller)),
  join: partnerProcedure
    .input(joinCoupleInputSchema)
    .mutation(({ ctx, input }) => joinCouple(ctx.deps, ctx.caller, input.inviteCode)),
  leave: partnerProcedure.input(emptyInputSchema).mutation(({ ctx }) => leaveCouple(ctx.deps, ctx.caller)),
  inviteCoach: partnerProcedure.input(emptyInputSchema).mutation(({ ctx }) => inviteCoach(ctx.deps, ctx.caller)),
  revokeCoach: partnerProcedure
    .input(revokeCoachInputSchema)
    .mutation(({ ctx, input }) => revokeCoach(ctx.deps, ctx.caller, input.coachId)),
  coachAccessLog: partnerProcedure.input(emptyInputSchema).query(({ ctx }) => readCoachAccessLog(ctx.deps, ctx.caller)),
  get: coupleReadProcedure.input(coupleRefInputSchema).query(({ ctx }) => describeCouple(ctx.deps, ctx.access)),
});
