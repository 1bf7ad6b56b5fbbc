import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useRouter } from '@tanstack/react-router';
import { isOffline, subscribeToNetwork } from './network-state';
import './offline.css';

/**
 * A quiet line under the header while Tandem cannot reach its server. The live region is always there, empty while
 * online, so a screen reader announces the words when they appear. When the connection returns, the page loads again
 * what it could not load without one.
 */
export function OfflineBanner() {
  const offline = useSyncExternalStore(subscribeToNetwork, isOffline, () => false);
  const router = useRouter();
  const wasOffline = useRef(offline);
  useEffect(() => {
    // Back online (the browser said so, or Tandem answered again): load what could not be loaded without it.
    if (wasOffline.current && !offline) {
      router.invalidate().catch(() => {
        // The page shows its own error when it still cannot load.
      });
    }
    wasOffline.current = offline;
  }, [offline, router]);
  return (
    <div role="status" className={offline ? 'offline-banner' : undefined}>
      {offline && (
        <p>
          <strong>You are offline.</strong> Tandem shows what it already has here, and carries on when the connection is
          back.
        </p>
      )}
    </div>
  );
}
