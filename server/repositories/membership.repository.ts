import type { DB } from '#server/db/database';

/** Takes the person out of their couple; false when they were in none. */
export async function removeMembership(db: DB, coupleId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('couple_members')
    .where('couple_id', '=', coupleId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The ones who stay in a couple a partner left: their membership changed at `at` (see `membershipStart`). */
export async function markPartnerLeft(db: DB, coupleId: string, at: string): Promise<void> {
  await db.updateTable('couple_members').set({ partner_left_at: at }).where('couple_id', '=', coupleId).execute();
}

/**
 * Codes the leaver made for this couple stop working: the partner who stays never chose them, and a coach code
 * used later would open the stayer's data without their consent.
 */
export async function expireOpenCodesMadeBy(db: DB, coupleId: string, userId: string, nowIso: string): Promise<void> {
  for (const table of ['couple_invites', 'coach_invites'] as const) {
    await db
      .updateTable(table)
      .set({ expires_at: nowIso })
      .where('couple_id', '=', coupleId)
      .where('created_by', '=', userId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', nowIso)
      .execute();
  }
}

/** Deletes the couple when nobody is left in it; its invites, focuses and coach links go with it (cascades). */
export async function deleteCoupleIfEmpty(db: DB, coupleId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('couples')
    .where('id', '=', coupleId)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('couple_members').select('user_id').where('couple_id', '=', coupleId))),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Erases the person; every row they own goes by the schema's cascades (see docs/decisions.md for each table). */
export async function deleteUser(db: DB, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('users').where('id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
