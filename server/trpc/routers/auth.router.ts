import { loginInputSchema, signupInputSchema } from '#shared/schemas/auth.schema';
import { changePasswordInputSchema, resetPasswordInputSchema } from '#shared/schemas/account.schema';
import { emptyInputSchema } from '#shared/schemas/common.schema';
import { requestPasswordResetInputSchema } from '#shared/schemas/email.schema';
import { login, signup } from '#server/services/auth.service';
import { toUserDto } from '#server/services/caller';
import { requestPasswordReset } from '#server/services/email.service';
import { changePassword, resetPassword } from '#server/services/password.service';
import { endAllSessions, endSession } from '#server/services/session.service';
import { authedProcedure, publicProcedure, router } from '#server/trpc/init';

export const authRouter = router({
  signup: publicProcedure.input(signupInputSchema).mutation(({ ctx, input }) => signup(ctx.deps, ctx.session, input)),
  login: publicProcedure.input(loginInputSchema).mutation(({ ctx, input }) => login(ctx.deps, ctx.session, input)),
  // Public on purpose: a browser holding an expired session must still be able to clear its cookie.
  logout: publicProcedure.input(emptyInputSchema).mutation(({ ctx }) => endSession(ctx.deps, ctx.session)),
  logoutEverywhere: authedProcedure
    .input(emptyInputSchema)
    .mutation(({ ctx }) => endAllSessions(ctx.deps, ctx.session, ctx.caller.id)),
  changePassword: authedProcedure
    .input(changePasswordInputSchema)
    .mutation(({ ctx, input }) => changePassword(ctx.deps, ctx.caller, ctx.session.id, input)),
  // Public: the person has no session; the one-time token from the administrator is the proof.
  resetPassword: publicProcedure
    .input(resetPasswordInputSchema)
    .mutation(({ ctx, input }) => resetPassword(ctx.deps, input)),
  // Public: a person who forgot their password has no session. Always `{ok: true}`, whoever the address belongs to.
  requestPasswordReset: publicProcedure
    .input(requestPasswordResetInputSchema)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.deps, input)),
  me: publicProcedure.input(emptyInputSchema).query(({ ctx }) => (ctx.caller ? toUserDto(ctx.caller) : null)),
});
