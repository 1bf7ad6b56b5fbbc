import { goneAlreadyIsDone } from '#client/lib/gone-already';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';

/** Saving, sharing and deleting reflections; the query client refreshes the lists once each is done. */
export function useReflectionActions(onSaved?: () => void) {
  return {
    save: useGuardedMutation(trpc.reflection.save.mutationOptions({ onSuccess: () => onSaved?.() })),
    setVisibility: useGuardedMutation(trpc.reflection.setVisibility.mutationOptions()),
    remove: useGuardedMutation(goneAlreadyIsDone(trpc.reflection.delete.mutationOptions())),
  };
}
