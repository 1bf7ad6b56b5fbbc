import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import type { UserDto } from '#shared/schemas/auth.schema';
import { afterLoginPath } from '#client/lib/redirect';
import { replaceSessionUser } from '#client/lib/session-cache';

/** After signup, login or the demo: forget the previous person's cache, remember the new one, move on. */
export function useSessionStart(redirect: string | undefined) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return async (user: UserDto) => {
    replaceSessionUser(queryClient, user);
    await router.invalidate();
    router.history.push(afterLoginPath(redirect, user.role));
  };
}
