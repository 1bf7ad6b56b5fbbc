import { useQuery } from '@tanstack/react-query';
import type { UserDto } from '#shared/schemas/auth.schema';
import { FormError } from '#client/components/form-error';
import { useSignedIn } from '#client/lib/use-signed-in';
import { showsAnswer } from '#client/lib/errors';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';

/**
 * Where Tandem's emails would go: the address, whether its owner confirmed it, and a way to confirm it. Nothing is
 * sent to an address before it is confirmed (a password reset aside, whose link proves the address by itself).
 */
export function EmailSettings({ me }: { me: UserDto }) {
  // Not asked once the session has ended (the account deleted, logged out everywhere) while the page is still shown.
  const status = useQuery({ ...trpc.email.status.queryOptions(), enabled: useSignedIn() });
  const send = useGuardedMutation(trpc.email.sendConfirmation.mutationOptions());

  return (
    <section className="card stack" aria-labelledby="email-heading">
      <h2 id="email-heading">Email</h2>
      {!showsAnswer(status) ? (
        status.isError ? (
          <FormError error={status.error} />
        ) : (
          <p className="muted">Loading…</p>
        )
      ) : !status.data.configured ? (
        <p>
          Email is not set up on this server, so Tandem sends no emails. Reminders still work here and in your calendar.
        </p>
      ) : me.isDemo ? (
        <p>The demo account has a made-up address, so it gets no emails. Sign up to choose emails of your own.</p>
      ) : (
        <>
          <dl className="definition-list profile-list">
            <dt>Address</dt>
            <dd>
              <span className="profile-email">{status.data.address}</span>
            </dd>
            <dt>Status</dt>
            <dd>{status.data.confirmed ? 'Confirmed' : 'Not confirmed yet'}</dd>
          </dl>
          {status.data.confirmed ? (
            <p className="muted">Tandem sends only the emails you turn on under Reminders.</p>
          ) : (
            <>
              <p className="muted">
                Tandem sends reminders and updates only to a confirmed address. Confirming takes one click in the email
                we send you.
              </p>
              <div className="button-row">
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={send.isPending}
                  onClick={() => send.mutate({})}
                >
                  {send.isPending
                    ? 'Sending…'
                    : send.isSuccess
                      ? 'Send another confirmation email'
                      : 'Send a confirmation email'}
                </button>
              </div>
            </>
          )}
          {send.isSuccess && !status.data.confirmed && (
            <p className="notice notice-success" role="status">
              We are sending a link to {status.data.address}. Open it within two days to confirm. It may take a minute
              to arrive.
            </p>
          )}
          <FormError error={send.error} />
        </>
      )}
    </section>
  );
}
