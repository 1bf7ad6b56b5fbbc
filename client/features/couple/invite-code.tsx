import { useState } from 'react';

/** The code to send, with a copy button and when it stops working. */
export function InviteCode({ code, expiresAt }: { code: string; expiresAt: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="stack">
      <div className="code-box">
        <code data-testid="invite-code">{code}</code>
        <button type="button" className="button button-secondary" onClick={copy}>
          {copied ? 'Copied' : 'Copy code'}
        </button>
      </div>
      <p className="muted small" aria-live="polite">
        Send it to your partner however you like. It works once, until{' '}
        {new Date(expiresAt).toLocaleDateString(undefined, { day: 'numeric', month: 'long' })}.
      </p>
    </div>
  );
}
