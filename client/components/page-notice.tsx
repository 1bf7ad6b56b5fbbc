import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { useRouterState } from '@tanstack/react-router';

interface Notice {
  text: ReactNode;
  /** What happened went through (most notices), or did not and the person should know it. */
  tone: 'success' | 'error';
  /** A new one each time, so the same words said twice are heard twice. */
  serial: number;
  /** The page it is meant for: it waits for that page, and goes once the person moves on from it. */
  path: string;
  seen: boolean;
}

let current: Notice | null = null;
const listeners = new Set<() => void>();
const set = (notice: Notice | null) => {
  current = notice;
  for (const listener of listeners) listener();
};

/**
 * Says what just happened on the next screen (or this one): "You're logged out", "You've left the couple". One at
 * a time; it stays until the person moves to another page or closes it. Kept in memory only: a page load starts with
 * none.
 */
let shown = 0;

export function showNotice(text: ReactNode, path = location.pathname, tone: Notice['tone'] = 'success') {
  set({ text, path, tone, seen: false, serial: ++shown });
}

const markSeen = () => {
  if (current) current.seen = true;
};

/** Where a notice appears, under the header: a polite status region that is there from the start, so it is heard. */
export function PageNotice() {
  const notice = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const here = notice?.path === pathname;
  useEffect(() => {
    if (notice && here) markSeen();
    else if (notice?.seen) set(null);
  }, [notice, here]);

  return (
    <div className="page-notice" role="status">
      {notice && here && (
        <p key={notice.serial} className={`notice notice-${notice.tone}`}>
          <span>{notice.text}</span>{' '}
          <button type="button" className="link-button" onClick={() => set(null)}>
            Close
          </button>
        </p>
      )}
    </div>
  );
}
