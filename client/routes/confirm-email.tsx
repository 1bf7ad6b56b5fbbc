import { createFileRoute, Link } from '@tanstack/react-router';
import * as z from 'zod/mini';
import { FormError } from '#client/components/form-error';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';

const searchSchema = z.object({ token: z.catch(z.optional(z.string().check(z.maxLength(100))), undefined) });

export const Route = createFileRoute('/confirm-email')({
  validateSearch: searchSchema,
  component: ConfirmEmailPage,
});

/**
 * Opened from the confirmation email, on any device, logged in or not: the link's token is the proof. Confirmed by a
 * press of the button, not by opening the page: mail scanners open links, and some run the page's scripts.
 */
function ConfirmEmailPage() {
  const { token } = Route.useSearch();
  const confirm = useGuardedMutation(trpc.email.confirm.mutationOptions());

  return (
    <div className="narrow stack">
      <section className="card" aria-labelledby="confirm-heading">
        <h1 id="confirm-heading">Confirm your email</h1>
        {!token ? (
          <p>This page works with the link in the email Tandem sent you. You can send a new one from Settings.</p>
        ) : confirm.isSuccess ? (
          <>
            <p className="notice notice-success" role="status">
              Your email is confirmed. Tandem will send only the emails you choose under Settings, Reminders.
            </p>
            <Link className="button" to="/settings">
              Open Settings
            </Link>
          </>
        ) : confirm.isError ? (
          <>
            <FormError error={confirm.error} />
            <Link to="/settings">Open Settings</Link>
          </>
        ) : (
          <>
            <p>One step left: confirm that this address is yours, and Tandem may send you the emails you choose.</p>
            <button
              type="button"
              className="button"
              disabled={confirm.isPending}
              onClick={() => confirm.mutate({ token })}
            >
              {confirm.isPending ? 'Confirming…' : 'Confirm my email'}
            </button>
          </>
        )}
      </section>
    </div>
  );
}
