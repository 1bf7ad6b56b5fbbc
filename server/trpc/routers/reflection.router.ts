import {
  deleteReflectionInputSchema,
  reflectionListInputSchema,
  saveReflectionInputSchema,
  setReflectionVisibilityInputSchema,
} from '#shared/schemas/reflection.schema';
import {
  deleteReflection,
  readReflections,
  saveReflection,
  setReflectionVisibility,
} from '#server/services/reflection.service';
import { coupleReadProcedure, partnerProcedure, router } from '#server/trpc/init';

export const reflectionRouter = router({
  list: coupleReadProcedure
    .input(reflectionListInputSchema)
    .query(({ ctx, input }) => readReflections(ctx.deps, ctx.access, input?.practiceId)),
  save: partnerProcedure
    .input(saveReflectionInputSchema)
    .mutation(({ ctx, input }) => saveReflection(ctx.deps, ctx.caller, input)),
  setVisibility: partnerProcedure
    .input(setReflectionVisibilityInputSchema)
    .mutation(({ ctx, input }) => setReflectionVisibility(ctx.deps, ctx.caller, input.id, input.visibility)),
  delete: partnerProcedure
    .input(deleteReflectionInputSchema)
    .mutation(({ ctx, input }) => deleteReflection(ctx.deps, ctx.caller, input.id)),
});
