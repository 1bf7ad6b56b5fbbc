import { useState, type FormEvent } from 'react';
import { acceptCoachInputSchema } from '#shared/schemas/coach.schema';
import { FormError } from '#client/components/form-error';
import { TextField } from '#client/components/text-field';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';

/** A couple's one-time code turns into a row of the roster. */
export function AcceptCodeForm() {
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const accept = useGuardedMutation(trpc.coach.accept.mutationOptions({ onSuccess: () => setCode('') }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = acceptCoachInputSchema.safeParse({ coachCode: code });
    if (!parsed.success) {
      // A new problem replaces the last success: "on your list now" must not stand beside it.
      accept.reset();
      return setCodeError(parsed.error.issues[0]?.message);
    }
    setCodeError(undefined);
    accept.mutate(parsed.data);
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="accept-heading">
      <h2 id="accept-heading">Add a couple</h2>
      <p className="muted small">A couple makes a code in their settings and gives it to you. It works once.</p>
      <TextField
        label="Couple's code"
        name="coachCode"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder="ABCD-EFGH-…"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={codeError}
      />
      <FormError error={accept.error} />
      {accept.isSuccess && (
        <p className="notice notice-success" role="status">
          The couple is on your list now.
        </p>
      )}
      <button type="submit" className="button" disabled={accept.isPending}>
        {accept.isPending ? 'Adding…' : 'Add couple'}
      </button>
    </form>
  );
}
