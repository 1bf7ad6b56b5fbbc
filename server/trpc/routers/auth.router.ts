import { loginInputSchema, signupInputSchema } from '../../../shared/schemas/auth.schema';
import { changePasswordInputSchema, resetPasswordInputSchema } from '../../../shared/schemas/account.schema';
import { emptyInputSchema } from '../../../shared/schemas/common.schema';
import { toUserDto } from '../../repositories/users.repository';
import { login, signup } from '../../services/auth.service';
import { changePassword, resetPassword } from '../../services/password.service';
import { endAllSessions, endSession } from '../../services/session.service';
import { authedProcedure, publicProcedure, router } from '../init';

export const authRouter = router({
  signup: publicProcedure.input(signupInputSchema).mutation(({ ctx, input }) => signup(ctx, input)),
  login: publicProcedure.input(loginInputSchema).mutation(({ ctx, input }) => login(ctx, input)),
  // Public on purpose: a browser holding an expired session must still be able to clear its cookie.
  logout: publicProcedure.input(emptyInputSchema).mutation(async ({ ctx }) => {
    await endSession(ctx);
    return { ok: true as const };
  }),
  logoutEverywhere: authedProcedure.input(emptyInputSchema).mutation(async ({ ctx }) => {
    await endAllSessions(ctx, ctx.user.id);
    return { ok: true as const };
  }),
  changePassword: authedProcedure
    .input(changePasswordInputSchema)
    .mutation(({ ctx, input }) => changePassword(ctx, ctx.user, ctx.sessionId, input)),
  // Public: the person has no session; the one-time token from the administrator is the proof.
  resetPassword: publicProcedure.input(resetPasswordInputSchema).mutation(({ ctx, input }) => resetPassword(ctx, input)),
  me: publicProcedure.input(emptyInputSchema).query(({ ctx }) => (ctx.user ? toUserDto(ctx.user) : null)),
});
