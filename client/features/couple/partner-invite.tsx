import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { joinCoupleInputSchema, type InviteDto } from '#shared/schemas/couple.schema';
import { FormError } from '#client/components/form-error';
import { TextField } from '#client/components/text-field';
import { trpc } from '#client/trpc';
import { InviteCode } from './invite-code';

/**
 * Everything it takes to get the second partner in: start a couple or join one, then share (or renew) the code.
 * It stays on screen until the couple is complete, so a freshly made code is never lost to a re-render.
 */
export function PartnerInvite() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const me = useQuery(trpc.auth.me.queryOptions()).data;
  const couple = useQuery({ ...trpc.couple.get.queryOptions(), enabled: Boolean(me?.coupleId) });
  const [invite, setInvite] = useState<InviteDto | null>(null);

  const refresh = async () => {
    await queryClient.invalidateQueries();
    await router.invalidate();
  };
  const onInvite = async (data: InviteDto) => {
    setInvite(data);
    await refresh();
  };
  const create = useMutation(trpc.couple.create.mutationOptions({ onSuccess: onInvite }));
  const renew = useMutation(trpc.couple.newInvite.mutationOptions({ onSuccess: onInvite }));

  if (!me?.coupleId)
    return (
      <StartOrJoin
        onCreate={() => create.mutate({})}
        creating={create.isPending}
        createError={create.error}
        onJoined={refresh}
      />
    );

  const openUntil = couple.data?.inviteExpiresAt;
  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite your partner</h2>
      {invite ? (
        <>
          <p>Ask your partner to create their own Tandem account and enter this code.</p>
          <InviteCode code={invite.inviteCode} expiresAt={invite.expiresAt} />
        </>
      ) : (
        <p className="muted">
          {openUntil
            ? `An invite code is open until ${new Date(openUntil).toLocaleDateString(undefined, { day: 'numeric', month: 'long' })}. Codes are stored scrambled, so it can't be shown again; make a new one if it got lost.`
            : 'Your partner joins with a code from you. Make one and send it to them.'}
        </p>
      )}
      <FormError error={renew.error} />
      <button
        type="button"
        className="button button-secondary"
        onClick={() => renew.mutate({})}
        disabled={renew.isPending}
      >
        {invite || openUntil ? 'Make a new code' : 'Make an invite code'}
      </button>
    </section>
  );
}

interface StartOrJoinProps {
  onCreate: () => void;
  creating: boolean;
  createError: unknown;
  onJoined: () => Promise<void>;
}

function StartOrJoin({ onCreate, creating, createError, onJoined }: StartOrJoinProps) {
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const join = useMutation(trpc.couple.join.mutationOptions({ onSuccess: onJoined }));

  const submitJoin = (event: FormEvent) => {
    event.preventDefault();
    const parsed = joinCoupleInputSchema.safeParse({ inviteCode: code });
    if (!parsed.success) return setCodeError(parsed.error.issues[0]?.message);
    setCodeError(undefined);
    join.mutate(parsed.data);
  };

  return (
    <section className="card" aria-labelledby="pair-heading">
      <h2 id="pair-heading">Pair up with your partner</h2>
      <p className="muted">
        Tandem works best with both of you. One of you starts the couple and shares a code; the other joins with it. You
        see each other's check-ins from the week you pair up; what either of you logged before stays your own.
      </p>
      <div className="grid grid-2">
        <div>
          <h3>Start your couple</h3>
          <p className="muted small">You'll get a code to send to your partner.</p>
          <FormError error={createError} />
          <button type="button" className="button" onClick={onCreate} disabled={creating}>
            {creating ? 'Creating…' : 'Create our couple'}
          </button>
        </div>
        <form onSubmit={submitJoin} noValidate>
          <h3>Have a code?</h3>
          <TextField
            label="Invite code"
            name="inviteCode"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="ABCD-EFGH-…"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={codeError}
          />
          <FormError error={join.error} />
          <button type="submit" className="button" disabled={join.isPending}>
            {join.isPending ? 'Joining…' : 'Join my partner'}
          </button>
        </form>
      </div>
    </section>
  );
}
