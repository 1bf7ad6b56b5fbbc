import { accountExportSchema } from '../../../shared/schemas/account-export.schema';
import { deleteAccountInputSchema } from '../../../shared/schemas/account.schema';
import { emptyInputSchema } from '../../../shared/schemas/common.schema';
import { buildExport } from '../../services/account-export.service';
import { importAccount } from '../../services/account-import.service';
import { deleteAccount } from '../../services/account.service';
import { authedProcedure, partnerProcedure, router } from '../init';

export const accountRouter = router({
  export: authedProcedure.input(emptyInputSchema).query(({ ctx }) => buildExport(ctx, ctx.user)),
  // Partners only: an import restores check-ins and reflections, which only partners write.
  import: partnerProcedure.input(accountExportSchema).mutation(({ ctx, input }) => importAccount(ctx, ctx.user, input)),
  delete: authedProcedure.input(deleteAccountInputSchema).mutation(({ ctx, input }) => deleteAccount(ctx, ctx.user, input.password)),
});
