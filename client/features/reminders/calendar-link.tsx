import { useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { UserDto } from '#shared/schemas/auth.schema';
import { ConfirmButtons } from '#client/components/confirm-buttons';
import { ConfirmDialog } from '#client/components/confirm-dialog';
import { FormError } from '#client/components/form-error';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';
import { useSignedIn } from '#client/lib/use-signed-in';

/** The same feed for calendar apps that subscribe on a click: webcal:// opens the device's calendar. */
const webcalOf = (url: string) => url.replace(/^https?:\/\//, 'webcal://');

/**
 * A private link to a calendar feed holding the person's weekly moment. The link is shown once, when it is made; the
 * server keeps only a fingerprint of it. Making another replaces it; stopping it ends it in every calendar.
 */
export function CalendarLink({ me }: { me: UserDto }) {
  const status = useQuery({ ...trpc.calendar.status.queryOptions(), enabled: useSignedIn() });
  const [url, setUrl] = useState<string | null>(null);
  const [copyStatus, setCopyStatus] = useState('');
  const [confirming, setConfirming] = useState(false);
  const shown = useRef<HTMLElement>(null);

  const create = useGuardedMutation(
    trpc.calendar.createLink.mutationOptions({
      onSuccess: (result) => {
        setUrl(result.url);
        setCopyStatus('');
      },
    }),
  );
  const revoke = useGuardedMutation(
    trpc.calendar.revokeLink.mutationOptions({
      onSuccess: () => {
        setUrl(null);
        setConfirming(false);
        setCopyStatus('The link is stopped. Calendars using it will drop the event at their next update.');
      },
    }),
  );

  // A refusal from an earlier try is not news the next time the dialog opens.
  const closeDialog = () => {
    setConfirming(false);
    revoke.reset();
  };

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopyStatus('The link is copied. Paste it where your calendar app asks for a calendar address.');
    } catch {
      // No clipboard here: select the link, so one more step copies it.
      const range = document.createRange();
      if (shown.current) range.selectNodeContents(shown.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopyStatus("Copying didn't work here. The link is selected: copy it from your keyboard or menu.");
    }
  };

  const active = url !== null || status.data?.active === true;

  return (
    <div className="stack" aria-labelledby="calendar-heading" role="group">
      <h3 id="calendar-heading">In your calendar</h3>
      <p className="muted small">
        A private link your calendar app can follow: one weekly event at your day and time, nothing else. Anyone with
        the link sees that event and your first name, so keep it to yourself.
      </p>
      {me.isDemo ? (
        <p className="notice">Calendar links are for accounts of your own. Sign up to make one.</p>
      ) : (
        <>
          {url && (
            <div className="stack">
              <div className="code-box">
                {/* Smaller than an invite code: a long address is copied, not read aloud. */}
                <code ref={shown} data-testid="calendar-link" style={{ fontSize: 'var(--text-sm)' }}>
                  {url}
                </code>
              </div>
              <div className="button-row">
                <a className="button" href={webcalOf(url)} data-testid="webcal-link">
                  Add to calendar
                </a>
                <button type="button" className="button button-secondary" onClick={() => void copy()}>
                  Copy link
                </button>
              </div>
              <p className="muted small">
                This is the only time the link is shown. Make a new one whenever you need it.
              </p>
            </div>
          )}
          {!url && status.data?.active && (
            <p className="small">
              You have a calendar link. It can&apos;t be shown again; make a new one to see it (the old one then stops).
            </p>
          )}
          <FormError error={create.error} />
          <div className="button-row">
            <button
              type="button"
              className={url ? 'button button-secondary' : 'button'}
              disabled={create.isPending}
              onClick={() => create.mutate({})}
            >
              {create.isPending ? 'Making…' : active ? 'Make a new calendar link' : 'Make a calendar link'}
            </button>
            {active && (
              <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
                Stop this link
              </button>
            )}
          </div>
          <p className="muted small" role="status">
            {copyStatus}
          </p>
          <ConfirmDialog open={confirming} title="Stop this calendar link?" onClose={closeDialog}>
            <p>Calendars that use it will stop showing your weekly event. You can make a new link at any time.</p>
            {/* Inside the dialog: the page behind it is inert while it is open, so an error there would go unseen. */}
            <FormError error={revoke.error} />
            <ConfirmButtons
              keepLabel="Keep it"
              actLabel="Stop the link"
              pendingLabel="Stopping…"
              pending={revoke.isPending}
              onKeep={closeDialog}
              onAct={() => revoke.mutate({})}
            />
          </ConfirmDialog>
        </>
      )}
    </div>
  );
}
