import { useState, type FormEvent } from 'react';
import { changePasswordInputSchema } from '#shared/schemas/account.schema';
import { FormError } from '#client/components/form-error';
import { TextField } from '#client/components/text-field';
import { fieldErrors } from '#client/lib/errors';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { flattenFieldErrors } from '#client/lib/validation';
import { trpc } from '#client/trpc';

export function ChangePassword() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const change = useGuardedMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        setCurrentPassword('');
        setNewPassword('');
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = changePasswordInputSchema.safeParse({ currentPassword, newPassword });
    if (!parsed.success) {
      // A new problem replaces the last success: "Your password is changed" must not stand beside it.
      change.reset();
      return setErrors(flattenFieldErrors(parsed.error));
    }
    setErrors({});
    change.mutate(parsed.data);
  };
  const serverFields = fieldErrors(change.error);
  const shown = { ...serverFields, ...errors };

  return (
    <form onSubmit={submit} noValidate>
      <h3>Change your password</h3>
      <TextField
        label="Current password"
        type="password"
        name="currentPassword"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        error={shown.currentPassword}
      />
      <TextField
        label="New password"
        type="password"
        name="newPassword"
        autoComplete="new-password"
        hint="At least 10 characters. A few unrelated words are easy to remember."
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        error={shown.newPassword}
      />
      <FormError error={Object.keys(serverFields).length ? null : change.error} />
      {change.isSuccess && (
        <p className="notice notice-success" role="status">
          Your password is changed. You stay logged in here; every other device will need the new password.
        </p>
      )}
      <button type="submit" className="button button-secondary" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
