import { useMutation, useQueryClient } from '@tanstack/react-query';
import { trpc } from '#client/trpc';

export function useReflectionActions(onSaved?: () => void) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.reflection.pathKey() });
  return {
    save: useMutation(
      trpc.reflection.save.mutationOptions({
        onSuccess: async () => {
          await refresh();
          onSaved?.();
        },
      }),
    ),
    setVisibility: useMutation(trpc.reflection.setVisibility.mutationOptions({ onSuccess: refresh })),
    remove: useMutation(trpc.reflection.delete.mutationOptions({ onSuccess: refresh })),
  };
}
