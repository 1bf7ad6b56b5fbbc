import { emptyInputSchema } from '#shared/schemas/common.schema';
import { adoptFocusInputSchema, focusListInputSchema } from '#shared/schemas/focus.schema';
import { adoptFocus, clearFocus, readFocuses } from '#server/services/focus.service';
import { coupleReadProcedure, partnerProcedure, router } from '#server/trpc/init';

export const focusRouter = router({
  adopt: partnerProcedure
    .input(adoptFocusInputSchema)
    .mutation(({ ctx, input }) => adoptFocus(ctx.deps, ctx.caller, input.practiceId)),
  clear: partnerProcedure.input(emptyInputSchema).mutation(({ ctx }) => clearFocus(ctx.deps, ctx.caller)),
  list: coupleReadProcedure.input(focusListInputSchema).query(({ ctx }) => readFocuses(ctx.deps, ctx.access)),
});
