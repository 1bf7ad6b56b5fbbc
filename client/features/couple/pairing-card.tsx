import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { joinCoupleInputSchema, type InviteDto } from '../../../shared/schemas/couple.schema';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { trpc } from '../../trpc';
import { InviteCode } from './invite-code';

/** For a partner not yet in a couple: start one and invite, or join with the partner's code. */
export function PairingCard() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [invite, setInvite] = useState<InviteDto | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();

  const refresh = async () => {
    await queryClient.invalidateQueries();
    await router.invalidate();
  };
  const create = useMutation(trpc.couple.create.mutationOptions({ onSuccess: (data) => setInvite(data) }));
  const join = useMutation(trpc.couple.join.mutationOptions({ onSuccess: refresh }));

  const submitJoin = (event: FormEvent) => {
    event.preventDefault();
    const parsed = joinCoupleInputSchema.safeParse({ inviteCode: code });
    if (!parsed.success) return setCodeError(parsed.error.issues[0]?.message);
    setCodeError(undefined);
    join.mutate(parsed.data);
  };

  if (invite) {
    return (
      <section className="card" aria-labelledby="pair-heading">
        <h2 id="pair-heading">Your couple is ready. Now invite your partner</h2>
        <p>Ask your partner to create their own Tandem account and enter this code.</p>
        <InviteCode code={invite.inviteCode} expiresAt={invite.expiresAt} />
        <button type="button" className="button" onClick={refresh}>
          Done, go on
        </button>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="pair-heading">
      <h2 id="pair-heading">Pair up with your partner</h2>
      <p className="muted">
        Tandem works best with both of you. One of you starts the couple and shares a code; the other joins with it.
      </p>
      <div className="grid grid-2">
        <div>
          <h3>Start your couple</h3>
          <p className="muted small">You'll get a code to send to your partner.</p>
          <FormError error={create.error} />
          <button type="button" className="button" onClick={() => create.mutate({})} disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create our couple'}
          </button>
        </div>
        <form onSubmit={submitJoin} noValidate>
          <h3>Have a code?</h3>
          <TextField label="Invite code" name="inviteCode" autoComplete="off" autoCapitalize="characters" spellCheck={false} placeholder="XXXX-XXXX-XXXX-XXXX-XXXX" value={code} onChange={(e) => setCode(e.target.value)} error={codeError} />
          <FormError error={join.error} />
          <button type="submit" className="button" disabled={join.isPending}>
            {join.isPending ? 'Joining…' : 'Join my partner'}
          </button>
        </form>
      </div>
    </section>
  );
}
