import type { DB } from '#server/db/database';

/** The address a person confirmed, if any (it may differ from their current email). */
export async function findConfirmedAddress(db: DB, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('email_confirmations')
    .select('address')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.address ?? null;
}

/** The current email, when it is exactly the address its owner confirmed; null otherwise. */
export async function findVerifiedAddress(db: DB, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('email_confirmations', 'email_confirmations.user_id', 'users.id')
    .select('users.email')
    .where('users.id', '=', userId)
    .whereRef('email_confirmations.address', '=', 'users.email')
    .executeTakeFirst();
  return row?.email ?? null;
}

export interface NewConfirmationToken {
  tokenHash: string;
  userId: string;
  address: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * A new confirmation link replaces any earlier one: only the latest email's link works. One statement, keyed by the
 * person: two requests at once (a double click) each replace the row, where a delete and an insert could collide.
 */
export async function replaceConfirmationToken(db: DB, token: NewConfirmationToken): Promise<void> {
  const values = {
    token_hash: token.tokenHash,
    address: token.address,
    created_at: token.createdAt,
    expires_at: token.expiresAt,
  };
  await db
    .insertInto('email_confirmation_tokens')
    .values({ ...values, user_id: token.userId })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

/**
 * Takes the link out of the table and returns what it confirms, in one statement: of two requests opening the same
 * link at once, only one gets the row back.
 */
export async function takeConfirmationToken(
  db: DB,
  tokenHash: string,
): Promise<{ userId: string; address: string; expiresAt: string } | null> {
  const row = await db
    .deleteFrom('email_confirmation_tokens')
    .where('token_hash', '=', tokenHash)
    .returning(['user_id as userId', 'address', 'expires_at as expiresAt'])
    .executeTakeFirst();
  return row ?? null;
}

export async function recordConfirmedAddress(db: DB, userId: string, address: string, nowIso: string): Promise<void> {
  await db
    .insertInto('email_confirmations')
    .values({ user_id: userId, address, confirmed_at: nowIso })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ address, confirmed_at: nowIso }))
    .execute();
}

/** Forgets the address a person confirmed: an address left behind, even their own, is proved again by a new link. */
export async function forgetConfirmedAddress(db: DB, userId: string): Promise<void> {
  await db.deleteFrom('email_confirmations').where('user_id', '=', userId).execute();
}

export async function insertUnsubscribeToken(
  db: DB,
  token: { tokenHash: string; userId: string; kind: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('email_unsubscribe_tokens')
    .values({
      token_hash: token.tokenHash,
      user_id: token.userId,
      kind: token.kind,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
    })
    .execute();
}

export async function findUnsubscribeToken(
  db: DB,
  tokenHash: string,
  nowIso: string,
): Promise<{ userId: string; kind: string } | null> {
  const row = await db
    .selectFrom('email_unsubscribe_tokens')
    .select(['user_id as userId', 'kind'])
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return row ?? null;
}

/** Links in emails sent to an address the person has since left: whoever reads that address now changes nothing. */
export async function deleteUnsubscribeTokensOf(db: DB, userId: string): Promise<void> {
  await db.deleteFrom('email_unsubscribe_tokens').where('user_id', '=', userId).execute();
}

export async function deleteExpiredEmailTokens(db: DB, nowIso: string): Promise<void> {
  await db.deleteFrom('email_unsubscribe_tokens').where('expires_at', '<=', nowIso).execute();
  await db.deleteFrom('email_confirmation_tokens').where('expires_at', '<=', nowIso).execute();
}

/** The `reminder_settings` columns that switch one kind of email on or off. */
export type EmailSettingColumn =
  'email_weekly_reminder' | 'email_partner_checked_in' | 'email_both_answered' | 'email_coach_digest';

/**
 * Turns one kind of email off. A person without saved settings gets the default row (everything off, Sunday 19:00)
 * first, so the change has somewhere to live. `userId` naming nobody changes nothing.
 */
export async function turnEmailOff(
  db: DB,
  userId: string | null,
  columns: readonly EmailSettingColumn[],
  nowIso: string,
): Promise<void> {
  if (userId !== null) {
    await db
      .insertInto('reminder_settings')
      .values({
        user_id: userId,
        enabled: 0,
        weekday: 7,
        time: '19:00',
        time_zone: 'UTC',
        email_weekly_reminder: 0,
        email_partner_checked_in: 0,
        email_both_answered: 0,
        email_coach_digest: 0,
        updated_at: nowIso,
      })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
  }
  // The same statement for a token that names nobody, so a guessed token costs what a real one does.
  await db
    .updateTable('reminder_settings')
    .set({ ...Object.fromEntries(columns.map((column) => [column, 0])), updated_at: nowIso })
    .where('user_id', '=', userId ?? '')
    .execute();
}
