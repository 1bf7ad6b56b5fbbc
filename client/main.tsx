import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { router } from './router';
import { queryClient, setSessionLostHandler, trpc } from './trpc';
import { onSessionChangedElsewhere, replaceSessionUser } from './lib/session-cache';
import './styles.css';

setSessionLostHandler(() => {
  // Not announced: a refused call says this tab's session ended, which the other tabs learn from their own calls.
  replaceSessionUser(queryClient, null, { announce: false });
  const here = router.state.location.href;
  if (!here.startsWith('/login')) void router.navigate({ to: '/login', search: { redirect: here } });
});

// Someone else signed in or out in another tab: this tab's pages (and any form on them) were another person's, so it
// loads again as whoever the cookie now names. The same person signing in again changes nothing here.
onSessionChangedElsewhere((userId) => {
  const shown = queryClient.getQueryData(trpc.auth.me.queryKey());
  // A page that never asked who is signed in (a reset or confirmation link) shows nobody's data: it stays as it is.
  if (shown === undefined) return;
  if (userId !== (shown?.id ?? null)) window.location.reload();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
