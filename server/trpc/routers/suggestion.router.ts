import { coupleRefInputSchema } from '../../../shared/schemas/couple.schema';
import { readSuggestion } from '../../services/suggestion.service';
import { coupleReadProcedure, router } from '../init';

export const suggestionRouter = router({
  next: coupleReadProcedure.input(coupleRefInputSchema).query(({ ctx }) => readSuggestion(ctx.deps, ctx.access)),
});
