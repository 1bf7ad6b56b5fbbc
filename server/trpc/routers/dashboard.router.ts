import { dashboardInputSchema } from '#shared/schemas/dashboard.schema';
import { readDashboard } from '#server/services/dashboard.service';
import { coupleReadProcedure, router } from '#server/trpc/init';

export const dashboardRouter = router({
  get: coupleReadProcedure
    .input(dashboardInputSchema)
    .query(({ ctx, input }) => readDashboard(ctx.deps, ctx.access, input.range)),
});
