import { accountExportSchema } from '#shared/schemas/account-export.schema';
import {
  changeEmailInputSchema,
  deleteAccountInputSchema,
  updateProfileInputSchema,
} from '#shared/schemas/account.schema';
import { emptyInputSchema } from '#shared/schemas/common.schema';
import { buildExport } from '#server/services/account-export.service';
import { admitImport, importAccount, verifyChecksum } from '#server/services/account-import.service';
import { deleteAccount } from '#server/services/account.service';
import { changeEmail, updateProfile } from '#server/services/profile.service';
import { authedProcedure, partnerProcedure, router } from '#server/trpc/init';

export const accountRouter = router({
  export: authedProcedure.input(emptyInputSchema).query(({ ctx }) => buildExport(ctx.deps, ctx.caller)),
  // Partners only: an import restores check-ins and reflections, which only partners write. The admission runs before
  // the input is parsed (the body arrives, but tRPC parses it only when a step asks for it), so a refused caller costs
  // no parsing or validation; the checksum is compared with the file as it arrived, once its shape is an export's.
  import: partnerProcedure
    .use(async ({ ctx, next }) => {
      await admitImport(ctx.deps, ctx.caller);
      return next();
    })
    .input(accountExportSchema)
    .use(async ({ getRawInput, next }) => {
      verifyChecksum(await getRawInput());
      return next();
    })
    .mutation(({ ctx, input }) => importAccount(ctx.deps, ctx.caller, input)),
  updateProfile: authedProcedure
    .input(updateProfileInputSchema)
    .mutation(({ ctx, input }) => updateProfile(ctx.deps, ctx.caller, input)),
  changeEmail: authedProcedure
    .input(changeEmailInputSchema)
    .mutation(({ ctx, input }) => changeEmail(ctx.deps, ctx.caller, ctx.session.id, input)),
  delete: authedProcedure
    .input(deleteAccountInputSchema)
    .mutation(({ ctx, input }) => deleteAccount(ctx.deps, ctx.caller, ctx.session, input.password)),
});
