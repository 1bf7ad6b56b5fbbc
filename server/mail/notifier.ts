import type { AppDeps } from '#server/deps';
import type { Logger } from '#server/observability/logger';
import { processLogger } from '#server/observability/process-logger';
import {
  claimDelivery,
  deleteSettledDeliveriesBefore,
  deliveryKeyText,
  giveUpStaleDeliveries,
  markFailed,
  markSent,
  unclaimableKeys,
  type DeliveryKey,
} from '#server/repositories/email-deliveries.repository';
import { dueCoachDigests } from './due/coach-digest';
import type { DueEmail } from './due/due-email';
import { duePartnerAnswers } from './due/partner-answers';
import { dueWeeklyReminders } from './due/weekly-reminder';
import { actionPathOf, renderNotification } from './notification-messages';
import { describeSendFailure } from './send';
import type { MailTransport } from './transport';
import { unsubscribeFor } from './unsubscribe';
import { verifiedAddressOf } from './verified-address';

/** Waits before the 2nd, 3rd and 4th attempt of a send that failed; after the 4th, the delivery is recorded failed. */
export const RETRY_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_BACKOFF_MS.length + 1;
/**
 * One send may take this long before the pass stops waiting for it. The transport's own timeouts (per connection,
 * greeting and socket silence) end a dead server sooner; this bounds a server that answers just slowly enough.
 */
export const SEND_DEADLINE_MS = 60_000;
/**
 * How long a claim holds before another process may take it again: longer than any send may last (SEND_DEADLINE_MS),
 * so a live process is never overtaken; a process that died holding it is retried once it runs out.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;
/** A pending row this long past its time is not coming back (its week or its grace window is over). */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
/** Settled rows are kept this long, to say what was sent and when, then forgotten. */
export const DELIVERIES_KEPT_MS = 35 * 24 * 60 * 60 * 1000;

export interface PassReport {
  sent: number;
  failed: number;
}

/**
 * One pass: works out from the database and the server's clock what is due now, then for each email in turn claims
 * it, sends it, and records what happened. Only a confirmed address ever receives anything. `shouldStop` is asked
 * between emails, so that a shutdown waits for one send at most. Each send leaves a line: its kind, the person's
 * opaque id, the attempt and how it went; never the address, the name or the words.
 */
export async function runNotificationPass(
  deps: AppDeps,
  mail: MailTransport,
  shouldStop: () => boolean = () => false,
  logger: Logger = processLogger(),
): Promise<PassReport> {
  const now = deps.now();
  await giveUpStaleDeliveries(
    deps.db,
    now.toISOString(),
    new Date(now.getTime() - STALE_AFTER_MS).toISOString(),
    MAX_ATTEMPTS,
  );
  await deleteSettledDeliveriesBefore(deps.db, new Date(now.getTime() - DELIVERIES_KEPT_MS).toISOString());
  const due = [
    ...(await dueWeeklyReminders(deps, now)),
    ...(await duePartnerAnswers(deps, now)),
    ...(await dueCoachDigests(deps, now)),
  ];
  const settled = await unclaimableKeys(
    deps.db,
    due.map((d) => d.period),
    now.toISOString(),
  );
  const report: PassReport = { sent: 0, failed: 0 };
  for (const email of due) {
    if (settled.has(deliveryKeyText(email))) continue;
    if (shouldStop()) break;
    const outcome = await deliver(deps, mail, email, logger);
    if (outcome === 'sent') report.sent += 1;
    if (outcome === 'failed') report.failed += 1;
  }
  return report;
}

async function deliver(
  deps: AppDeps,
  mail: MailTransport,
  email: DueEmail,
  logger: Logger,
): Promise<'sent' | 'failed' | 'skipped'> {
  const base = deps.config.publicUrl;
  if (!base) return 'skipped';
  // No row for someone without a confirmed address: once they confirm, this week's email can still go out.
  if (!(await verifiedAddressOf(deps.db, email.userId))) return 'skipped';

  const key: DeliveryKey = { userId: email.userId, kind: email.kind, period: email.period };
  const claimedAt = deps.now();
  const claim = await claimDelivery(
    deps.db,
    key,
    claimedAt.toISOString(),
    new Date(claimedAt.getTime() + CLAIM_LEASE_MS).toISOString(),
    MAX_ATTEMPTS,
  );
  if (!claim) return 'skipped';

  try {
    const message = await email.message();
    const unsubscribe = await unsubscribeFor(deps, email.userId, email.kind);
    // The address is read once the link exists: a change of email from now on deletes the link with the others, and
    // one made since the check above (which forgets the confirmation) is seen here. Nothing goes to an address left.
    const to = await verifiedAddressOf(deps.db, email.userId);
    if (!to) {
      await markFailed(deps.db, key, claim.attempt, 'no confirmed address', deps.now().toISOString());
      logger.info(
        { ...sendFields(email, claim.attempt), outcome: 'address-changed' },
        `Did not send a ${email.kind} email: the address changed while it was being made; it waits for a confirmed one.`,
      );
      return 'skipped';
    }
    const rendered = renderNotification(message, {
      action: `${base}${actionPathOf(message)}`,
      unsubscribe: unsubscribe.url,
    });
    await withDeadline(
      mail.send({
        to,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        headers: unsubscribe.headers,
      }),
      SEND_DEADLINE_MS,
    );
  } catch (error) {
    const backoff = RETRY_BACKOFF_MS[claim.attempt - 1];
    const failedAt = deps.now();
    const retryAt = backoff === undefined ? null : new Date(failedAt.getTime() + backoff).toISOString();
    const failure = describeSendFailure(error);
    await markFailed(deps.db, key, claim.attempt, failure, retryAt);
    deps.observeMail?.(email.kind, retryAt === null ? 'failed' : 'retry');
    logger.warn(
      { ...sendFields(email, claim.attempt), outcome: retryAt === null ? 'failed' : 'retry', failure, retryAt },
      retryAt === null
        ? `Could not send a ${email.kind} email after ${claim.attempt} attempts (${failure}); giving up.`
        : `Could not send a ${email.kind} email (${failure}); trying again at ${retryAt}.`,
    );
    return retryAt === null ? 'failed' : 'skipped';
  }
  await markSent(deps.db, key, deps.now().toISOString());
  deps.observeMail?.(email.kind, 'sent');
  logger.info({ ...sendFields(email, claim.attempt), outcome: 'sent' }, `Sent a ${email.kind} email.`);
  return 'sent';
}

/** What a line says of one timed email: which kind, for which opaque id and week, and which attempt it was. */
function sendFields(email: DueEmail, attempt: number) {
  return { event: 'email', kind: email.kind, userId: email.userId, period: email.period, attempt };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('Send deadline passed'), { code: 'DEADLINE' })), ms);
  });
  // The losing send may still settle later; its outcome no longer matters, but it must not go unhandled.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export interface Notifier {
  /** Runs a pass now unless one is running; resolves when that pass (or the one running) ends. For tests and tools. */
  runNow(): Promise<void>;
  /** No new pass starts; waits for the one in flight for at most `waitMs`, then resolves anyway. */
  stop(waitMs: number): Promise<void>;
}

/**
 * Runs a pass every `intervalMs`: the next is scheduled when the last has ended, so passes never overlap in one
 * process, and a slow SMTP server only delays the next pass. Passes run off the request path: a request never waits
 * for a send. Several processes may each run one; the claims keep every email to one send.
 */
export function startNotifier(
  deps: AppDeps,
  options: { mail: MailTransport; intervalMs?: number; logger?: Logger },
): Notifier {
  const intervalMs = options.intervalMs ?? deps.config.notifyIntervalMs;
  const logger = options.logger ?? processLogger();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | null = null;

  const pass = (): Promise<void> => {
    if (inFlight) return inFlight;
    clearTimeout(timer);
    inFlight = runNotificationPass(deps, options.mail, () => stopped, logger)
      .then(
        (report) => {
          const fields = { event: 'notification pass', sent: report.sent, failed: report.failed };
          if (report.failed > 0) {
            logger.error(fields, `Email: ${report.failed} email(s) could not be sent after every retry.`);
          } else logger.debug(fields, `Email: a notification pass sent ${report.sent} email(s).`);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'Email: a notification pass failed.');
        },
      )
      .finally(() => {
        inFlight = null;
        schedule();
      });
    return inFlight;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void pass(), intervalMs);
    // The timer alone never keeps a process alive.
    timer.unref();
  };
  schedule();

  return {
    runNow: pass,
    async stop(waitMs) {
      stopped = true;
      clearTimeout(timer);
      if (!inFlight) return;
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([inFlight, new Promise<void>((resolve) => (waited = setTimeout(resolve, waitMs)))]);
      clearTimeout(waited);
    },
  };
}
