import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CoachInviteDto } from '#shared/schemas/coach.schema';
import { FormError } from '#client/components/form-error';
import { InviteCode } from '#client/features/couple/invite-code';
import { trpc } from '#client/trpc';
import { AccessLog } from './access-log';
import { WhatACoachSees } from './what-a-coach-sees';

/**
 * The couple's side of coaching: invite a coach, see who has access, end it at once, and see when a coach looked.
 * Either partner may do all of it.
 */
export function CoachAccessSettings() {
  const queryClient = useQueryClient();
  const couple = useQuery(trpc.couple.get.queryOptions());
  const [invite, setInvite] = useState<CoachInviteDto | null>(null);
  const create = useMutation(trpc.couple.inviteCoach.mutationOptions({ onSuccess: setInvite }));
  const revoke = useMutation(
    trpc.couple.revokeCoach.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.couple.pathFilter()),
    }),
  );

  const coaches = couple.data?.coaches ?? [];
  return (
    <section className="card stack" aria-labelledby="coach-access-heading">
      <h2 id="coach-access-heading">Coach access</h2>
      <p className="muted">
        If you work with a relationship coach, you can let them follow your check-ins between sessions. You decide, and
        either of you can end it at any moment.
      </p>
      <WhatACoachSees />

      <h3>Your coaches</h3>
      {couple.isPending ? (
        <div className="skeleton" style={{ height: '3rem' }} />
      ) : coaches.length === 0 ? (
        <p className="muted">No coach has access to your check-ins.</p>
      ) : (
        <ul className="status-list" aria-label="Coaches with access">
          {coaches.map((coach) => (
            <li key={coach.id} className="coach-row">
              <span>{coach.displayName}</span>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => revoke.mutate({ coachId: coach.id })}
                disabled={revoke.isPending}
                aria-label={`End ${coach.displayName}'s access`}
              >
                End access
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormError error={revoke.error} />
      {revoke.isSuccess && (
        <p className="notice notice-success" role="status">
          Done. That coach can no longer see anything of yours.
        </p>
      )}

      <h3>Invite a coach</h3>
      {invite ? (
        <>
          <p>Give this code to your coach. They enter it in their own Tandem account, signed up as a coach.</p>
          <InviteCode code={invite.coachCode} expiresAt={invite.expiresAt} />
        </>
      ) : (
        <p className="muted">You get a one-time code to give to your coach. It stops working after seven days.</p>
      )}
      <FormError error={create.error} />
      <div>
        <button type="button" className="button" onClick={() => create.mutate({})} disabled={create.isPending}>
          {invite ? 'Make another code' : 'Make a coach code'}
        </button>
      </div>

      <AccessLog />
    </section>
  );
}
