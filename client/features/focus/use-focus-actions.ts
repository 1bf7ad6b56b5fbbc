import { useMutation, useQueryClient } from '@tanstack/react-query';
import { trpc } from '#client/trpc';

/** Adopting or clearing a focus changes the suggestion and the charts' bands too, so all three are refreshed. */
export function useFocusActions() {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.focus.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.suggestion.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.dashboard.pathKey() }),
    ]);
  };
  const adopt = useMutation(trpc.focus.adopt.mutationOptions({ onSuccess: refresh }));
  const clear = useMutation(trpc.focus.clear.mutationOptions({ onSuccess: refresh }));
  return { adopt, clear };
}
