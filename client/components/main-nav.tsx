import { useEffect, useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useRouterState } from '@tanstack/react-router';
import type { Role } from '#shared/schemas/auth.schema';
import { errorMessage, httpStatusOf } from '#client/lib/errors';
import { replaceSessionUser } from '#client/lib/session-cache';
import { forgetQueuedCheckIns } from '#client/features/check-in/outbox-keys';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';
import { showNotice } from './page-notice';

/**
 * The pages and "Log out". On a wide screen the links sit in the header's row; on a phone they fold into a "Menu"
 * button beside "Log out", so the header keeps to one row. The menu is a plain disclosure: Tab reaches the links,
 * Escape closes it and returns to the button, and it closes by itself on moving to another page. The current page
 * is marked (`aria-current`, which the router sets) both ways.
 */
export function MainNav({ role }: { role: Role }) {
  const id = useId();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  // Open on one page only: moving to another closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);
  const toggle = useRef<HTMLButtonElement>(null);
  const nav = useRef<HTMLElement>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useGuardedMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: async (_data, error) => {
        // Check-ins waiting on this device go at every deliberate logout, whether or not the server heard it, with
        // code that is part of this page: after a new version is deployed, a tab open since before could no longer
        // load it on demand, and a private note would stay behind.
        forgetQueuedCheckIns();
        // The session lives in a cookie the page cannot clear: until the server has ended it, this device is still
        // signed in, and saying otherwise would leave the next person at it a reload away from this one's pages. A
        // 401 means the session had ended already.
        if (error && httpStatusOf(error) !== 401) {
          showNotice(`You're still logged in. ${errorMessage(error)}`, location.pathname, 'error');
          return;
        }
        // Nothing else of this person may stay on this device, or in memory, for the next one.
        replaceSessionUser(queryClient, null);
        // The rest (caches beyond the app shell, which hold nothing personal today) loads when needed, not waited for.
        import('#client/features/offline/forget-device-data')
          .then((device) => device.forgetDeviceData())
          .catch((error: unknown) => console.warn('Clearing this device after logout failed.', error));
        showNotice("You're logged out. See you next week.", '/login');
        await navigate({ to: '/login' });
      },
    }),
  );

  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!nav.current?.contains(event.target as Node)) setOpenOn(null);
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [open]);

  return (
    <nav
      ref={nav}
      className="site-nav"
      aria-label="Main"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          toggle.current?.focus();
        }
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="site-menu-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <span className="site-menu-icon" aria-hidden="true" />
        Menu
      </button>
      <ul id={id} className={`site-links${open ? ' is-open' : ''}`}>
        {role === 'partner' ? (
          <>
            <li>
              <Link to="/dashboard">Dashboard</Link>
            </li>
            <li>
              <Link to="/check-in">Check in</Link>
            </li>
          </>
        ) : (
          <>
            <li>
              {/* The couples' pages sit under /coach too and count as "Clients"; the Measures page does not. */}
              <Link to="/coach" activeOptions={{ exact: pathname.startsWith('/coach/measures') }}>
                Clients
              </Link>
            </li>
            <li>
              <Link to="/coach/measures">Measures</Link>
            </li>
          </>
        )}
        <li>
          <Link to="/settings">Settings</Link>
        </li>
      </ul>
      <button type="button" onClick={() => logout.mutate({})} disabled={logout.isPending}>
        Log out
      </button>
    </nav>
  );
}
