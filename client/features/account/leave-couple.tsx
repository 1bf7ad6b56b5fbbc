import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { ConfirmDialog } from '#client/components/confirm-dialog';
import { FormError } from '#client/components/form-error';
import { showNotice } from '#client/components/page-notice';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';

export function LeaveCouple({ viewerId }: { viewerId: string }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const couple = useQuery(trpc.couple.get.queryOptions());
  const partner = couple.data?.partners.find((p) => p.id !== viewerId)?.displayName;
  const leave = useGuardedMutation(
    trpc.couple.leave.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        showNotice(
          partner
            ? `You've left the couple. You keep everything you wrote, and ${partner} keeps theirs.`
            : "You've left the couple. You keep everything you wrote.",
        );
        // The pages' guards read whether the person is in a couple.
        await router.invalidate();
      },
    }),
  );
  const them = partner ? <span dir="auto">{partner}</span> : 'your partner';
  const close = () => {
    setOpen(false);
    leave.reset();
  };

  return (
    <section className="card" aria-labelledby="leave-heading">
      <h2 id="leave-heading">Leave your couple</h2>
      <p className="muted">
        You keep everything you wrote. From then on you and {them} no longer see each other's check-ins or shared
        reflections, and coaches of the couple keep access only to {them}.
      </p>
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        Leave the couple…
      </button>
      <ConfirmDialog open={open} title="Leave your couple?" onClose={close}>
        <p>
          You keep every check-in, note and reflection you wrote, and so does {them}. Neither of you will see the
          other's ratings any more. To pair again, one of you starts a new couple and shares a new invite.
        </p>
        <FormError error={leave.error} />
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={close} data-autofocus>
            Stay
          </button>
          <button
            type="button"
            className="button button-danger"
            onClick={() => leave.mutate({})}
            disabled={leave.isPending}
          >
            {leave.isPending ? 'Leaving…' : 'Leave the couple'}
          </button>
        </div>
      </ConfirmDialog>
    </section>
  );
}
