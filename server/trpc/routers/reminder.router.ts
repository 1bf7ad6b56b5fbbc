import { emptyInputSchema } from '#shared/schemas/common.schema';
import { reminderSettingsSchema } from '#shared/schemas/reminder.schema';
import { getReminderSettings, setReminderSettings } from '#server/services/reminder.service';
import { authedProcedure, router } from '#server/trpc/init';

// Partners and coaches alike: each has a weekly moment (a check-in, a review) and their own email options.
export const reminderRouter = router({
  get: authedProcedure.input(emptyInputSchema).query(({ ctx }) => getReminderSettings(ctx.deps, ctx.caller)),
  set: authedProcedure
    .input(reminderSettingsSchema)
    .mutation(({ ctx, input }) => setReminderSettings(ctx.deps, ctx.caller, input)),
});
