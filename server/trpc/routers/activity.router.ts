import { activityListInputSchema } from '#shared/schemas/activity.schema';
import { readActivity } from '#server/services/activity.service';
import { coupleReadProcedure, router } from '#server/trpc/init';

export const activityRouter = router({
  list: coupleReadProcedure
    .input(activityListInputSchema)
    .query(({ ctx, input }) => readActivity(ctx.deps, ctx.access, input?.before)),
});
