import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { joinCoupleInputSchema, type InviteDto } from '#shared/schemas/couple.schema';
import { FormError } from '#client/components/form-error';
import { showNotice } from '#client/components/page-notice';
import { TextField } from '#client/components/text-field';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';
import { InviteCode } from './invite-code';

/** The address that opens the invite: `/join/<code>` on this server. */
export const inviteLink = (code: string) => `${location.origin}/join/${encodeURIComponent(code)}`;

/**
 * The invite made last on this page, kept in memory only: the settings page swaps its sections when a couple is
 * created, and the invite must survive that. A reload forgets it, as the server never returns a stored code. It is
 * tied to the person who made it, so whoever logs in next on this device never sees it.
 */
let lastInvite: { madeBy: string; invite: InviteDto } | null = null;
const rememberInvite = (madeBy: string, invite: InviteDto) => {
  lastInvite = { madeBy, invite };
};

/**
 * Everything it takes to get the second partner in: start a couple or join one, then share (or renew) the invite.
 * It stays on screen until the couple is complete, so a freshly made invite is never lost to a re-render. The server
 * keeps only a scrambled copy of a code, so after a reload the invite cannot be shown again: a new one is offered.
 */
export function PartnerInvite() {
  const router = useRouter();
  const me = useQuery(trpc.auth.me.queryOptions()).data;
  const couple = useQuery({ ...trpc.couple.get.queryOptions(), enabled: Boolean(me?.coupleId) });
  const [made, setInvite] = useState<InviteDto | null>(
    lastInvite && lastInvite.madeBy === me?.id ? lastInvite.invite : null,
  );
  const invite = made && made.coupleId === me?.coupleId ? made : null;

  const onInvite = async (data: InviteDto) => {
    if (me) rememberInvite(me.id, data);
    setInvite(data);
    // The pages' guards read whether the person is in a couple.
    await router.invalidate();
  };
  const create = useGuardedMutation(trpc.couple.create.mutationOptions({ onSuccess: onInvite }));
  const renew = useGuardedMutation(trpc.couple.newInvite.mutationOptions({ onSuccess: onInvite }));

  if (!me?.coupleId)
    return (
      <StartOrJoin
        onCreate={() => create.mutate({})}
        creating={create.isPending}
        createError={create.error}
        resetCreate={create.reset}
      />
    );

  const openUntil = couple.data?.inviteExpiresAt;
  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite your partner</h2>
      {invite ? (
        <>
          <p>
            Send your partner this link. It opens Tandem, where they create their own account and join you in one step.
          </p>
          <InviteCode
            code={invite.inviteCode}
            link={inviteLink(invite.inviteCode)}
            expiresAt={invite.expiresAt}
            recipient="your partner"
          />
        </>
      ) : openUntil ? (
        <p>
          You made an invite that works until{' '}
          {new Date(openUntil).toLocaleDateString(undefined, { day: 'numeric', month: 'long' })}. Tandem keeps only a
          scrambled copy of it, so it can't be shown again. If your partner doesn't have it yet, make a new one: the
          earlier one then stops working.
        </p>
      ) : (
        <p className="muted">Your partner joins with an invite link from you. Make one and send it to them.</p>
      )}
      <FormError error={renew.error} />
      <button
        type="button"
        className={invite ? 'button button-secondary' : 'button'}
        onClick={() => renew.mutate({})}
        disabled={renew.isPending}
      >
        {renew.isPending ? 'Making it…' : invite || openUntil ? 'Make a new invite link' : 'Make an invite link'}
      </button>
    </section>
  );
}

interface StartOrJoinProps {
  onCreate: () => void;
  creating: boolean;
  createError: unknown;
  resetCreate: () => void;
}

function StartOrJoin({ onCreate, creating, createError, resetCreate }: StartOrJoinProps) {
  return (
    <section className="card" aria-labelledby="pair-heading">
      <h2 id="pair-heading">Pair up with your partner</h2>
      <p className="muted">
        Tandem works best with both of you. One of you starts the couple and sends an invite link; the other opens it
        (or types its code here). You see each other's check-ins from the week you pair up; what either of you logged
        before stays your own.
      </p>
      <div className="grid grid-2">
        <div>
          <h3>Start your couple</h3>
          <p className="muted small">You'll get a link to send to your partner.</p>
          <FormError error={createError} />
          <button type="button" className="button" onClick={onCreate} disabled={creating}>
            {creating ? 'Creating…' : 'Create our couple'}
          </button>
        </div>
        <JoinForm heading="Have a code?" onSubmitting={resetCreate} />
      </div>
    </section>
  );
}

/** After joining: say so, with the partner's name, on the page the person goes to next. */
export function useJoined() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return async (nextPath?: string) => {
    await router.invalidate();
    const couple = await queryClient.fetchQuery(trpc.couple.get.queryOptions()).catch(() => null);
    const me = queryClient.getQueryData(trpc.auth.me.queryKey());
    const partner = couple?.partners.find((p) => p.id !== me?.id)?.displayName;
    showNotice(
      <>
        You've joined {partner ? <span dir="auto">{partner}</span> : 'your partner'}. You see each other's ratings for a
        week once you have both checked in.
      </>,
      nextPath,
    );
  };
}

interface JoinFormProps {
  heading: string;
  initialCode?: string;
  onSubmitting?: () => void;
  /** As soon as the join is done, before the views it touches are refreshed. */
  onJoined?: () => void;
  /** Where the person goes once joined; they stay on this page when absent. */
  next?: '/dashboard';
}

/** The invite code, typed or filled from a link, and the button that joins the couple it belongs to. */
export function JoinForm({ heading, initialCode = '', onSubmitting, onJoined, next }: JoinFormProps) {
  const [code, setCode] = useState(initialCode);
  const [codeError, setCodeError] = useState<string>();
  const router = useRouter();
  const joined = useJoined();
  const join = useGuardedMutation(
    trpc.couple.join.mutationOptions({
      onSuccess: async () => {
        onJoined?.();
        await joined(next);
        if (next) await router.navigate({ to: next });
      },
    }),
  );

  const submitJoin = (event: FormEvent) => {
    event.preventDefault();
    onSubmitting?.();
    const parsed = joinCoupleInputSchema.safeParse({ inviteCode: code });
    if (!parsed.success) {
      join.reset();
      return setCodeError(parsed.error.issues[0]?.message);
    }
    setCodeError(undefined);
    join.mutate(parsed.data);
  };

  return (
    <form onSubmit={submitJoin} noValidate>
      <h3>{heading}</h3>
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
  );
}
