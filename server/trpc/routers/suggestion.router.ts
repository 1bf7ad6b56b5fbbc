import { coupleRefInputSchema } from '#shared/schemas/couple.schema';
import { readSuggestion } from '#server/services/suggestion.service';
import { coupleReadProcedure, router } from '#server/trpc/init';

export const suggestionRouter = router({
  next: coupleReadProcedure.input(coupleRefInputSchema).query(({ ctx }) => readSuggestion(ctx.deps, ctx.access)),
});
