import { hashSecret, newSessionToken } from '#server/auth/secrets';
import type { AppDeps } from '#server/deps';
import {
  findUnsubscribeToken,
  insertUnsubscribeToken,
  turnEmailOff,
  type EmailSettingColumn,
} from '#server/repositories/email.repository';

/** Every kind of email a person can turn off; each is one `email_*` column of `reminder_settings`. */
export type EmailKind = 'weeklyReminder' | 'partnerCheckedIn' | 'bothAnswered' | 'coachDigest';

export const EMAIL_KIND_COLUMNS: Record<EmailKind, EmailSettingColumn> = {
  weeklyReminder: 'email_weekly_reminder',
  partnerCheckedIn: 'email_partner_checked_in',
  bothAnswered: 'email_both_answered',
  coachDigest: 'email_coach_digest',
};

/**
 * What an unsubscribe link turns off: one kind of email, or every kind at once (the link in a confirmation email, which
 * may reach someone who never asked for Tandem).
 */
export type UnsubscribeScope = EmailKind | 'everything';

const SCOPE_COLUMNS: Record<UnsubscribeScope, EmailSettingColumn[]> = {
  ...(Object.fromEntries(Object.entries(EMAIL_KIND_COLUMNS).map(([kind, column]) => [kind, [column]])) as Record<
    EmailKind,
    EmailSettingColumn[]
  >),
  everything: Object.values(EMAIL_KIND_COLUMNS),
};

function isScope(scope: string): scope is UnsubscribeScope {
  return Object.hasOwn(SCOPE_COLUMNS, scope);
}

/**
 * An unsubscribe link works for about a year: an email found in an archive months later still stops its kind, and
 * the table does not grow for ever (housekeeping removes expired rows).
 */
const UNSUBSCRIBE_TTL_MS = 400 * 24 * 60 * 60 * 1000;

/** The address a link in an email points at: the path of the unsubscribe routes, under PUBLIC_URL. */
export const UNSUBSCRIBE_PATH = '/email/unsubscribe/';

/**
 * The link, and the RFC 8058 headers, that turn off `kind` for this person only. Each email gets a token of its own
 * (256 random bits) whose SHA-256 alone is stored, with the one thing it may do: a copy of the table opens nothing,
 * and a token can neither sign in nor change any other setting. A random token rather than an HMAC of the user and
 * kind: no server secret to configure, keep and rotate, and a token can be ended by deleting its row.
 */
export async function unsubscribeFor(
  deps: AppDeps,
  userId: string,
  kind: UnsubscribeScope,
): Promise<{ url: string; headers: Record<string, string> }> {
  const base = deps.config.publicUrl;
  if (!base) throw new Error('Unsubscribe links need PUBLIC_URL, the address people reach this server at.');
  const token = newSessionToken();
  const now = deps.now();
  await insertUnsubscribeToken(deps.db, {
    tokenHash: hashSecret(token),
    userId,
    kind,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + UNSUBSCRIBE_TTL_MS).toISOString(),
  });
  const url = `${base}${UNSUBSCRIBE_PATH}${token}`;
  return {
    url,
    headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** What a token would turn off, without changing anything (the page a link opens asks first). */
export async function unsubscribeTarget(deps: AppDeps, token: string): Promise<UnsubscribeScope | null> {
  const row = await findUnsubscribeToken(deps.db, hashSecret(token), deps.now().toISOString());
  return row && isScope(row.kind) ? row.kind : null;
}

/**
 * Turns off the one kind of email the token names, for the one person it names; null when the token is unknown or
 * expired, after the same statements a known one runs. Using a token again is harmless: the kind is simply off.
 */
export async function unsubscribeWith(deps: AppDeps, token: string): Promise<UnsubscribeScope | null> {
  const nowIso = deps.now().toISOString();
  const row = await findUnsubscribeToken(deps.db, hashSecret(token), nowIso);
  const scope = row && isScope(row.kind) ? row.kind : null;
  await turnEmailOff(deps.db, scope ? row!.userId : null, SCOPE_COLUMNS[scope ?? 'everything'], nowIso);
  return scope;
}
