import { emptyInputSchema } from '#shared/schemas/common.schema';
import { demoAvailability, startDemo } from '#server/services/demo.service';
import { publicProcedure, router } from '#server/trpc/init';

export const demoRouter = router({
  available: publicProcedure.input(emptyInputSchema).query(({ ctx }) => demoAvailability(ctx.deps)),
  start: publicProcedure.input(emptyInputSchema).mutation(({ ctx }) => startDemo(ctx.deps, ctx.session)),
});
