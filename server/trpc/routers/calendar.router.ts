import { emptyInputSchema } from '#shared/schemas/common.schema';
import { calendarLinkStatus, createCalendarLink, revokeCalendarLink } from '#server/services/calendar.service';
import { authedProcedure, router } from '#server/trpc/init';

// Each acts only on the caller's own link: no input names anyone else's.
export const calendarRouter = router({
  status: authedProcedure.input(emptyInputSchema).query(({ ctx }) => calendarLinkStatus(ctx.deps, ctx.caller)),
  createLink: authedProcedure
    .input(emptyInputSchema)
    .mutation(({ ctx }) => createCalendarLink(ctx.deps, ctx.caller, ctx.origin)),
  revokeLink: authedProcedure.input(emptyInputSchema).mutation(({ ctx }) => revokeCalendarLink(ctx.deps, ctx.caller)),
});
