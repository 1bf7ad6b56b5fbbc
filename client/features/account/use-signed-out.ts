import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { showNotice } from '#client/components/page-notice';
import { replaceSessionUser } from '#client/lib/session-cache';

/**
 * After the session ended on purpose (everywhere, or with the account): forget this person, go to the login page,
 * and say there what happened.
 */
export function useSignedOut(notice: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    replaceSessionUser(queryClient, null);
    showNotice(notice, '/login');
    await navigate({ to: '/login' });
  };
}
