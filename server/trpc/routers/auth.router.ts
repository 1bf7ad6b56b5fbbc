import { loginInputSchema, signupInputSchema } from '../../../shared/schemas/auth.schema';
import { emptyInputSchema } from '../../../shared/schemas/common.schema';
import { toUserDto } from '../../repositories/users.repository';
import { login, signup } from '../../services/auth.service';
import { endSession } from '../../services/session.service';
import { publicProcedure, router } from '../init';

export const authRouter = router({
  signup: publicProcedure.input(signupInputSchema).mutation(({ ctx, input }) => signup(ctx, input)),
  login: publicProcedure.input(loginInputSchema).mutation(({ ctx, input }) => login(ctx, input)),
  // Public on purpose: a browser holding an expired session must still be able to clear its cookie.
  logout: publicProcedure.input(emptyInputSchema).mutation(async ({ ctx }) => {
    await endSession(ctx);
    return { ok: true as const };
  }),
  me: publicProcedure.input(emptyInputSchema).query(({ ctx }) => (ctx.user ? toUserDto(ctx.user) : null)),
});
