import { TRPCError } from '@trpc/server';
import { emptyInputSchema } from '../../../shared/schemas/common.schema';
import { startDemo } from '../../services/demo.service';
import { publicProcedure, router } from '../init';

export const demoRouter = router({
  available: publicProcedure.input(emptyInputSchema).query(({ ctx }) => ({ enabled: ctx.config.demoEnabled })),
  start: publicProcedure.input(emptyInputSchema).mutation(({ ctx }) => {
    if (!ctx.config.demoEnabled) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'The demo is turned off on this server.' });
    }
    return startDemo(ctx);
  }),
});
