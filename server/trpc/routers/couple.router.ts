import { coupleRefInputSchema, createCoupleInputSchema, joinCoupleInputSchema } from '../../../shared/schemas/couple.schema';
import { emptyInputSchema } from '../../../shared/schemas/common.schema';
import { leaveCouple } from '../../services/account.service';
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
  get: coupleReadProcedure.input(coupleRefInputSchema).query(({ ctx }) => describeCouple(ctx, ctx.access, ctx.user)),
});
