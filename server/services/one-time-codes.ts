import type { DB } from '#server/db/database';
import { Conflict, NotFound } from '#server/errors';
import { findInvite, type InviteRow, type InviteTable } from '#server/repositories/invites.repository';

export interface CodeMessages {
  unknown: string;
  used: string;
  expired: string;
}

/**
 * The invite behind a code, if it can still be used: the same rules for a partner's invitation and a coach's.
 * An unknown or expired code is NotFound, a used one Conflict, each with words for whoever holds it.
 */
export async function openInvite(
  trx: DB,
  table: InviteTable,
  codeHash: string,
  nowIso: string,
  messages: CodeMessages,
): Promise<InviteRow> {
  const invite = await findInvite(trx, table, codeHash);
  if (!invite) throw new NotFound(messages.unknown);
  if (invite.usedAt) throw new Conflict(messages.used);
  if (invite.expiresAt <= nowIso) throw new NotFound(messages.expired);
  return invite;
}
