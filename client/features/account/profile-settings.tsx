import { useState, type FormEvent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { changeEmailInputSchema, updateProfileInputSchema } from '#shared/schemas/account.schema';
import type { UserDto } from '#shared/schemas/auth.schema';
import { FormError } from '#client/components/form-error';
import { TextField } from '#client/components/text-field';
import { fieldErrors } from '#client/lib/errors';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { flattenFieldErrors } from '#client/lib/validation';
import { trpc } from '#client/trpc';

type Editing = 'name' | 'email' | null;

/** Who the person is here: their name and email, each changed in place; the email only with their password. */
export function ProfileSettings({ me }: { me: UserDto }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [done, setDone] = useState<ReactNode>(null);
  const finish = (message: ReactNode) => {
    setEditing(null);
    setDone(message);
  };
  const start = (what: Editing) => {
    setEditing(what);
    setDone(null);
  };

  return (
    <section className="card" aria-labelledby="account-heading">
      <h2 id="account-heading">Your account</h2>
      <dl className="definition-list profile-list">
        <dt>Name</dt>
        <dd>
          {editing === 'name' ? (
            <ChangeName current={me.displayName} onDone={finish} />
          ) : (
            <>
              <span dir="auto">{me.displayName}</span>
              <button type="button" className="link-button" onClick={() => start('name')}>
                Change name
              </button>
            </>
          )}
        </dd>
        <dt>Email</dt>
        <dd>
          {editing === 'email' ? (
            <ChangeEmail current={me.email} onDone={finish} />
          ) : (
            <>
              <span className="profile-email">{me.email}</span>
              {!me.isDemo && (
                <button type="button" className="link-button" onClick={() => start('email')}>
                  Change email
                </button>
              )}
            </>
          )}
        </dd>
        <dt>Role</dt>
        <dd>{me.role === 'coach' ? 'Coach' : 'Partner'}</dd>
      </dl>
      {done && (
        <p className="notice notice-success" role="status">
          {done}
        </p>
      )}
      {me.isDemo && <p className="notice">This is a demo account. It and everything in it are removed within a day.</p>}
    </section>
  );
}

function useMe() {
  const queryClient = useQueryClient();
  // The header, the greeting and this card read the person from here.
  return (user: UserDto) => queryClient.setQueryData(trpc.auth.me.queryKey(), user);
}

function ChangeName({ current, onDone }: { current: string; onDone: (message: ReactNode) => void }) {
  const [displayName, setDisplayName] = useState(current);
  const [error, setError] = useState<string>();
  const setMe = useMe();
  const save = useGuardedMutation(
    trpc.account.updateProfile.mutationOptions({
      onSuccess: (user) => {
        setMe(user);
        onDone(
          <>
            Your name is now <span dir="auto">{user.displayName}</span>. Everyone you share Tandem with sees it from now
            on.
          </>,
        );
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = updateProfileInputSchema.safeParse({ displayName });
    if (!parsed.success) {
      save.reset();
      return setError(flattenFieldErrors(parsed.error).displayName);
    }
    setError(undefined);
    if (parsed.data.displayName === current) return onDone(null);
    save.mutate(parsed.data);
  };
  const serverFields = fieldErrors(save.error);

  return (
    <form onSubmit={submit} noValidate className="profile-form">
      <TextField
        label="Your name"
        hint="What your partner and your coach know you by."
        name="displayName"
        autoComplete="given-name"
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        error={error ?? serverFields.displayName}
        autoFocus
      />
      <FormError error={Object.keys(serverFields).length ? null : save.error} />
      <SaveOrCancel label="Save name" saving={save.isPending} onCancel={() => onDone(null)} />
    </form>
  );
}

function ChangeEmail({ current, onDone }: { current: string; onDone: (message: ReactNode) => void }) {
  const [email, setEmail] = useState(current);
  const [currentPassword, setCurrentPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const setMe = useMe();
  const save = useGuardedMutation(
    trpc.account.changeEmail.mutationOptions({
      onSuccess: (user) => {
        setMe(user);
        onDone(
          user.email === current
            ? 'That is already your email, so nothing changed.'
            : `You log in with ${user.email} from now on. Your password stays the same.`,
        );
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = changeEmailInputSchema.safeParse({ email, currentPassword });
    if (!parsed.success) {
      save.reset();
      return setErrors(flattenFieldErrors(parsed.error));
    }
    setErrors({});
    save.mutate(parsed.data);
  };
  const serverFields = fieldErrors(save.error);
  const shown = { ...serverFields, ...errors };

  return (
    <form onSubmit={submit} noValidate className="profile-form">
      <TextField
        label="New email"
        type="email"
        name="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={shown.email}
        autoFocus
      />
      <TextField
        label="Your password"
        hint="To confirm it is you."
        type="password"
        name="currentPassword"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        error={shown.currentPassword}
      />
      <FormError error={Object.keys(serverFields).length ? null : save.error} />
      <SaveOrCancel label="Save email" saving={save.isPending} onCancel={() => onDone(null)} />
    </form>
  );
}

/** Both forms end the same way: save (disabled while it runs, so a double click sends once) or go back unchanged. */
function SaveOrCancel({ label, saving, onCancel }: { label: string; saving: boolean; onCancel: () => void }) {
  return (
    <div className="button-row">
      <button type="submit" className="button" disabled={saving}>
        {saving ? 'Saving…' : label}
      </button>
      <button type="button" className="button button-secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
