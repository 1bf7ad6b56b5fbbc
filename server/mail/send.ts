import type { AppDeps } from '#server/deps';
import type { OutgoingEmail } from './transport';

/** What may be logged of a failed send: codes only, since an SMTP reply often repeats the recipient's address. */
export function describeSendFailure(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; command?: unknown } | null;
  const parts = [
    typeof e?.code === 'string' ? `code ${e.code}` : null,
    typeof e?.responseCode === 'number' ? `SMTP ${e.responseCode}` : null,
    typeof e?.command === 'string' ? `during ${e.command}` : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(', ') : 'unknown error';
}

/**
 * Sends without making anyone wait: the request that asked for the email answers at once, and a mail server that
 * refuses or never answers only leaves a line in the log (without the address). `what` names the kind of email.
 */
export function sendInBackground(deps: AppDeps, message: OutgoingEmail, what: string): void {
  const transport = deps.mail;
  if (!transport) return;
  transport.send(message).catch((error: unknown) => {
    console.error(`Could not send a ${what} email (${describeSendFailure(error)}).`);
  });
}
