import { useState, type FormEvent } from 'react';
import { deleteAccountInputSchema } from '#shared/schemas/account.schema';
import { FormError } from '#client/components/form-error';
import { ConfirmDialog } from '#client/components/confirm-dialog';
import { TextField } from '#client/components/text-field';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { flattenFieldErrors } from '#client/lib/validation';
import { trpc } from '#client/trpc';
import { useSignedOut } from './use-signed-out';

export function DeleteAccount({ inCouple }: { inCouple: boolean }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const signedOut = useSignedOut(
    'Your account is deleted, with everything you wrote. Thank you for the time you spent here.',
  );
  const remove = useGuardedMutation(trpc.account.delete.mutationOptions({ onSuccess: signedOut }));

  const close = () => {
    setOpen(false);
    setPassword('');
    setError(undefined);
    remove.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = deleteAccountInputSchema.safeParse({ password });
    if (!parsed.success) {
      remove.reset();
      return setError(flattenFieldErrors(parsed.error).password);
    }
    setError(undefined);
    remove.mutate(parsed.data);
  };

  return (
    <section className="card" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete your account</h2>
      <p className="muted">
        Erases your account and everything you wrote: check-ins, notes and reflections.
        {inCouple ? ' Your partner keeps their own data.' : ''} Download your data first if you want to keep a copy.
      </p>
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        Delete my account…
      </button>
      <ConfirmDialog open={open} title="Delete your account for good?" onClose={close}>
        <form onSubmit={submit} noValidate>
          <p>This cannot be undone. Enter your password to confirm it is you.</p>
          <TextField
            label="Your password"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={error}
            data-autofocus
          />
          <FormError error={remove.error} />
          <div className="button-row">
            <button type="submit" className="button button-danger" disabled={remove.isPending}>
              {remove.isPending ? 'Deleting…' : 'Delete my account'}
            </button>
            <button type="button" className="button button-secondary" onClick={close}>
              Keep my account
            </button>
          </div>
        </form>
      </ConfirmDialog>
    </section>
  );
}
