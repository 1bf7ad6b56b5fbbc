import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InviteDto } from '../../../shared/schemas/couple.schema';
import { FormError } from '../../components/form-error';
import { PartnerName } from '../dashboard/partner-identity';
import { trpc } from '../../trpc';
import { InviteCode } from './invite-code';

/** The couple as it stands: who is in it, and a fresh invite code while the second partner is missing. */
export function CoupleSettings({ viewerId }: { viewerId: string }) {
  const queryClient = useQueryClient();
  const couple = useQuery(trpc.couple.get.queryOptions());
  const [invite, setInvite] = useState<InviteDto | null>(null);
  const renew = useMutation(
    trpc.couple.newInvite.mutationOptions({
      onSuccess: async (data) => {
        setInvite(data);
        await queryClient.invalidateQueries({ queryKey: trpc.couple.get.queryKey() });
      },
    }),
  );

  if (couple.isPending) return <div className="skeleton" style={{ height: '6rem' }} />;
  if (couple.isError) return <FormError error={couple.error} />;
  const { partners, inviteExpiresAt } = couple.data;
  const complete = partners.length >= 2;

  return (
    <div className="stack">
      <ul className="status-list">
        {partners.map((p, index) => (
          <li key={p.id}>
            <PartnerName index={index} name={p.id === viewerId ? `${p.displayName} (you)` : p.displayName} />
          </li>
        ))}
      </ul>
      {!complete && (
        <div>
          <h3>Invite your partner</h3>
          {invite ? (
            <InviteCode code={invite.inviteCode} expiresAt={invite.expiresAt} />
          ) : (
            <p className="muted">
              {inviteExpiresAt
                ? `An invite code is open until ${new Date(inviteExpiresAt).toLocaleDateString(undefined, { day: 'numeric', month: 'long' })}. Codes are stored scrambled, so we can't show it again; make a new one if it got lost.`
                : 'No invite code is open right now.'}
            </p>
          )}
          <FormError error={renew.error} />
          <button type="button" className="button button-secondary" onClick={() => renew.mutate({})} disabled={renew.isPending}>
            {invite || inviteExpiresAt ? 'Make a new code' : 'Make an invite code'}
          </button>
        </div>
      )}
    </div>
  );
}
