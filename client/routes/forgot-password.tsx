import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import { requestPasswordResetInputSchema } from '#shared/schemas/email.schema';
import { FormError } from '#client/components/form-error';
import { TextField } from '#client/components/text-field';
import { fieldErrors } from '#client/lib/errors';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { flattenFieldErrors } from '#client/lib/validation';
import { trpc } from '#client/trpc';

export const Route = createFileRoute('/forgot-password')({
  component: ForgotPasswordPage,
});

/** Asks for a link to set a new password. The answer is the same for every address, known here or not. */
function ForgotPasswordPage() {
  const available = useQuery(trpc.email.available.queryOptions());
  const request = useGuardedMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = requestPasswordResetInputSchema.safeParse({ email });
    if (!parsed.success) return setErrors(flattenFieldErrors(parsed.error));
    setErrors({});
    request.mutate(parsed.data);
  };
  const shown = { ...fieldErrors(request.error), ...errors };

  return (
    <div className="narrow stack">
      <section className="card" aria-labelledby="forgot-heading">
        <h1 id="forgot-heading">Forgot your password?</h1>
        {available.isPending ? (
          <p className="muted">Loading…</p>
        ) : available.data?.available !== true ? (
          <p>
            Tandem sends no email on this server, so ask whoever runs your Tandem server. They can make you a one-time
            link to choose a new password.
          </p>
        ) : request.isSuccess ? (
          <p className="notice notice-success" role="status">
            If that address has an account here, we have sent a link. It works for one hour.
          </p>
        ) : (
          <form onSubmit={submit} noValidate>
            <p className="muted">
              Type the email you log in with, and we will send you a link to choose a new password.
            </p>
            <TextField
              label="Email"
              type="email"
              name="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={shown.email}
              required
            />
            <FormError error={Object.keys(fieldErrors(request.error)).length ? null : request.error} />
            <div className="button-row">
              <button type="submit" className="button" disabled={request.isPending}>
                {request.isPending ? 'Sending…' : 'Send me a link'}
              </button>
            </div>
          </form>
        )}
        <p className="small forgot">
          <Link to="/login">Back to log in</Link>
        </p>
      </section>
    </div>
  );
}
