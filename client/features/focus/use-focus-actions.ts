import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';

/** Adopting or clearing the couple's focus. What that changes (the suggestion, the charts' bands) is refreshed by the query client. */
export function useFocusActions() {
  const adopt = useGuardedMutation(trpc.focus.adopt.mutationOptions());
  const clear = useGuardedMutation(trpc.focus.clear.mutationOptions());
  return { adopt, clear };
}
