import type { DB } from '#server/db/database';
import type { CamelRow } from '#server/db/rows';
import type { InvitesTable } from '#server/db/tables';

/**
 * One-time codes: a partner's invitation into the couple, and a couple's invitation to a coach. Both tables have the
 * same columns and the same rules (stored hashed, used once, expiring), so one set of queries serves both.
 */
export type InviteTable = 'couple_invites' | 'coach_invites';

export interface NewInvite {
  codeHash: string;
  coupleId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

export async function insertInvite(db: DB, table: InviteTable, invite: NewInvite): Promise<void> {
  await db
    .insertInto(table)
    .values({
      code_hash: invite.codeHash,
      couple_id: invite.coupleId,
      created_by: invite.createdBy,
      created_at: invite.createdAt,
      expires_at: invite.expiresAt,
      used_at: null,
      used_by: null,
    })
    .execute();
}

/** What deciding whether a code can still be used needs: whose it is, whether it was used, when it expires. */
export type InviteRow = CamelRow<Pick<InvitesTable, 'couple_id' | 'created_by' | 'used_at' | 'used_by' | 'expires_at'>>;

export async function findInvite(db: DB, table: InviteTable, codeHash: string): Promise<InviteRow | null> {
  const row = await db
    .selectFrom(table)
    .select([
      'couple_id as coupleId',
      'created_by as createdBy',
      'used_at as usedAt',
      'used_by as usedBy',
      'expires_at as expiresAt',
    ])
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  return row ?? null;
}

/** Marks the invite used; false when another request used it first. */
export async function markInviteUsed(
  db: DB,
  table: InviteTable,
  codeHash: string,
  userId: string,
  usedAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable(table)
    .set({ used_at: usedAt, used_by: userId })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new code replaces the old: only one open invite per couple, so a stale code cannot be used later. */
export async function expireOpenInvites(db: DB, coupleId: string, nowIso: string): Promise<void> {
  await db
    .updateTable('couple_invites')
    .set({ expires_at: nowIso })
    .where('couple_id', '=', coupleId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .execute();
}

export type OpenInviteRow = CamelRow<Pick<InvitesTable, 'expires_at'>>;

/** The couple's partner invite that can still be used, if any: the one expiring last. */
export async function findOpenInvite(db: DB, coupleId: string, nowIso: string): Promise<OpenInviteRow | null> {
  const row = await db
    .selectFrom('couple_invites')
    .select(['expires_at as expiresAt'])
    .where('couple_id', '=', coupleId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
  return row ?? null;
}
