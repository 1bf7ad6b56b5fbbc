import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { replaceSessionUser } from '#client/lib/session-cache';

/** After the session ended on purpose (everywhere, or with the account): forget this person, go to the login page. */
export function useSignedOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    replaceSessionUser(queryClient, null);
    await navigate({ to: '/login' });
  };
}
