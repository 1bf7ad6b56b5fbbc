import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { FormError } from '#client/components/form-error';
import { trpc } from '#client/trpc';
import { ConfirmDialog } from './confirm-dialog';

export function LeaveCouple({ viewerId }: { viewerId: string }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const router = useRouter();
  const couple = useQuery(trpc.couple.get.queryOptions());
  const partner = couple.data?.partners.find((p) => p.id !== viewerId)?.displayName;
  const leave = useMutation(
    trpc.couple.leave.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await queryClient.invalidateQueries();
        await router.invalidate();
      },
    }),
  );
  const them = partner ?? 'your partner';

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
      <ConfirmDialog open={open} title="Leave your couple?" onClose={() => setOpen(false)}>
        <p>
          You keep every check-in, note and reflection you wrote, and so does {them}. Neither of you will see the
          other's ratings any more. To pair again, one of you starts a new couple and shares a new code.
        </p>
        <FormError error={leave.error} />
        <div className="button-row">
          <button
            type="button"
            className="button button-danger"
            onClick={() => leave.mutate({})}
            disabled={leave.isPending}
          >
            {leave.isPending ? 'Leaving…' : 'Leave the couple'}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setOpen(false)} autoFocus>
            Stay
          </button>
        </div>
      </ConfirmDialog>
    </section>
  );
}
