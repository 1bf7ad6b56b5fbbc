import { inTransaction } from '#server/db/dialect';
import type { DB } from '#server/db/database';

/** Removes demo people and couples made before the cutoff; their sessions, check-ins and invites cascade. */
export async function deleteDemoDataCreatedBefore(db: DB, cutoffIso: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    const users = await trx
      .deleteFrom('users')
      .where('is_demo', '=', 1)
      .where('created_at', '<', cutoffIso)
      .executeTakeFirst();
    await trx.deleteFrom('couples').where('is_demo', '=', 1).where('created_at', '<', cutoffIso).execute();
    return Number(users.numDeletedRows);
  });
}
