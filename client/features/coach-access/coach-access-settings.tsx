import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { CoachInviteDto } from '#shared/schemas/coach.schema';
import type { CoupleCoachDto } from '#shared/schemas/couple.schema';
import { ConfirmDialog } from '#client/components/confirm-dialog';
import { FormError } from '#client/components/form-error';
import { InviteCode } from '#client/features/couple/invite-code';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';
import { AccessLog } from './access-log';
import { WhatACoachSees } from './what-a-coach-sees';

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'long' });

/**
 * The couple's side of coaching: invite a coach, see who has access, end it (after a question), and see when a coach
 * looked. Either partner may do all of it.
 */
export function CoachAccessSettings() {
  const couple = useQuery(trpc.couple.get.queryOptions());
  const [invite, setInvite] = useState<CoachInviteDto | null>(null);
  const [ending, setEnding] = useState<CoupleCoachDto | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const create = useGuardedMutation(trpc.couple.inviteCoach.mutationOptions({ onSuccess: setInvite }));
  const revoke = useGuardedMutation(
    trpc.couple.revokeCoach.mutationOptions({
      onSuccess: () => {
        setEnded(ending?.displayName ?? null);
        setEnding(null);
      },
    }),
  );
  const askToEnd = (coach: CoupleCoachDto) => {
    revoke.reset();
    setEnded(null);
    setEnding(coach);
  };
  const closeDialog = () => {
    setEnding(null);
    revoke.reset();
  };

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
              <span>
                <span dir="auto">{coach.displayName}</span>
                <span className="muted small"> · since {day(coach.since)}</span>
              </span>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => askToEnd(coach)}
                aria-label={`End ${coach.displayName}'s access…`}
              >
                End access…
              </button>
            </li>
          ))}
        </ul>
      )}
      {ended && (
        <p className="notice notice-success" role="status">
          Done. <span dir="auto">{ended}</span> can no longer see anything of yours.
        </p>
      )}
      <ConfirmDialog
        open={ending !== null}
        title={ending ? `End ${ending.displayName}'s access?` : 'End access?'}
        onClose={closeDialog}
      >
        <p>
          From their next click on, <span dir="auto">{ending?.displayName}</span> no longer sees your check-ins, your
          focus or the reflections you shared with your coach, and the focus they chose for you ends. Your notes and
          check-ins stay as they are. To work together again, one of you makes a new coach code.
        </p>
        <FormError error={revoke.error} />
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={closeDialog} data-autofocus>
            Keep access
          </button>
          <button
            type="button"
            className="button button-danger"
            onClick={() => ending && revoke.mutate({ coachId: ending.id })}
            disabled={revoke.isPending}
          >
            {revoke.isPending ? 'Ending…' : 'End access'}
          </button>
        </div>
      </ConfirmDialog>

      <h3>Invite a coach</h3>
      {invite ? (
        <>
          <p>Give this code to your coach. They enter it in their own Tandem account, signed up as a coach.</p>
          <InviteCode code={invite.coachCode} expiresAt={invite.expiresAt} recipient="your coach" />
        </>
      ) : (
        <p className="muted">You get a one-time code to give to your coach. It stops working after seven days.</p>
      )}
      <FormError error={create.error} />
      <div>
        <button
          type="button"
          className="button"
          onClick={() => {
            setEnded(null);
            create.mutate({});
          }}
          disabled={create.isPending}
        >
          {invite ? 'Make another code' : 'Make a coach code'}
        </button>
      </div>

      <AccessLog />
    </section>
  );
}
