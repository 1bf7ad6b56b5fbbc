import { PRACTICES } from '#shared/practices';
import { emptyInputSchema } from '#shared/schemas/common.schema';
import { publicProcedure, router } from '#server/trpc/init';

export const practiceRouter = router({
  // Public: the catalogue is the same for everyone and holds nothing personal.
  list: publicProcedure.input(emptyInputSchema).query(() => PRACTICES),
});
