import type { DB } from '#server/db/database';

/** A failed password check, kept 15 minutes: who (a hash of the email), and when. */
interface FailedLoginsTable {
  id: string;
  /** SHA-256 of the normalized email, hex. */
  account: string;
  at: string;
}

// Not part of the app's schema type: these rows are counts, read and written here alone, never part of an export.
const table = (db: DB) => db.withTables<{ failed_logins: FailedLoginsTable }>();

/** The account's failures after `sinceIso`, newest first, at most `limit` of them. */
export async function newestFailures(db: DB, account: string, sinceIso: string, limit: number): Promise<string[]> {
  const rows = await table(db)
    .selectFrom('failed_logins')
    .select('at')
    .where('account', '=', account)
    .where('at', '>', sinceIso)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.at);
}

export async function insertFailure(db: DB, row: FailedLoginsTable): Promise<void> {
  await table(db).insertInto('failed_logins').values(row).execute();
}

export async function deleteFailure(db: DB, id: string): Promise<void> {
  await table(db).deleteFrom('failed_logins').where('id', '=', id).execute();
}

/** Every failure of the account. */
export async function deleteFailuresOf(db: DB, account: string): Promise<void> {
  await table(db).deleteFrom('failed_logins').where('account', '=', account).execute();
}

/** Every account's failures at or before `untilIso`: those no count looks at any more. */
export async function deleteFailuresUntil(db: DB, untilIso: string): Promise<number> {
  const result = await table(db).deleteFrom('failed_logins').where('at', '<=', untilIso).executeTakeFirst();
  return Number(result.numDeletedRows);
}
