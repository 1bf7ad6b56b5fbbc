import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { showNotice } from '#client/components/page-notice';
import { forgetDeviceData } from '#client/features/offline/forget-device-data';
import { replaceSessionUser } from '#client/lib/session-cache';

/**
 * After the session ended on purpose (everywhere, or with the account): forget this person, in memory and on this
 * device (check-ins still waiting to be sent included), go to the login page, and say there what happened.
 */
export function useSignedOut(notice: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    replaceSessionUser(queryClient, null);
    // Waiting check-ins go at once; the page moves on without waiting for the rest, so nothing still on screen asks
    // the server again with the ended session.
    forgetDeviceData().catch((error: unknown) => console.warn('Clearing this device failed.', error));
    showNotice(notice, '/login');
    await navigate({ to: '/login' });
  };
}
