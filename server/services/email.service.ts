import type * as z from 'zod/mini';
import type {
  confirmEmailInputSchema,
  EmailStatusDto,
  requestPasswordResetInputSchema,
} from '#shared/schemas/email.schema';
import { consumeOrRefuse, limiterPerServer } from '#server/auth/rate-limits';
import { hashSecret, newSessionToken } from '#server/auth/secrets';
import { inTransaction } from '#server/db/dialect';
import type { AppDeps } from '#server/deps';
import { Conflict, Forbidden, NotFound } from '#server/errors';
import { confirmationEmail, passwordResetEmail } from '#server/mail/account-texts';
import { sendInBackground } from '#server/mail/send';
import { unsubscribeFor } from '#server/mail/unsubscribe';
import { verifiedAddressOf } from '#server/mail/verified-address';
import { addPasswordReset, deleteOpenPasswordResets } from '#server/repositories/credentials.repository';
import {
  recordConfirmedAddress,
  replaceConfirmationToken,
  takeConfirmationToken,
} from '#server/repositories/email.repository';
import { findUserByEmail, findUserById } from '#server/repositories/users.repository';
import type { Caller } from './caller';

/** A confirmation link works for two days: long enough for an inbox checked at the weekend. */
const CONFIRMATION_TTL_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * The least time a reset request takes to answer. The work differs a little when the address has an account (a row
 * is written, an email is handed to the transport); answering no sooner than this hides that difference, as the
 * decoy hash hides it for logins. Measured: both paths take well under 50 ms on SQLite and PostgreSQL.
 */
export const RESET_ANSWER_FLOOR_MS = 200;

/** Confirmation emails per account, and reset emails per address: counted in the shared `rate_limits` table. */
const confirmationsPerAccount = limiterPerServer({ keyPrefix: 'email-confirm', points: 5, duration: 60 * 60 });
const resetsPerEmail = limiterPerServer({ keyPrefix: 'reset-email', points: 3, duration: 60 * 60 });

function publicUrlOf(deps: AppDeps): string {
  const base = deps.config.publicUrl;
  if (!base) throw new Error('Email links need PUBLIC_URL, the address people reach this server at.');
  return base;
}

export async function emailStatus(deps: AppDeps, caller: Caller): Promise<EmailStatusDto> {
  const verified = await verifiedAddressOf(deps.db, caller.id);
  return { configured: deps.mail !== null, address: caller.email, confirmed: verified === caller.email };
}

/** Whether this server sends email at all: the login page offers a reset by email only then. */
export function emailAvailable(deps: AppDeps): { available: boolean } {
  return { available: deps.mail !== null };
}

/**
 * Sends a link that confirms the caller's current email. The request answers as soon as the link is stored; the email
 * goes out in the background, so a slow or refusing mail server never holds it.
 */
export async function sendConfirmation(deps: AppDeps, caller: Caller): Promise<{ ok: true }> {
  if (caller.isDemo === 1) {
    throw new Forbidden(
      'The demo account has a made-up address, so there is nothing to confirm. Sign up to use email.',
    );
  }
  if (!deps.mail) throw new Conflict('Email is not set up on this server.');
  await consumeOrRefuse(
    confirmationsPerAccount(deps),
    caller.id,
    'Several confirmation emails are already on their way. Wait a while, then try again.',
  );
  const token = newSessionToken();
  const now = deps.now();
  // The address as the link is stored, read in the same transaction: not the one the request began with, which a
  // change of email may have replaced since.
  const address = await inTransaction(deps.db, async (trx) => {
    const current = (await findUserById(trx, caller.id))?.email;
    if (current === undefined) throw new NotFound('This account no longer exists.');
    await replaceConfirmationToken(trx, {
      tokenHash: hashSecret(token),
      userId: caller.id,
      address: current,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS).toISOString(),
    });
    return current;
  });
  const url = `${publicUrlOf(deps)}/confirm-email?token=${encodeURIComponent(token)}`;
  // It may reach someone who never asked for Tandem (anyone can type an address): its one-click link turns every
  // kind of email off for this account, so that address hears nothing more from it.
  const stopAll = await unsubscribeFor(deps, caller.id, 'everything');
  // Read again once the links exist: a change of email from now on deletes the stop link with the others, and one made
  // since the link was stored leaves it naming an address left behind. Nothing goes there.
  if ((await findUserById(deps.db, caller.id))?.email !== address) {
    throw new Conflict('Your email changed a moment ago. Send the confirmation again to reach the new address.');
  }
  sendInBackground(
    deps,
    { to: address, ...confirmationEmail({ url, stopAllUrl: stopAll.url }), headers: stopAll.headers },
    'confirmation',
  );
  return { ok: true };
}

const CONFIRM_LINK_NOT_VALID =
  'This confirmation link does not work any more. You can send a new one from Settings, under Email.';

/** Confirms the address a link was sent to. Public: the link may be opened on another device than the one logged in. */
export async function confirmEmail(
  deps: AppDeps,
  input: z.output<typeof confirmEmailInputSchema>,
): Promise<{ ok: true }> {
  const nowIso = deps.now().toISOString();
  await inTransaction(deps.db, async (trx) => {
    // Taken out as it is read: a link works once, even when two tabs open it at the same moment.
    const link = await takeConfirmationToken(trx, hashSecret(input.token));
    if (!link || link.expiresAt <= nowIso) throw new NotFound(CONFIRM_LINK_NOT_VALID);
    const person = await findUserById(trx, link.userId);
    if (!person || person.email !== link.address) {
      throw new Conflict('This link was for an address that has since changed. Send a new one from Settings.');
    }
    await recordConfirmedAddress(trx, link.userId, link.address, nowIso);
  });
  return { ok: true };
}

/**
 * Sends a one-time link to set a new password, when the address has an account and the server has email. The answer
 * is always `{ok: true}`, after the same statements and no sooner than RESET_ANSWER_FLOOR_MS, so it tells nobody
 * whether an account exists. The one email that may go to an unconfirmed address: opening its link proves it.
 */
export async function requestPasswordReset(
  deps: AppDeps,
  input: z.output<typeof requestPasswordResetInputSchema>,
): Promise<{ ok: true }> {
  const started = Date.now();
  try {
    // Counted by the address asked for, known or not, so a refusal says nothing either.
    await consumeOrRefuse(
      resetsPerEmail(deps),
      hashSecret(input.email),
      'Several links were sent to this address already. Wait an hour, then try again.',
    );
    const person = await findUserByEmail(deps.db, input.email);
    // A demo account's address is made up: nobody reads it.
    const recipient = person && person.isDemo !== 1 && deps.mail ? person : null;
    const token = newSessionToken();
    const now = deps.now();
    await inTransaction(deps.db, async (trx) => {
      if (recipient) {
        await addPasswordReset(trx, {
          tokenHash: hashSecret(token),
          userId: recipient.id,
          address: recipient.email,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + deps.config.passwordResetTtlMs).toISOString(),
        });
      } else {
        // A write of the same size as the insert, for nobody: the answer takes the same path either way.
        await deleteOpenPasswordResets(trx, '');
      }
    });
    if (recipient) {
      const url = `${publicUrlOf(deps)}/reset-password?token=${encodeURIComponent(token)}`;
      sendInBackground(deps, { to: recipient.email, ...passwordResetEmail({ url }) }, 'password reset');
    }
    return { ok: true };
  } finally {
    const left = RESET_ANSWER_FLOOR_MS - (Date.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}
