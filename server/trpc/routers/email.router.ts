import { confirmEmailInputSchema } from '#shared/schemas/email.schema';
import { emptyInputSchema } from '#shared/schemas/common.schema';
import { confirmEmail, emailAvailable, emailStatus, sendConfirmation } from '#server/services/email.service';
import { authedProcedure, publicProcedure, router } from '#server/trpc/init';

export const emailRouter = router({
  // Public: the login page offers a reset by email only when the server can send one.
  available: publicProcedure.input(emptyInputSchema).query(({ ctx }) => emailAvailable(ctx.deps)),
  status: authedProcedure.input(emptyInputSchema).query(({ ctx }) => emailStatus(ctx.deps, ctx.caller)),
  sendConfirmation: authedProcedure
    .input(emptyInputSchema)
    .mutation(({ ctx }) => sendConfirmation(ctx.deps, ctx.caller)),
  // Public: the link may be opened on another device, or after the session ended; the token is the proof.
  confirm: publicProcedure.input(confirmEmailInputSchema).mutation(({ ctx, input }) => confirmEmail(ctx.deps, input)),
});
