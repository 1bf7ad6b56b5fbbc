import { FormError } from '#client/components/form-error';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';
import { useSignedOut } from './use-signed-out';

export function LogoutEverywhere() {
  const signedOut = useSignedOut("You're logged out on every device, this one included.");
  const logout = useGuardedMutation(trpc.auth.logoutEverywhere.mutationOptions({ onSuccess: signedOut }));
  return (
    <div>
      <h3>Log out on every device</h3>
      <p className="muted small">
        Left Tandem open on a shared or lost device? Log out everywhere, this device included. Sessions also end after
        30 days without use, and 90 days after logging in at the latest.
      </p>
      <FormError error={logout.error} />
      <button
        type="button"
        className="button button-secondary"
        onClick={() => logout.mutate({})}
        disabled={logout.isPending}
      >
        {logout.isPending ? 'Logging out…' : 'Log out everywhere'}
      </button>
    </div>
  );
}
