import { sql, type Updateable } from 'kysely';
import type { DB } from '#server/db/database';
import type { EmailDeliveriesTable } from '#server/db/tables';

/** What makes an email the same email: who gets it, which kind, and the ISO week it is about. */
export interface DeliveryKey {
  userId: string;
  kind: string;
  period: string;
}

export interface DeliveryRow extends DeliveryKey {
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/**
 * Takes the delivery for this process, or answers false when another process (or an earlier run of this one) holds
 * it. A new key is claimed by inserting its row: the primary key lets exactly one insert in, on both databases. A
 * pending row whose lease or backoff has run out is taken again by one conditional update: of two processes trying
 * at once, the second finds `next_attempt_at` already moved on and updates nothing. Either way the claim lasts until
 * `leaseUntil`; a process that dies holding it leaves it to be taken again after that.
 */
export async function claimDelivery(
  db: DB,
  key: DeliveryKey,
  nowIso: string,
  leaseUntil: string,
  maxAttempts: number,
): Promise<{ attempt: number } | null> {
  const inserted = await db
    .insertInto('email_deliveries')
    .values({
      user_id: key.userId,
      kind: key.kind,
      period: key.period,
      status: 'pending',
      attempts: 1,
      next_attempt_at: leaseUntil,
      last_error: null,
      created_at: nowIso,
      sent_at: null,
    })
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'period']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { attempt: 1 };

  const retaken = await db
    .updateTable('email_deliveries')
    .set({ attempts: sql<number>`attempts + 1`, next_attempt_at: leaseUntil })
    .where('user_id', '=', key.userId)
    .where('kind', '=', key.kind)
    .where('period', '=', key.period)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', nowIso)
    .where('attempts', '<', maxAttempts)
    .returning('attempts')
    .executeTakeFirst();
  return retaken ? { attempt: retaken.attempts } : null;
}

/**
 * The keys of `periods` nobody may claim now: sent, given up, or pending with a lease or backoff still running. A pass
 * skips them without a write; a row that changes in between is still decided by the claim itself.
 */
export async function unclaimableKeys(db: DB, periods: readonly string[], nowIso: string): Promise<Set<string>> {
  if (periods.length === 0) return new Set();
  const rows = await db
    .selectFrom('email_deliveries')
    .select(['user_id', 'kind', 'period', 'status', 'next_attempt_at'])
    .where('period', 'in', [...new Set(periods)])
    .execute();
  return new Set(
    rows
      .filter((r) => r.status !== 'pending' || r.next_attempt_at > nowIso)
      .map((r) => deliveryKeyText({ userId: r.user_id, kind: r.kind, period: r.period })),
  );
}

export function deliveryKeyText(key: DeliveryKey): string {
  return `${key.userId} ${key.kind} ${key.period}`;
}

/** The SMTP server accepted it: never sent again. */
export async function markSent(db: DB, key: DeliveryKey, sentAt: string): Promise<void> {
  await updateClaim(db, key, { status: 'sent', sent_at: sentAt, last_error: null }).execute();
}

/**
 * A send that failed: taken again at `retryAt`, or given up (`retryAt` null) and recorded as failed. Only by the holder
 * of that attempt: once a slow send's lease ran out and another process took the row, the first one's failure must
 * not reschedule (or fail) the second one's attempt.
 */
export async function markFailed(
  db: DB,
  key: DeliveryKey,
  attempt: number,
  error: string,
  retryAt: string | null,
): Promise<void> {
  await updateClaim(
    db,
    key,
    retryAt === null
      ? { status: 'failed', last_error: error }
      : { status: 'pending', last_error: error, next_attempt_at: retryAt },
  )
    .where('attempts', '=', attempt)
    .execute();
}

/**
 * Pending rows nobody will take again are recorded as failed: those that used every attempt (a process died holding
 * the last one), and those whose email stopped being due long ago (the week moved on while it waited for a retry).
 */
export async function giveUpStaleDeliveries(
  db: DB,
  nowIso: string,
  staleBefore: string,
  maxAttempts: number,
): Promise<void> {
  await db
    .updateTable('email_deliveries')
    .set({ status: 'failed', last_error: sql<string>`coalesce(last_error, 'interrupted')` })
    .where('status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('next_attempt_at', '<', staleBefore),
        eb.and([eb('attempts', '>=', maxAttempts), eb('next_attempt_at', '<=', nowIso)]),
      ]),
    )
    .execute();
}

/**
 * Rows of emails settled before `before` are forgotten. No pass looks at them again: every kind is due for the
 * current week only, so a week's row is needed for that week and its grace window, and kept a while longer only to
 * say what was sent. The (status, next_attempt_at) index finds them; a sent row's next_attempt_at is its claim's.
 */
export async function deleteSettledDeliveriesBefore(db: DB, before: string): Promise<void> {
  await db
    .deleteFrom('email_deliveries')
    .where('status', 'in', ['sent', 'failed'])
    .where('next_attempt_at', '<', before)
    .execute();
}

export async function listDeliveries(db: DB, userId?: string): Promise<DeliveryRow[]> {
  let query = db
    .selectFrom('email_deliveries')
    .select([
      'user_id',
      'kind',
      'period',
      'status',
      'attempts',
      'next_attempt_at',
      'last_error',
      'created_at',
      'sent_at',
    ]);
  if (userId) query = query.where('user_id', '=', userId);
  const rows = await query.orderBy('created_at').orderBy('kind').execute();
  return rows.map((r) => ({
    userId: r.user_id,
    kind: r.kind,
    period: r.period,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}

/** Only the claim's own row, and only while it is still pending. */
function updateClaim(db: DB, key: DeliveryKey, values: Updateable<EmailDeliveriesTable>) {
  return db
    .updateTable('email_deliveries')
    .set(values)
    .where('user_id', '=', key.userId)
    .where('kind', '=', key.kind)
    .where('period', '=', key.period)
    .where('status', '=', 'pending');
}
