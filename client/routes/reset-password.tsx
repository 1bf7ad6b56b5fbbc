import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import * as z from 'zod/mini';
import { resetPasswordInputSchema } from '#shared/schemas/account.schema';
import { FormError } from '#client/components/form-error';
import { NewLinkByEmail } from '#client/features/email/forgot-password-help';
import { TextField } from '#client/components/text-field';
import { fieldErrors } from '#client/lib/errors';
import { replaceSessionUser } from '#client/lib/session-cache';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { flattenFieldErrors } from '#client/lib/validation';
import { trpc } from '#client/trpc';

const searchSchema = z.object({ token: z.catch(z.optional(z.string().check(z.maxLength(100))), undefined) });

export const Route = createFileRoute('/reset-password')({
  validateSearch: searchSchema,
  component: ResetPasswordPage,
});

function ResetPasswordPage() {
  const { token } = Route.useSearch();
  const queryClient = useQueryClient();
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Every session of the person ends, this browser's included: forget whoever it showed. Not announced to the other
  // tabs: the browser's cookie may be someone else's, still signed in; a tab of the person learns from its next call.
  const reset = useGuardedMutation(
    trpc.auth.resetPassword.mutationOptions({
      onSuccess: () => replaceSessionUser(queryClient, null, { announce: false }),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = resetPasswordInputSchema.safeParse({ token: token ?? '', newPassword });
    if (!parsed.success) return setErrors(flattenFieldErrors(parsed.error));
    if (repeat !== newPassword)
      return setErrors({ repeat: "The two passwords aren't the same. Type the new one twice." });
    setErrors({});
    reset.mutate(parsed.data);
  };
  const serverFields = fieldErrors(reset.error);
  const shown = { ...serverFields, ...errors };

  return (
    <div className="narrow stack">
      <section className="card" aria-labelledby="reset-heading">
        <h1 id="reset-heading">Set a new password</h1>
        {!token ? (
          <>
            <p>
              This page works with a reset link: one from Tandem's email, or one your Tandem administrator gave you.
            </p>
            <NewLinkByEmail />
          </>
        ) : reset.isSuccess ? (
          <>
            <p className="notice notice-success" role="status">
              Your new password is set. For your safety, every device that was logged in has been logged out.
            </p>
            <Link className="button" to="/login">
              Log in
            </Link>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <p className="muted">Choose a password you haven't used here before. The link works once.</p>
            <TextField
              label="New password"
              type="password"
              name="newPassword"
              autoComplete="new-password"
              hint="At least 10 characters."
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
              error={shown.newPassword}
            />
            <TextField
              label="New password again"
              type="password"
              name="repeat"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              error={shown.repeat}
            />
            <FormError error={shown.token ? null : Object.keys(serverFields).length ? null : reset.error} />
            {shown.token && (
              <p className="notice notice-error" role="alert">
                {shown.token}
              </p>
            )}
            {reset.isError && !Object.keys(serverFields).some((field) => field !== 'token') && <NewLinkByEmail />}
            <button type="submit" className="button" disabled={reset.isPending}>
              {reset.isPending ? 'Saving…' : 'Save my new password'}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
