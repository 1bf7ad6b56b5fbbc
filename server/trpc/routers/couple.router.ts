import { coupleRefInputSchema, createCoupleInputSchema, joinCoupleInputSchema } from '../../../shared/schemas/couple.schema';
import { emptyInputSchema } from '../../../shared/schemas/common.schema';
import { leaveCouple } from '../../services/account.service';
import { revokeCoachInputSchema } from '../../../shared/schemas/coach.schema';
import { inviteCoach, readCoachAccessLog, revokeCoach } from '../../services/coach-consent.service';
import { createCouple, describeCouple, joinCouple, renewInvite } from '../../services/couple.service';
import { coupleReadProcedure, partnerProcedure, router } from '../init';

export const coupleRouter = router({
  create: partnerProcedure.input(createCoupleInputSchema).mutation(async ({ ctx }) => {
    const { coupleId, inviteCode, expiresAt } = await createCouple(ctx, ctx.user);
    return { coupleId, inviteCode, expiresAt };
  }),
  newInvite: partnerProcedure.input(emptyInputSchema).mutation(({ ctx }) => renewInvite(ctx, ctx.user)),
  join: partnerProcedure.input(joinCoupleInputSchema).mutation(({ ctx, input }) => joinCouple(ctx, ctx.user, input.inviteCode)),
  leave: partnerProcedure.input(emptyInputSchema).mutation(({ ctx }) => leaveCouple(ctx, ctx.user)),
  inviteCoach: partnerProcedure.input(emptyInputSchema).mutation(({ ctx }) => inviteCoach(ctx, ctx.user)),
  revokeCoach: partnerProcedure.input(revokeCoachInputSchema).mutation(({ ctx, input }) => revokeCoach(ctx, ctx.user, input.coachId)),
  coachAccessLog: partnerProcedure.input(emptyInputSchema).query(({ ctx }) => readCoachAccessLog(ctx, ctx.user)),
  get: coupleReadProcedure.input(coupleRefInputSchema).query(({ ctx }) => describeCouple(ctx, ctx.access, ctx.user)),
});
