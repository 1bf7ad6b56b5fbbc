import { useRef, useState } from 'react';

const until = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'long' });

interface Props {
  code: string;
  expiresAt: string;
  /** Who it is for, as the sentence names them: "your partner", "your coach". */
  recipient: string;
  /** A link that does the same as typing the code, when there is one: copied and shared instead of the code. */
  link?: string;
}

/**
 * A one-time invite to send: the link (or the code) with a copy button, the phone's share sheet where the browser has
 * one, and when it stops working.
 */
export function InviteCode({ code, expiresAt, recipient, link }: Props) {
  const [status, setStatus] = useState('');
  const shown = useRef<HTMLElement>(null);
  const text = link ?? code;
  const what = link ? 'link' : 'code';
  const shareData = { title: 'Join me on Tandem', text: 'Here is my invite to pair up on Tandem.', url: text };
  const canShare = Boolean(link) && typeof navigator.share === 'function' && (navigator.canShare?.(shareData) ?? true);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(`The ${what} is copied. Paste it into a message to ${recipient}.`);
    } catch {
      // No clipboard here (an older browser, or permission refused): select it, so one more step copies it.
      const range = document.createRange();
      if (shown.current) range.selectNodeContents(shown.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setStatus(`Copying didn't work here. The ${what} is selected: copy it from your keyboard or menu.`);
    }
  };
  const share = async () => {
    try {
      await navigator.share(shareData);
    } catch (error) {
      // Closing the share sheet is a choice, not a failure.
      if ((error as Error).name !== 'AbortError') setStatus(`Sharing didn't work here. Copy the ${what} instead.`);
    }
  };

  return (
    <div className="stack invite">
      {link ? (
        <div className="code-box">
          <code ref={shown} className="invite-link" data-testid="invite-link">
            {link}
          </code>
        </div>
      ) : (
        <div className="code-box">
          <code ref={shown} data-testid="invite-code">
            {code}
          </code>
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          {link ? 'Copy link' : 'Copy code'}
        </button>
        {canShare && (
          <button type="button" className="button button-secondary" onClick={() => void share()}>
            Share…
          </button>
        )}
      </div>
      <p className="muted small" role="status">
        {status}
      </p>
      <p className="muted small">
        Send it to {recipient} however you like. It works once, until {until(expiresAt)}.
        {link && (
          <>
            {' '}
            They can also type the code <code data-testid="invite-code">{code}</code> in Tandem.
          </>
        )}
      </p>
    </div>
  );
}
