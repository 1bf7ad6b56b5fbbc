import type { AppDeps } from '#server/deps';
import { processLogger } from '#server/observability/process-logger';
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
 * refuses or never answers only leaves a line in the log. `what` names the kind of email; the line says that, and
 * how it went, never to whom or what it said.
 */
export function sendInBackground(deps: AppDeps, message: OutgoingEmail, what: string): void {
  const transport = deps.mail;
  if (!transport) return;
  transport.send(message).then(
    () => {
      deps.observeMail?.(what, 'sent');
      processLogger().info({ event: 'email', kind: what, outcome: 'sent' }, `Sent a ${what} email.`);
    },
    (error: unknown) => {
      deps.observeMail?.(what, 'failed');
      const failure = describeSendFailure(error);
      processLogger().error(
        { event: 'email', kind: what, outcome: 'failed', failure },
        `Could not send a ${what} email (${failure}).`,
      );
    },
  );
}
